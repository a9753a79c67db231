/**
 * Where a sweep's batches run: on the main thread, or in a pool of worker threads
 * (tinypool) that live for the whole sweep. Both take the same tasks and give the same
 * results (the same function runs them: batch.ts), so the rows do not depend on the choice.
 *
 * Why a small sweep stays on the main thread: a fresh thread spends its first ~250 Paris
 * runs (~0.4 s) warming up the JIT, and one busy thread already keeps ~1.4 of 2 cores busy
 * (V8's compiler and GC threads), so two workers only beat one thread once the sweep is
 * long enough to pay for their warm-up (bench/suites/sweep.ts measures it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import Tinypool from 'tinypool';
import { createBatchRunner, type BatchResult, type BatchTask, type Simulate, type SweepSetup } from './batch.js';

/**
 * Runs below which `--workers auto` (the default) starts no worker thread. Set from the
 * measured facts (two threads slower than one at 1,000 Paris runs, 1.34–1.39× faster at
 * 8,000); `npm run bench:sweep -- --threshold` measures the crossover on a quiet machine.
 */
export const IN_PROCESS_BELOW = 4000;

/** Runs per task handed to a worker: ~0.1 s of work, so IPC and scheduling cost little. */
export const BATCH_SIZE = 128;

/** Runs batches somewhere. */
export interface Executor {
  /** Threads running batches (0 for the main thread). */
  readonly workers: number;
  /** How many tasks to keep in flight. */
  readonly slots: number;
  run(task: BatchTask): Promise<BatchResult>;
  close(): Promise<void>;
}

/**
 * The compiled worker script, or `undefined` when this module runs from the TypeScript
 * sources (the test suite), where only the main thread can run batches.
 */
export const WORKER_SCRIPT: URL | undefined = (() => {
  if (!fileURLToPath(import.meta.url).endsWith('.js')) return undefined;
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(url) ? url : undefined;
})();

/**
 * Batches on the main thread, one per turn of the event loop, so a Ctrl-C is seen between
 * two batches.
 */
export function inProcess(setup: SweepSetup, sim?: Simulate): Executor {
  const runner = createBatchRunner(setup, sim);
  return {
    workers: 0,
    slots: 1,
    run: async (task) => {
      await yieldToLoop();
      return runner(task);
    },
    close: async () => undefined,
  };
}

/** A pool of `workers` threads, started now and kept until `close`. */
export function workerPool(setup: SweepSetup, workers: number, script: URL): Executor {
  const pool = new Tinypool({
    filename: script.href,
    // min = max: every worker lives until `close`, keeping its compiled plans and warm JIT.
    minThreads: workers,
    maxThreads: workers,
    isolateWorkers: false,
    workerData: setup,
  });
  return {
    workers,
    // Two tasks per worker: the next one is queued while the current one runs.
    slots: 2 * workers,
    run: (task) => pool.run(task) as Promise<BatchResult>,
    close: () => pool.destroy(),
  };
}

/** How a sweep of `runs` runs with `requested` workers, and why. */
export interface ExecutorChoice {
  readonly workers: number;
  readonly reason: string;
}

/**
 * Picks the main thread or a pool for a sweep of `runs` runs: `auto` means one worker per
 * core, or none below {@link IN_PROCESS_BELOW} runs; a number is taken as asked (0: the main
 * thread).
 */
export function chooseWorkers(runs: number, requested: number | 'auto', cores: number, script: URL | undefined = WORKER_SCRIPT): ExecutorChoice {
  if (runs === 0) return { workers: 0, reason: '(nothing left to run)' };
  if (requested === 0) return { workers: 0, reason: 'on the main thread (--workers 0)' };
  if (requested === 'auto' && runs < IN_PROCESS_BELOW) {
    return { workers: 0, reason: `on the main thread (${runs} runs: below ${IN_PROCESS_BELOW}, one thread is faster than starting workers)` };
  }
  if (script === undefined) return { workers: 0, reason: 'on the main thread (running from the TypeScript sources: no compiled worker)' };
  const workers = requested === 'auto' ? cores : requested;
  return { workers, reason: `on ${workers} worker thread${workers === 1 ? '' : 's'}` };
}
