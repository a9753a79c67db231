/**
 * A batch's result buffer and a worker's heap limits. The buffer goes back and forth between
 * the sweep loop and the runner (batch.ts): a reused buffer must give the same rows and
 * vectors as a fresh one, and be used whenever it is large enough (the main thread then
 * allocates nothing per batch). The heap limit is the least one for ordinary sweeps and
 * grows with the grid and the runs' estimated events (executor.ts `workerHeapMb`).
 */
import { describe, expect, it } from 'vitest';
import { createBatchRunner, vectorWidth, type BatchResult } from '../../src/explore/batch.js';
import { WORKER_OLD_GENERATION_MB, workerHeapMb } from '../../src/explore/executor.js';
import { sweepSetup } from '../../src/explore/prepare.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { estimateEvents } from '../../src/scenario/limits.js';
import { parisGrid, PARIS_FILE, source } from './fixtures.js';

const grid = parisGrid(['mechanism.enabled=true,false']);
const setup = sweepSetup(grid.cells.map((cell) => ({ from: grid.base, cell })), { parleyVersion: 'test', seed: 3, format: 'csv', text: true, setPaths: ['mechanism.enabled'] });

const copy = (r: BatchResult) => ({ from: r.from, to: r.to, rows: Buffer.from(r.rows).toString('utf8'), values: Array.from(r.values), failures: r.failures });

describe('createBatchRunner', () => {
  it('fills a reused buffer with exactly what a fresh one gets, and uses it when large enough', () => {
    const fresh = createBatchRunner(setup);
    const expected = [copy(fresh({ from: 0, to: 16 })), copy(fresh({ from: 16, to: 22 })), copy(fresh({ from: 30, to: 60 }))];

    const run = createBatchRunner(setup);
    const first = run({ from: 0, to: 16 });
    expect(copy(first)).toEqual(expected[0]);
    const buffer = first.values.buffer as ArrayBuffer;
    // Fewer runs: the same buffer serves, and nothing of the longer batch shows through.
    const second = run({ from: 16, to: 22, reuse: buffer });
    expect(second.values.buffer).toBe(buffer);
    expect(second.rows.buffer).toBe(buffer);
    expect(copy(second)).toEqual(expected[1]);
    expect(second.values).toHaveLength(6 * vectorWidth(setup));
    // More runs than the buffer holds: a new, larger one.
    const third = run({ from: 30, to: 60, reuse: second.values.buffer as ArrayBuffer });
    expect(third.values.buffer).not.toBe(buffer);
    expect(copy(third)).toEqual(expected[2]);
    // Each row is one line of the batch's runs, in order.
    expect(copy(third).rows.split('\n').slice(0, -1).map((line) => Number(line.split(',')[0]))).toEqual(Array.from({ length: 30 }, (_, i) => 30 + i));
  });
});

describe('workerHeapMb', () => {
  const paris = source(PARIS_FILE);
  const plan = compileScenario(paris.scenario, { hash: paris.hash, parleyVersion: 'test' });
  const sourceBytes = Buffer.byteLength(paris.source);

  it('is the least limit for the Paris sweep, and what sweepSetup gives the workers', () => {
    expect(workerHeapMb([{ plan, sourceBytes }])).toBe(WORKER_OLD_GENERATION_MB);
    expect(setup.workerHeapMb).toBe(WORKER_OLD_GENERATION_MB);
  });

  it('grows with the runs’ estimated events and with the number of cells', () => {
    const long = compileScenario({ ...paris.scenario, horizon: 'P20000D' }, { hash: paris.hash, parleyVersion: 'test' });
    const events = estimateEvents(long).total;
    expect(events).toBeGreaterThan(100_000);
    // 64 MB, one cell, and 2 kB per estimated event.
    expect(workerHeapMb([{ plan: long, sourceBytes }])).toBe(Math.ceil((64 * 2 ** 20 + 16 * sourceBytes + 65_536 + 2048 * events) / 2 ** 20));
    const many = Array.from({ length: 1000 }, () => ({ plan, sourceBytes: 256 * 1024 }));
    expect(workerHeapMb(many)).toBeGreaterThan(4000);
  });
});
