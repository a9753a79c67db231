#!/usr/bin/env node
/**
 * The `parley` executable. Sets `process.exitCode` rather than calling `process.exit`, so
 * buffered output to pipes is flushed before the process ends.
 */
import { main } from './main.js';

// `parley verify big.jsonl | head -1` closes the pipe early: that is not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
