/**
 * The pool worker's entry point (tinypool loads the compiled `worker.js`): runs the batches
 * it is handed with the sweep's setup, received once as the worker's data.
 */
import Tinypool, { kTransferable, kValue } from 'tinypool';
import { z } from 'zod';
import { createBatchRunner, type BatchResult, type BatchTask, type SweepSetup } from './batch.js';

// As in the `parley` executable (src/cli/bin.ts): no generated code in this thread either.
z.config({ jitless: true });

let runner: ((task: BatchTask) => BatchResult) | undefined;

/** Runs one batch of the sweep; its buffer is moved to the main thread, not copied. */
export default function runBatch(task: BatchTask): unknown {
  runner ??= createBatchRunner(Tinypool.workerData as SweepSetup);
  const result: BatchResult = runner(task);
  return Tinypool.move({ [kTransferable]: result.values.buffer, [kValue]: result });
}
