#!/usr/bin/env node
/**
 * The `parley` executable. Sets `process.exitCode` rather than calling `process.exit`, so
 * buffered output to pipes is flushed before the process ends.
 */
import { z } from 'zod';
import { tuneHeap } from './heapTuning.js';
import { main } from './main.js';

// zod compiles object parsers with `new Function` unless told not to. Parley evaluates no
// generated code: events are accepted by closures derived from the schemas
// (src/core/validation), so zod only runs on input that is about to be rejected, and on
// scenario files, where its interpreted path costs nothing noticeable.
z.config({ jitless: true });

// Before anything runs: see heapTuning.ts (simulations keep most of what they allocate).
tuneHeap();

// `parley verify big.jsonl | head -1` closes the pipe early: that is not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
