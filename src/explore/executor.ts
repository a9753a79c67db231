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
import { UsageError } from '../core/errors.js';
import { estimateEvents } from '../scenario/limits.js';
import type { Plan } from '../sim/plan.js';
import { createBatchRunner, type BatchResult, type BatchTask, type Simulate, type SweepSetup } from './batch.js';

/**
 * Runs below which `--workers auto` (the default) starts no worker thread. Set from the
 * measured facts (two threads slower than one at 1,000 Paris runs, 1.34–1.39× faster at
 * 8,000); `npm run bench:sweep -- --threshold` measures the crossover on a quiet machine.
 */
export const IN_PROCESS_BELOW = 4000;

/**
 * Each worker's young generation, MB. A run's garbage dies young whatever its size, and V8's
 * default (up to 3 × 16 MB) is only reached after the sweep's first minute: it made a long
 * sweep's peak RSS grow past a short one's, and was no faster (bench/suites/sweep.ts).
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * The least old-generation limit of a worker, MB. V8 sizes its heap by this limit: under
 * 256 MB it lets the heap grow only ~1.3× past what the last full collection left alive,
 * against up to 4× under its default limit of several GB. With the default, a worker's
 * heap grew from ~35 MB to ~70 MB during the first minute of a Paris sweep (what it holds
 * alive stays at ~15 MB), and a 100,000-run sweep's peak RSS was 1.3–1.5× a 2,000-run one's.
 */
export const WORKER_OLD_GENERATION_MB = 256;

/**
 * The old-generation limit of a worker for these cells, MB: {@link WORKER_OLD_GENERATION_MB},
 * or more for big grids and long runs. A generous estimate of what a worker holds: 64 MB
 * (Parley's code, ~15 MB measured), each cell's scenario and compiled plan (16 × its file's
 * size + 64 kB; the Paris plan holds ~22 kB), and twice the largest run's estimated events
 * at 1 kB each (a run keeps ~230 bytes per event it records, and the estimate of
 * src/scenario/limits.ts is ~3× the events recorded). A run that records far more than its
 * estimate (parties trading retaliations until `--max-events`) can still exhaust it: the
 * sweep then stops with an error naming `--workers 0`, and `--resume` continues it.
 */
export function workerHeapMb(cells: ReadonlyArray<{ readonly plan: Plan; readonly sourceBytes: number }>): number {
  const MB = 1024 * 1024;
  let bytes = 64 * MB;
  let largestRun = 0;
  for (const { plan, sourceBytes } of cells) {
    bytes += 16 * sourceBytes + 64 * 1024;
    largestRun = Math.max(largestRun, estimateEvents(plan).total);
  }
  bytes += 2 * largestRun * 1024;
  return Math.max(WORKER_OLD_GENERATION_MB, Math.ceil(bytes / MB));
}

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
    // Heap limits that keep a worker's memory where it is after its first batches (see
    // WORKER_YOUNG_GENERATION_MB and workerHeapMb).
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: setup.workerHeapMb },
    workerData: setup,
  });
  // A worker that dies (out of memory, killed) stops the sweep with a clear error: Tinypool
  // rejects the tasks it was running, or reports it on the pool when it was running none.
  let broken: UsageError | undefined;
  const waiting = new Set<(error: unknown) => void>();
  pool.on('error', (error: unknown) => {
    broken ??= workerStopped(error, setup.workerHeapMb);
    for (const reject of waiting) reject(broken);
  });
  return {
    workers,
    // Two tasks per worker: the next one is queued while the current one runs.
    slots: 2 * workers,
    run: (task) =>
      new Promise<BatchResult>((resolve, reject) => {
        if (broken) return reject(broken);
        waiting.add(reject);
        // The buffer to reuse is moved to the worker (and back with the result: worker.ts).
        (pool.run(task, task.reuse ? { transferList: [task.reuse] } : {}) as Promise<BatchResult>)
          .then(resolve, (error: unknown) => reject(isWorkerDeath(error) ? (broken ??= workerStopped(error, setup.workerHeapMb)) : error))
          .finally(() => waiting.delete(reject));
      }),
    close: () => pool.destroy(),
  };
}

const isWorkerDeath = (error: unknown): boolean => String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_WORKER');

function workerStopped(error: unknown, heapMb: number): UsageError {
  const what = error instanceof Error ? error.message : String(error);
  return new UsageError(
    `a worker thread stopped (${what.replace(/\s+/g, ' ')}; its heap limit is ${heapMb} MB): run the sweep with --workers 0 to use the main thread (with --resume, the rows written so far are kept)`,
    'WORKER_STOPPED',
  );
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
