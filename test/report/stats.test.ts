import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, quantile, ratio, summarize } from '../../src/report/stats.js';

describe('quantile (type 7, linear interpolation)', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([2, 6], 0.5)).toBe(4);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5.5);
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
  });

  it('gives the order statistic itself when h is whole, min at 0 and max at 1', () => {
    expect(quantile([1, 3, 9], 0.5)).toBe(3);
    expect(quantile([1, 3, 9], 0)).toBe(1);
    expect(quantile([1, 3, 9], 1)).toBe(9);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('is null for an empty sample or p outside [0, 1]', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2], -0.1)).toBeNull();
    expect(quantile([1, 2], 1.5)).toBeNull();
    expect(quantile([1, 2], Number.NaN)).toBeNull();
  });

  it('lies within the sample and is monotone in p', () => {
    const sample = fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p, q) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const a = quantile(sorted, Math.min(p, q)) as number;
        const b = quantile(sorted, Math.max(p, q)) as number;
        return a >= (sorted[0] as number) && b <= (sorted[sorted.length - 1] as number) && a <= b;
      }),
    );
  });
});

describe('summarize, mean, ratio', () => {
  it('summarizes an unsorted sample', () => {
    expect(summarize([6, 2])).toEqual({ count: 2, mean: 4, median: 4, p90: 5.6, max: 6 });
  });

  it('gives nulls for an empty sample', () => {
    expect(summarize([])).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
    expect(mean([])).toBeNull();
  });

  it('gives null for a zero denominator', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
  });
});
