/**
 * Intervals: Student t quantiles against published table values, Wilson's interval against
 * its definition, Newcombe's paired interval against its large-sample limit, and running
 * moments against a direct computation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, Moments, pairedRateDifference, studentCdf, tQuantile, wilson, Z95 } from '../../src/explore/intervals.js';

describe('Student t', () => {
  // Two-sided 95 % critical values from standard tables (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2).
  it.each([
    [1, 12.706],
    [2, 4.303],
    [5, 2.571],
    [10, 2.228],
    [30, 2.042],
    [100, 1.984],
  ])('t(0.975, %i) = %f', (df, value) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(value, 3);
  });

  it('tends to the normal quantile and inverts the distribution function', () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(Z95, 5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.55, max: 0.999, noNaN: true }), (df, p) => {
        expect(studentCdf(tQuantile(p, df), df)).toBeCloseTo(p, 9);
      }),
    );
  });

  it('gives no interval from one run and a zero-width one from equal values', () => {
    expect(meanInterval(1, 3, Number.NaN)).toBeNull();
    expect(meanInterval(5, 3, 0)).toEqual([3, 3]);
  });
});

describe('Wilson', () => {
  it('matches the score interval: the p where |p̂ − p| = z·√(p(1−p)/n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const [lo, hi] = wilson(k, n) as [number, number];
        const gap = (p: number) => Math.abs(k / n - p) - Z95 * Math.sqrt((p * (1 - p)) / n);
        if (k > 0) expect(gap(lo)).toBeCloseTo(0, 9);
        else expect(lo).toBe(0);
        if (k < n) expect(gap(hi)).toBeCloseTo(0, 9);
        else expect(hi).toBe(1);
        expect(lo).toBeLessThanOrEqual(k / n);
        expect(hi).toBeGreaterThanOrEqual(k / n);
      }),
    );
  });

  it('is null without trials', () => {
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('Newcombe paired difference', () => {
  const counts = fc.record({
    both: fc.nat(300),
    first: fc.nat(300),
    second: fc.nat(300),
    neither: fc.nat(300),
  });

  it('contains the observed difference and stays within [-1, 1] (property)', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const n = c.both + c.first + c.second + c.neither;
        const ci = pairedRateDifference(c);
        if (n === 0) return expect(ci).toBeNull();
        const [lo, hi] = ci as [number, number];
        const d = (c.second - c.first) / n;
        expect(lo).toBeLessThanOrEqual(d + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(d - 1e-12);
        expect(lo).toBeGreaterThanOrEqual(-1);
        expect(hi).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('agrees with the large-sample (Wald) interval for paired proportions when n is large', () => {
    // Agresti's presidential approval example: 794 approve twice, 150 then 86 only once, 570 never.
    const c = { both: 794, first: 150, second: 86, neither: 570 };
    const n = 1600;
    const d = (c.second - c.first) / n;
    const se = Math.sqrt(c.first + c.second - (c.first - c.second) ** 2 / n) / n;
    const [lo, hi] = pairedRateDifference(c) as [number, number];
    expect(lo).toBeCloseTo(d - Z95 * se, 2);
    expect(hi).toBeCloseTo(d + Z95 * se, 2);
  });

  it('narrows when the pairs agree more (positive correlation)', () => {
    const loose = pairedRateDifference({ both: 25, first: 25, second: 25, neither: 25 }) as [number, number];
    const tight = pairedRateDifference({ both: 48, first: 2, second: 2, neither: 48 }) as [number, number];
    expect(tight[1] - tight[0]).toBeLessThan(loose[1] - loose[0]);
  });
});

describe('Moments', () => {
  it('equals the two-pass mean and sample standard deviation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const m = new Moments();
        for (const x of xs) m.add(x);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
        expect(m.mean).toBeCloseTo(mean, 6);
        expect(m.sd).toBeCloseTo(sd, 5);
      }),
    );
  });
});
