#!/usr/bin/env node
/**
 * The `parley` executable. Sets `process.exitCode` rather than calling `process.exit`, so
 * buffered output to pipes is flushed before the process ends.
 */
import { z } from 'zod';
import { main } from './main.js';

// zod compiles object parsers with `new Function` unless told not to: Parley evaluates no
// generated code, so the schemas run on zod's interpreted path.
z.config({ jitless: true });

// `parley verify big.jsonl | head -1` closes the pipe early: that is not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
