/** Pairing row vectors (pairs split across batches, failed sides left out, rate counts), and the library's `compare`. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { PairedSummary, type PairedMeasure } from '../../src/explore/compare.js';
import { compare } from '../../src/explore/compareScenarios.js';

const measures: PairedMeasure[] = [
  { key: 'x', label: 'x', kind: 'mean', slot: 1, atLeast: 0, scale: 1 },
  { key: 'p', label: 'P(x ≥ 2)', kind: 'rate', slot: 1, atLeast: 2, scale: 1 },
];
/** Rows of [ok, x]: baseline then variant for each seed. */
const rows = (...xs: Array<[number, number]>) => Float64Array.from(xs.flat());

describe('PairedSummary', () => {
  it('pairs adjacent runs even when a batch ends between them, and leaves out failed pairs', () => {
    const p = new PairedSummary(measures, 2);
    p.add(rows([1, 1], [1, 3], [1, 2]), 0, 3);
    p.add(rows([1, 2], [0, Number.NaN], [1, 5]), 3, 3);
    p.add(rows([1, 0], [1, 1]), 6, 2);
    expect(p.failedPairs).toBe(1);
    const [mean, rate] = p.report();
    expect(mean).toMatchObject({ pairs: 3, baseline: { estimate: 1 }, variant: { estimate: 2 }, difference: { estimate: 1 } });
    // Pairs (1,3), (2,2), (0,1): x ≥ 2 in the baseline once, in the variant twice; one pair both.
    expect(rate).toMatchObject({ pairs: 3, baseline: { estimate: 1 / 3 }, variant: { estimate: 2 / 3 }, difference: { estimate: 1 / 3 } });
  });
});

describe('compare (the library call)', () => {
  const paris = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;

  it('refuses, before any run, a variant given twice or not at all, several values, or no seeds', async () => {
    await expect(compare(paris, { runs: 5, workers: 0 })).rejects.toThrow(/nothing to compare/);
    await expect(compare(paris, { runs: 5, set: ['seed=1'], other: paris, workers: 0 })).rejects.toThrow(/not both/);
    await expect(compare(paris, { runs: 5, set: ['fog.misattribution=0,0.1'], workers: 0 })).rejects.toThrow(/one value per --set/);
    await expect(compare(paris, { runs: 0, set: ['seed=1'], workers: 0 })).rejects.toBeInstanceOf(UsageError);
  });

  it('a variant equal to the baseline differs by exactly 0 in every outcome, over the seeds asked', async () => {
    const c = await compare(paris, { runs: 6, other: paris, workers: 0 });
    expect(c.pairs).toBe(6);
    expect(c.outcomes.length).toBeGreaterThan(5);
    for (const line of c.outcomes) {
      expect(line.baseline.estimate).toEqual(line.variant.estimate);
      if (line.pairs > 0) expect(line.difference.estimate).toBe(0);
    }
  });
});
