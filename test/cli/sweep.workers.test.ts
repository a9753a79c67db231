/**
 * The worker pool, as users run it: the built `parley` (see built.ts) in a child process. The rows are the
 * same bytes whatever the number of workers (the reorder buffer writes in run order, and the
 * batches' buffers, moved to the workers and back, are reused); JSON Lines go through the
 * same reorder buffer and are compared with CSV in sweep.test.ts. A worker that dies (here:
 * out of memory under a limit set far too low) stops the sweep with a clear error.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareGrid, sweepSetup } from '../../src/explore/prepare.js';
import { source } from '../explore/fixtures.js';
import { builtBin, parley, ROOT } from './built.js';

const paris = join(ROOT, 'scenarios/paris-2026.yaml');

let bin = '';
beforeAll(async () => {
  bin = await builtBin();
}, 180_000);

describe('parley sweep --workers', () => {
  it('writes the same bytes with 0, 1 and 2 workers', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-workers-'));
    // 2 cells × 400 seeds = 800 runs: seven batches, more than the tasks in flight, so that
    // workers fill buffers handed back from earlier batches.
    const base = ['sweep', paris, '--runs', '400', '--set', 'mechanism.enabled=true,false', '--seed', '7'];
    const runs = [];
    for (const k of [0, 1, 2]) runs.push(await parley(bin, [...base, '--workers', String(k), '--out', `k${k}.csv`], cwd));
    for (const r of runs) expect([r.code, r.stderr]).toEqual([0, '']);
    expect(runs[2]?.stdout).toMatch(/runs {4}800 of 800 on 2 worker threads/);
    expect(runs[1]?.stdout).toMatch(/on 1 worker thread\n/);
    expect(runs[0]?.stdout).toMatch(/on the main thread \(--workers 0\)/);
    const same = (a: string, b: string) => readFileSync(join(cwd, a)).equals(readFileSync(join(cwd, b)));
    expect(readFileSync(join(cwd, 'k0.csv'), 'utf8').split('\n')).toHaveLength(803);
    expect(same('k1.csv', 'k0.csv')).toBe(true);
    expect(same('k2.csv', 'k0.csv')).toBe(true);
    // The summaries agree too (same rows, added in the same order).
    const summary = (s: string) => s.slice(s.indexOf('\ncell 0'));
    expect(summary(runs[2]?.stdout ?? '')).toBe(summary(runs[0]?.stdout ?? ''));
  }, 240_000);

  it('stops with a one-line error naming --workers 0 when a worker dies, and refuses later batches', async () => {
    const built = dirname(dirname(bin));
    const { workerPool } = (await import(pathToFileURL(join(built, 'explore/executor.js')).href)) as typeof import('../../src/explore/executor.js');
    const grid = prepareGrid(source(paris), []);
    const setup = { ...sweepSetup(grid.cells.map((cell) => ({ from: grid.base, cell })), { parleyVersion: 'test', seed: 1, format: 'csv', text: true, setPaths: [] }), workerHeapMb: 4 };
    const pool = workerPool(setup, 1, pathToFileURL(join(built, 'explore/worker.js')));
    try {
      const error = await pool.run({ from: 0, to: 10 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: 'WORKER_STOPPED', area: 'usage' });
      expect((error as Error).message).toMatch(/^a worker thread stopped \(.*memory.*; its heap limit is 4 MB\): run the sweep with --workers 0/);
      // Later batches are refused at once.
      await expect(pool.run({ from: 10, to: 20 })).rejects.toBe(error);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
