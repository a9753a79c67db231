/**
 * The sweep loop: hands consecutive batches of run indices to an executor, keeps a few in
 * flight, and delivers the results strictly in run order (a reorder buffer keyed by the
 * batch's first run), so whatever the number of workers the rows reach the file in the same
 * order and the summaries add them in the same order. Memory stays flat: at most
 * `executor.slots` batches are in flight or waiting for an earlier one, and each delivered
 * batch's buffer goes out again with a later task (batch.ts), so their number stays too.
 *
 * Stopping: when `signal` aborts (Ctrl-C) or, with `failFast`, when a run fails, no new batch
 * is handed out; the batches already running finish and are delivered (they are at most a
 * few tenths of a second of work), so every run started is kept.
 */
import { BATCH_SIZE, type Executor } from './executor.js';
import type { BatchResult } from './batch.js';

/** Options of {@link runBatches}. */
export interface RunBatchesOptions {
  readonly executor: Executor;
  /** Run indices `[from, to)` to do. */
  readonly from: number;
  readonly to: number;
  /** Runs per task (default {@link BATCH_SIZE}). */
  readonly batchSize?: number;
  /**
   * Receives each batch in run order; synchronous, so deliveries never interleave. The
   * batch's rows and vectors are valid during the call only: their buffer is then reused.
   */
  readonly onBatch: (result: BatchResult) => void;
  /** Stops handing out work when aborted. */
  readonly signal?: AbortSignal;
  /** Stop after the first batch with a failed run. */
  readonly failFast?: boolean;
}

/** How a sweep loop ended. */
export interface RunBatchesResult {
  /** Runs delivered: `[from, from + done)`. */
  readonly done: number;
  readonly stoppedBy: 'end' | 'signal' | 'failure';
}

/**
 * Runs `[from, to)` in batches and delivers them in order.
 * @throws whatever a task or `onBatch` throws, after the batches in flight have settled.
 */
export async function runBatches(options: RunBatchesOptions): Promise<RunBatchesResult> {
  const { executor, to, signal } = options;
  const size = options.batchSize ?? BATCH_SIZE;
  let next = options.from;
  let expected = options.from;
  let stoppedBy: RunBatchesResult['stoppedBy'] = 'end';
  let error: { readonly reason: unknown } | undefined;
  const waiting = new Map<number, BatchResult>();
  const spare: ArrayBuffer[] = [];
  const inFlight = new Set<Promise<void>>();
  // Wakes the loop on Ctrl-C, so the next batch is not handed out after it.
  const aborted = signal ? new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })) : undefined;

  const deliver = (): void => {
    for (let r = waiting.get(expected); r !== undefined; r = waiting.get(expected)) {
      waiting.delete(expected);
      options.onBatch(r);
      spare.push(r.values.buffer as ArrayBuffer);
      expected = r.to;
      if (options.failFast && r.failures.length > 0 && stoppedBy === 'end') stoppedBy = 'failure';
    }
  };

  while (true) {
    if (signal?.aborted && stoppedBy === 'end') stoppedBy = 'signal';
    while (stoppedBy === 'end' && error === undefined && inFlight.size < executor.slots && next < to) {
      const reuse = spare.pop();
      const task = { from: next, to: Math.min(next + size, to), ...(reuse ? { reuse } : {}) };
      next = task.to;
      const settled: Promise<void> = executor
        .run(task)
        .then(
          (result) => {
            if (error !== undefined) return;
            waiting.set(result.from, result);
            deliver();
          },
          (reason: unknown) => {
            error ??= { reason };
          },
        )
        .catch((reason: unknown) => {
          error ??= { reason };
        })
        .finally(() => inFlight.delete(settled));
      inFlight.add(settled);
    }
    if (inFlight.size === 0) break;
    await Promise.race(aborted && stoppedBy === 'end' ? [...inFlight, aborted] : inFlight);
  }
  if (error !== undefined) throw error.reason;
  return { done: expected - options.from, stoppedBy };
}
