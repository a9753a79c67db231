/** Pairing row vectors: pairs split across batches, failed sides left out, rate counts. */
import { describe, expect, it } from 'vitest';
import { PairedSummary, type PairedMeasure } from '../../src/explore/compare.js';

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
