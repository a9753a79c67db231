/**
 * Descriptive statistics for outcome metrics. Every function is total: an empty sample or a
 * zero denominator gives `null`, never `NaN` or `Infinity`, so results can go straight into
 * JSON and CSV.
 */

/** Summary of a sample of durations (or any numbers), in the sample's unit. */
export interface SampleStats {
  /** Number of observations. */
  readonly count: number;
  /** Arithmetic mean, `null` when the sample is empty. */
  readonly mean: number | null;
  /** The 0.5 quantile (see {@link quantile}), `null` when the sample is empty. */
  readonly median: number | null;
  /** The 0.9 quantile (see {@link quantile}), `null` when the sample is empty. */
  readonly p90: number | null;
  /** Largest observation, `null` when the sample is empty. */
  readonly max: number | null;
}

/**
 * The `p`-quantile of an ascending sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and of NumPy): with `n` values `x[0..n-1]` and
 * `h = (n - 1) * p`, the result is `x[⌊h⌋] + (h - ⌊h⌋) * (x[⌊h⌋ + 1] - x[⌊h⌋])`.
 * So the median of an even-sized sample is the mean of its two middle values, `p = 0` gives
 * the minimum and `p = 1` the maximum. Returns `null` for an empty sample or a `p` outside
 * `[0, 1]`.
 *
 * @param sorted values in ascending order (not checked: sort first, see {@link summarize})
 * @example quantile([2, 6], 0.5) // 4
 * @example quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) // 9.1
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  if (lo + 1 >= n) return below;
  const above = sorted[lo + 1] as number;
  return below + (h - lo) * (above - below);
}

/** Arithmetic mean, or `null` for an empty sample. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Count, mean, median, 90th percentile and maximum of `values` (in any order). */
export function summarize(values: readonly number[]): SampleStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: mean(sorted),
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted.length === 0 ? null : (sorted[sorted.length - 1] as number),
  };
}

/** `numerator / denominator`, or `null` when the denominator is zero. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
