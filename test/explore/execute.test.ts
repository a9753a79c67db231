/**
 * A whole sweep through the library: failed runs are marked and reported with their seed
 * and cell while the others go on (or stop the sweep with failFast); rows and summaries do
 * not depend on how the sweep was cut by interruptions and resumes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAt, type Simulate } from '../../src/explore/batch.js';
import { executeSweep } from '../../src/explore/execute.js';
import { cellLabel } from '../../src/explore/grid.js';
import { sweepIdentity, sweepSetup } from '../../src/explore/prepare.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { runPlan } from '../../src/sim/simulation.js';
import { parisGrid } from './fixtures.js';

const grid = parisGrid(['mechanism.enabled=true,false']);
const setup = (text: boolean) =>
  sweepSetup(grid.cells.map((cell) => ({ from: grid.base, cell })), { parleyVersion: 'test', seed: 9, format: 'csv', text, setPaths: ['mechanism.enabled'] });
const identity = sweepIdentity(grid, 40, 9, 'test');
const labels = grid.cells.map((c) => cellLabel(grid.specs, c));

/** Fails the runs of cell 1 whose seed is odd. */
const failing = (seeds: ReadonlySet<number>): Simulate => (plan) => {
  if (seeds.has(plan.seed) && !plan.mechanism.enabled) throw new Error(`no luck with\nseed ${plan.seed}`);
  return computeOutcomes(runPlan(plan).state);
};

describe('executeSweep', () => {
  it('marks a failed run in its row, reports it with seed and cell, and runs the others', async () => {
    const s = setup(true);
    const bad = new Set([0, 5, 17].map((i) => runAt(s, i * 2 + 1).seed));
    const dir = mkdtempSync(join(tmpdir(), 'parley-exec-'));
    const out = { path: join(dir, 'rows.csv'), file: 'rows.csv', resume: false };
    const outcome = await executeSweep({ setup: s, labels, identity, out, workers: 0, simulate: failing(bad) });
    expect(outcome.stoppedBy).toBe('end');
    expect(outcome.ran).toBe(80);
    expect(outcome.failedRuns).toBe(3);
    expect(outcome.failures.map((f) => [f.run, f.cell])).toEqual([[1, 1], [11, 1], [35, 1]]);
    expect(outcome.failures[0]).toMatchObject({ seed: runAt(s, 1).seed, message: `no luck with seed ${runAt(s, 1).seed}` });
    const lines = readFileSync(out.path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(82);
    expect(lines[3]).toMatch(/^1,1,\d+,"false",,,.*,"no luck with seed \d+","parley run /);
    const [cell0, cell1] = outcome.summary.report();
    expect([cell0?.runs, cell0?.failed, cell1?.runs, cell1?.failed]).toEqual([40, 0, 40, 3]);
    expect(cell1?.means['incidents.total']?.n).toBe(37);
  });

  it('with failFast, stops after the batch holding the first failure', async () => {
    const s = setup(false);
    const bad = new Set([runAt(s, 3).seed]);
    const outcome = await executeSweep({ setup: s, labels, identity: sweepIdentity(grid, 400, 9, 'test'), workers: 0, failFast: true, simulate: failing(bad) });
    expect(outcome.stoppedBy).toBe('failure');
    expect(outcome.failedRuns).toBeGreaterThanOrEqual(1);
    expect(outcome.ran).toBeLessThan(800);
  });

  it('stops on abort between batches, keeping every batch it started', async () => {
    const controller = new AbortController();
    const dir = mkdtempSync(join(tmpdir(), 'parley-exec-'));
    const out = { path: join(dir, 'rows.csv'), file: 'rows.csv', resume: true };
    const big = sweepIdentity(grid, 400, 9, 'test');
    const first = await executeSweep({
      setup: setup(true),
      labels,
      identity: big,
      out,
      workers: 0,
      signal: controller.signal,
      onProgress: (done) => done >= 256 && controller.abort(),
    });
    expect(first.stoppedBy).toBe('signal');
    expect(first.ran % 128).toBe(0);
    const rows = readFileSync(out.path, 'utf8').trimEnd().split('\n').length - 2;
    expect(rows).toBe(first.ran);
    const second = await executeSweep({ setup: setup(true), labels, identity: big, out, workers: 0 });
    expect(second.resumed).toBe(first.ran);
    expect(second.resumed + second.ran).toBe(800);
  });
});
