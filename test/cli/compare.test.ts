/**
 * `parley compare`: baseline and variant over the same seeds, paired differences with
 * intervals, and the same numbers whether the variant is a `--set` or a scenario file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './inProcess.js';
import { readCsv } from './sweepHelpers.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const noCell = join(SCENARIOS, 'paris-2026-no-cell.yaml');

interface Line {
  key: string;
  pairs: number;
  baseline: { estimate: number; ci95: [number, number] };
  variant: { estimate: number; ci95: [number, number] };
  difference: { estimate: number; ci95: [number, number] };
}
const lineOf = (json: { outcomes: Line[] }, key: string): Line => json.outcomes.find((l) => l.key === key) as Line;

describe('parley compare', () => {
  it('pairs each seed: the differences are those of a sweep over the same seeds, row by row', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-compare-'));
    const r = await cli(['compare', paris, '--set', 'mechanism.enabled=false', '--runs', '30', '--json'], { cwd });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ pairs: 30, failedPairs: 0, variant: { set: [{ path: 'mechanism.enabled', value: false }] } });
    const sweep = await cli(['sweep', paris, '--runs', '30', '--set', 'mechanism.enabled=true,false', '--out', 'rows.csv', '--quiet'], { cwd });
    expect(sweep.code).toBe(0);
    const rows = readCsv(join(cwd, 'rows.csv')).rows;
    const diffs = Array.from({ length: 30 }, (_, s) => (rows[2 * s + 1]?.['incidents.total'] as number) - (rows[2 * s]?.['incidents.total'] as number));
    const incidents = lineOf(json, 'incidents.total');
    expect(incidents.pairs).toBe(30);
    expect(incidents.difference.estimate).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / 30, 10);
    expect(incidents.difference.estimate).toBeCloseTo(incidents.variant.estimate - incidents.baseline.estimate, 10);
    const conflict = lineOf(json, 'ladderReached.conflict');
    const reached = (cell: 0 | 1) => rows.filter((x) => x.cell === cell && x['ladder.peak'] === 'conflict').length / 30;
    expect([conflict.baseline.estimate, conflict.variant.estimate]).toEqual([reached(0), reached(1)]);
    expect(conflict.difference.ci95[0]).toBeLessThanOrEqual(conflict.difference.estimate);
    expect(conflict.difference.ci95[1]).toBeGreaterThanOrEqual(conflict.difference.estimate);
  });

  it('gives the same comparison for a variant file as for the --set it amounts to', async () => {
    const bySet = JSON.parse((await cli(['compare', paris, '--set', 'mechanism.enabled=false', '--runs', '12', '--json'])).stdout);
    const byFile = JSON.parse((await cli(['compare', paris, noCell, '--runs', '12', '--json'])).stdout);
    expect(byFile.variant).toEqual({ scenario: noCell });
    expect(byFile.outcomes).toEqual(bySet.outcomes);
  });

  it('shows no difference at all between a scenario and itself (common random numbers)', async () => {
    const json = JSON.parse((await cli(['compare', paris, paris, '--runs', '10', '--json'])).stdout);
    for (const line of json.outcomes as Line[]) {
      if (line.pairs === 0) continue;
      expect([line.key, line.difference.estimate]).toEqual([line.key, 0]);
    }
  });

  it('prints baseline, variant and difference side by side', async () => {
    const r = await cli(['compare', paris, '--set', 'mechanism.enabled=false', '--runs', '8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/variant {3}--set mechanism\.enabled=false/);
    expect(r.stdout).toMatch(/8 paired runs, the same seed on both sides \(common random numbers\)/);
    // Without the cell the ladder reaches conflict more often (no longer always: it cools).
    expect(r.stdout).toMatch(/^P\(ladder reaches conflict\) +[\d.]+ \[[\d.]+, [\d.]+\] +[\d.]+ \[[\d.]+, [\d.]+\] +[+-]?[\d.]+ \[/m);
    expect(r.stdout).toMatch(/^accidental escalations +0 \[0, 0\] +[\d.]+ \[/m);
    expect(r.stdout).toMatch(/Newcombe/);
  });

  it.each([
    [['--runs', '5'], /nothing to compare: give --set/],
    [['--set', 'mechanism.enabled=true,false'], /compare takes one value per --set/],
    [[noCell, '--set', 'fog.misattribution=0.1'], /either another scenario or --set/],
    [['--set', 'mechanism.enabld=false'], /did you mean "enabled"/],
    [['--set', 'fog.misattribution=0.1', '--runs', '0'], /--runs: expected at least 1/],
  ])('bad input %j: one line, exit 2', async (args, message) => {
    const r = await cli(['compare', paris, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
