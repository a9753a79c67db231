/**
 * `parley sweep` end to end, in-process (the main thread runs the batches here; the worker
 * pool is tested against the built package in sweep.workers.test.ts): rows and their
 * identity, rows reproduced alone by their `reproduce` command, summaries, JSON Lines.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenOutcomes } from '../../src/report/metrics.js';
import { cli, hasStackTrace } from './inProcess.js';
import { readCsv, shellWords } from './sweepHelpers.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const dir = () => mkdtempSync(join(tmpdir(), 'parley-sweep-'));

describe('parley sweep', () => {
  it('writes one row per run over the grid × seeds, and each row is reproduced alone by its command', async () => {
    const cwd = dir();
    const r = await cli(['sweep', paris, '--runs', '6', '--set', 'mechanism.enabled=true,false', '--set', 'fog.misattribution=0.1,0.5', '--out', 'rows.csv'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 cells \(mechanism\.enabled=true,false × fog\.misattribution=0\.1,0\.5\) × 6 seeds = 24 runs/);
    expect(r.stdout).toMatch(/seed of run r = fmix32\(fmix32\(42\) \+ r\)/);
    const { identity, header, rows } = readCsv(join(cwd, 'rows.csv'));
    expect(JSON.parse(identity.replace('#parley-sweep ', ''))).toMatchObject({ sweep: 1, seed: 42, runs: 6, cells: 4, total: 24 });
    expect(header.slice(0, 5)).toEqual(['run', 'cell', 'seed', 'set.mechanism.enabled', 'set.fog.misattribution']);
    expect(header.slice(-2)).toEqual(['error', 'reproduce']);
    expect(rows.map((x) => x.run)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    // Seed-major: the four cells of a seed are adjacent and share its seed.
    expect(rows.slice(0, 4).map((x) => [x.cell, x['set.mechanism.enabled'], x['set.fog.misattribution']])).toEqual([
      [0, 'true', '0.1'], [1, 'true', '0.5'], [2, 'false', '0.1'], [3, 'false', '0.5'],
    ]);
    expect(new Set(rows.slice(0, 4).map((x) => x.seed)).size).toBe(1);
    expect(new Set(rows.map((x) => x.seed)).size).toBe(6);

    const outcomeNames = header.slice(5, -2);
    for (const row of [rows[0], rows[7], rows[22]]) {
      const words = shellWords(String(row?.reproduce));
      expect(words.slice(0, 2)).toEqual(['parley', 'run']);
      const alone = await cli([...words.slice(1), '--json', '--no-out'], { cwd });
      expect(alone.stderr).toBe('');
      const flat = flattenOutcomes(JSON.parse(alone.stdout).outcomes);
      for (const name of outcomeNames) {
        const expected = flat[name] ?? (name.startsWith('incidents.by') ? 0 : null);
        expect([name, row?.[name]]).toEqual([name, expected]);
      }
    }
    expect(readdirSync(cwd)).toEqual(['rows.csv']);
  });

  it('summarises each cell: means with t intervals, rates with Wilson intervals (--json)', async () => {
    const r = await cli(['sweep', paris, '--runs', '30', '--set', 'mechanism.enabled=true,false', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.runs).toMatchObject({ block: 60, done: 60, failed: 0 });
    expect(json.out).toBeNull();
    expect(json.intervals.rates).toMatch(/Wilson/);
    expect(json.cells).toHaveLength(2);
    for (const cell of json.cells) {
      const incidents = cell.means['incidents.total'];
      expect(incidents.n).toBe(30);
      expect(incidents.ci95[0]).toBeLessThanOrEqual(incidents.mean);
      expect(incidents.ci95[1]).toBeGreaterThanOrEqual(incidents.mean);
      const conflict = cell.rates.find((x: { key: string }) => x.key === 'ladderReached.conflict');
      expect(conflict.n).toBe(30);
      expect(conflict.share).toBe(conflict.k / 30);
    }
    // Without the cell, misattributed incidents are never caught.
    expect(json.cells[1].means.misunderstandingsCaught.mean).toBe(0);
    expect(json.cells[0].means.misunderstandingsCaught.mean).toBeGreaterThan(0);
  });

  it('writes JSON Lines with typed values, the same runs as CSV', async () => {
    const cwd = dir();
    const args = ['sweep', paris, '--runs', '3', '--set', 'parties.israel.policy.kind=hawk,tit-for-tat', '--quiet'];
    expect((await cli([...args, '--out', 'a.jsonl'], { cwd })).code).toBe(0);
    expect((await cli([...args, '--out', 'a.csv'], { cwd })).code).toBe(0);
    const lines = readFileSync(join(cwd, 'a.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string).parleySweep).toMatchObject({ runs: 3, cells: 2 });
    const rows = lines.slice(1).map((l) => JSON.parse(l));
    const csv = readCsv(join(cwd, 'a.csv')).rows;
    expect(rows.map((x) => x['set.parties.israel.policy.kind'])).toEqual(['hawk', 'tit-for-tat', 'hawk', 'tit-for-tat', 'hawk', 'tit-for-tat']);
    expect(rows.map((x) => x['incidents.total'])).toEqual(csv.map((x) => x['incidents.total']));
    expect(rows.map((x) => x.reproduce)).toEqual(csv.map((x) => x.reproduce));
  });

  it('checks probability expectations over the seeds: exit 1 with the failed ones listed', async () => {
    const cwd = dir();
    const text = readFileSync(paris, 'utf8').replace(
      '  - { ladderPeakAtMost: armedIncident }',
      '  - { ladderPeakAtMost: armedIncident }\n  - probability: { ladderPeakAtLeast: tension, atLeast: 0.9 }\n  - probability: { ladderPeakAtMost: calm, atLeast: 0.5 }',
    );
    writeFileSync(join(cwd, 'p.yaml'), text);
    const r = await cli(['sweep', 'p.yaml', '--runs', '20'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ok {3}probability: \{ ladderPeakAtLeast: tension, atLeast: 0\.9 \}: held in 20 of 20 runs/);
    expect(r.stdout).toMatch(/FAIL probability: \{ ladderPeakAtMost: calm, atLeast: 0\.5 \}: held in 0 of 20 runs: 0 \(95 % interval 0–0\.1611\)/);
    expect(r.stderr).toBe(
      'parley: expectation failed in cell 0 (the scenario as written): probability: { ladderPeakAtMost: calm, atLeast: 0.5 }: held in 0 of 20 runs: 0 (95 % interval 0–0.1611)\n',
    );
    // A single run does not judge probabilities.
    expect((await cli(['run', 'p.yaml', '--no-out', '--quiet'], { cwd })).code).toBe(0);
  });

  it('states where and how it ran', async () => {
    const r = await cli(['sweep', paris, '--runs', '2']);
    expect(r.stdout).toMatch(/runs {4}2 of 2 on the main thread/);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });
});
