/**
 * The sweep loop: batches complete in any order but are delivered in run order, never more
 * than the executor's slots at a time; Ctrl-C and --fail-fast stop handing out work while
 * every batch already running is still delivered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchResult, BatchTask, RunFailure } from '../../src/explore/batch.js';
import type { Executor } from '../../src/explore/executor.js';
import { runBatches } from '../../src/explore/sweep.js';

/** An executor whose tasks finish after the given delays (ms), cycling. */
function fakeExecutor(slots: number, delays: readonly number[], fail?: (run: number) => boolean) {
  let started = 0;
  let running = 0;
  let maxRunning = 0;
  const executor: Executor = {
    workers: slots,
    slots,
    run: async (task: BatchTask): Promise<BatchResult> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const delay = delays[started++ % delays.length] ?? 0;
      await new Promise((r) => setTimeout(r, delay));
      running -= 1;
      const failures: RunFailure[] = [];
      for (let run = task.from; run < task.to; run++) if (fail?.(run)) failures.push({ run, cell: 0, seed: run, message: 'boom' });
      return { from: task.from, to: task.to, rows: new Uint8Array(0), values: new Float64Array(0), failures };
    },
    close: async () => undefined,
  };
  return { executor, maxRunning: () => maxRunning, started: () => started };
}

describe('runBatches', () => {
  it('delivers every run once, in order, whatever order batches finish in (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 40 }),
        async (slots, delays, from, length, batchSize) => {
          const fake = fakeExecutor(slots, delays);
          const seen: Array<[number, number]> = [];
          const r = await runBatches({ executor: fake.executor, from, to: from + length, batchSize, onBatch: (b) => seen.push([b.from, b.to]) });
          expect(r).toEqual({ done: length, stoppedBy: 'end' });
          let at = from;
          for (const [a, b] of seen) {
            expect(a).toBe(at);
            expect(b - a).toBeLessThanOrEqual(batchSize);
            at = b;
          }
          expect(at).toBe(from + length);
          expect(fake.maxRunning()).toBeLessThanOrEqual(slots);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops handing out work on abort, and delivers the batches already running', async () => {
    const fake = fakeExecutor(2, [5, 1, 3]);
    const controller = new AbortController();
    const seen: number[] = [];
    const r = await runBatches({
      executor: fake.executor,
      from: 0,
      to: 10_000,
      batchSize: 10,
      signal: controller.signal,
      onBatch: (b) => {
        seen.push(b.from);
        if (b.from === 50) controller.abort();
      },
    });
    expect(r.stoppedBy).toBe('signal');
    expect(r.done).toBe(seen.length * 10);
    expect(seen).toEqual(seen.map((_, i) => i * 10));
    // Handed out: what was delivered, nothing more.
    expect(fake.started()).toBe(seen.length);
    expect(r.done).toBeLessThan(100);
  });

  it('with failFast, stops after the first batch with a failed run', async () => {
    const fake = fakeExecutor(2, [1], (run) => run === 123);
    const r = await runBatches({ executor: fake.executor, from: 0, to: 5000, batchSize: 20, failFast: true, onBatch: () => undefined });
    expect(r.stoppedBy).toBe('failure');
    expect(r.done).toBeGreaterThanOrEqual(140);
    expect(r.done).toBeLessThan(5000);
  });

  it('reports a task that throws, after the others settled', async () => {
    const executor: Executor = {
      workers: 1,
      slots: 2,
      run: async (task) => {
        if (task.from === 20) throw new Error('worker died');
        return { from: task.from, to: task.to, rows: new Uint8Array(0), values: new Float64Array(0), failures: [] };
      },
      close: async () => undefined,
    };
    await expect(runBatches({ executor, from: 0, to: 100, batchSize: 10, onBatch: () => undefined })).rejects.toThrow('worker died');
  });
});
