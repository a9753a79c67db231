/**
 * Summaries: the per-cell means and rates a sweep reports are those of its own rows,
 * recomputed here directly from the CSV file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeSweep } from '../../src/explore/execute.js';
import { cellLabel } from '../../src/explore/grid.js';
import { meanInterval, wilson } from '../../src/explore/intervals.js';
import { sweepIdentity, sweepSetup } from '../../src/explore/prepare.js';
import { rateSpecs } from '../../src/explore/summary.js';
import { readCsv } from '../cli/sweepHelpers.js';
import { parisGrid } from './fixtures.js';

/** Equal up to rounding (the summary adds values one at a time, the test all at once). */
const near = (a: number | null | undefined, b: number): boolean => typeof a === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('sweep summary', () => {
  it('reports, per cell, the means, t intervals and Wilson rates of its rows', async () => {
    const grid = parisGrid(['mechanism.enabled=false', 'fog.misattribution=0,0.6']);
    const setup = sweepSetup(grid.cells.map((cell) => ({ from: grid.base, cell })), { parleyVersion: 't', seed: 5, format: 'csv', text: true, setPaths: ['mechanism.enabled', 'fog.misattribution'] });
    const path = join(mkdtempSync(join(tmpdir(), 'parley-summary-')), 'rows.csv');
    const outcome = await executeSweep({
      setup,
      labels: grid.cells.map((c) => cellLabel(grid.specs, c)),
      identity: sweepIdentity(grid, 25, 5, 't'),
      out: { path, file: 'rows.csv', resume: false },
      workers: 0,
    });
    const { rows } = readCsv(path);
    for (const report of outcome.summary.report()) {
      const mine = rows.filter((r) => r.cell === report.cell);
      expect(report.runs).toBe(25);
      for (const column of ['incidents.total', 'accidentalEscalations', 'ackTime.median']) {
        const xs = mine.map((r) => r[column]).filter((x): x is number => typeof x === 'number');
        // Without the cell no message is sent: no acknowledgement time, no mean.
        if (xs.length === 0) {
          expect(report.means[column]).toBeUndefined();
          continue;
        }
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
        const m = report.means[column];
        expect(m?.n).toBe(xs.length);
        expect(near(m?.mean, mean)).toBe(true);
        expect(near(m?.ci95?.[0], (meanInterval(xs.length, mean, sd) as [number, number])[0])).toBe(true);
      }
      const conflict = report.rates.find((r) => r.key === 'ladderReached.conflict');
      const k = mine.filter((r) => r['ladder.peak'] === 'conflict').length;
      expect([conflict?.k, conflict?.n]).toEqual([k, 25]);
      expect(conflict?.ci95).toEqual(wilson(k, 25));
      const accidental = report.rates.find((r) => r.key === 'accidentalEscalation');
      expect(accidental?.k).toBe(mine.filter((r) => (r.accidentalEscalations as number) > 0).length);
    }
    // Without the cell, fog makes retaliations hit the wrong party.
    const [clear, foggy] = outcome.summary.report();
    expect(clear?.means.accidentalEscalations?.mean).toBe(0);
    expect(foggy?.means.accidentalEscalations?.mean).toBeGreaterThan(0);
  });

  it('counts the ladder reaching each level above the first', () => {
    const specs = rateSpecs(['ladder.peakIndex', 'accidentalEscalations'], ['calm', 'tension', 'crisis']);
    expect(specs.map((s) => [s.key, s.atLeast])).toEqual([
      ['ladderReached.tension', 1],
      ['ladderReached.crisis', 2],
      ['accidentalEscalation', 1],
    ]);
  });
});
