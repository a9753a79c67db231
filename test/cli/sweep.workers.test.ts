/**
 * The worker pool, as users run it: the built `parley` (see built.ts) in a child process. The rows are the
 * same bytes whatever the number of workers (the reorder buffer writes in run order); JSON
 * Lines go through the same reorder buffer and are compared with CSV in sweep.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtBin, parley, ROOT } from './built.js';

const paris = join(ROOT, 'scenarios/paris-2026.yaml');

let bin = '';
beforeAll(async () => {
  bin = await builtBin();
}, 180_000);

describe('parley sweep --workers', () => {
  it('writes the same bytes with 0, 1 and 2 workers', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-workers-'));
    // 2 cells × 150 seeds = 300 runs: three batches, so two workers both get work.
    const base = ['sweep', paris, '--runs', '150', '--set', 'mechanism.enabled=true,false', '--seed', '7'];
    const runs = [];
    for (const k of [0, 1, 2]) runs.push(await parley(bin, [...base, '--workers', String(k), '--out', `k${k}.csv`], cwd));
    for (const r of runs) expect([r.code, r.stderr]).toEqual([0, '']);
    expect(runs[2]?.stdout).toMatch(/runs {4}300 of 300 on 2 worker threads/);
    expect(runs[1]?.stdout).toMatch(/on 1 worker thread\n/);
    expect(runs[0]?.stdout).toMatch(/on the main thread \(--workers 0\)/);
    const same = (a: string, b: string) => readFileSync(join(cwd, a)).equals(readFileSync(join(cwd, b)));
    expect(readFileSync(join(cwd, 'k0.csv'), 'utf8').split('\n')).toHaveLength(303);
    expect(same('k1.csv', 'k0.csv')).toBe(true);
    expect(same('k2.csv', 'k0.csv')).toBe(true);
    // The summaries agree too (same rows, added in the same order).
    const summary = (s: string) => s.slice(s.indexOf('\ncell 0'));
    expect(summary(runs[2]?.stdout ?? '')).toBe(summary(runs[0]?.stdout ?? ''));
  }, 240_000);
});
