/**
 * 95 % confidence intervals for sweep summaries and comparisons:
 * - a mean: Student's t interval, mean ± t(0.975, n−1) · s/√n (s the sample standard
 *   deviation); no interval from a single run;
 * - a rate k/n: the Wilson score interval, which stays inside [0, 1] and is honest near 0
 *   and 1 (where mean ± 1.96·se is not);
 * - a paired difference of rates (the same seeds with and without a change): Newcombe's
 *   hybrid score interval for paired proportions (method 10 of Newcombe 1998, Statistics in
 *   Medicine 17:2635), built from the two Wilson intervals and the correlation of the pairs.
 * Every function is total: `null` where no interval exists, never NaN.
 */

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** An interval, or `null` when the data give none. */
export type Interval = readonly [number, number] | null;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = c[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The `p`-quantile of Student's t with `df` degrees of freedom, for p in (0.5, 1): bisection
 * on the distribution function (60 halvings: exact to double precision).
 * @example tQuantile(0.975, 10) // 2.228…
 */
export function tQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 80 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The 95 % t interval of a mean from n values with sample standard deviation `sd`. */
export function meanInterval(n: number, mean: number, sd: number): Interval {
  if (n < 2 || !Number.isFinite(mean) || !Number.isFinite(sd)) return null;
  const half = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * The 95 % Wilson score interval of a rate of `k` successes in `n` trials.
 * @example wilson(0, 10) // [0, 0.2775…]
 */
export function wilson(k: number, n: number): Interval {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the bound is exactly 0 or 1; the formula gives it only up to rounding.
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

/** Counts of paired yes/no outcomes: `both`, only `first`, only `second`, `neither`. */
export interface PairedCounts {
  readonly both: number;
  readonly first: number;
  readonly second: number;
  readonly neither: number;
}

/**
 * Newcombe's 95 % interval for p₂ − p₁, the difference between the second and the first
 * rate of paired outcomes (method 10).
 */
export function pairedRateDifference(c: PairedCounts): Interval {
  const n = c.both + c.first + c.second + c.neither;
  if (n === 0) return null;
  const p1 = (c.both + c.first) / n;
  const p2 = (c.both + c.second) / n;
  const [l1, u1] = wilson(c.both + c.first, n) as [number, number];
  const [l2, u2] = wilson(c.both + c.second, n) as [number, number];
  const denominator = (c.both + c.first) * (c.second + c.neither) * (c.both + c.second) * (c.first + c.neither);
  const phi = denominator === 0 ? 0 : (c.both * c.neither - c.first * c.second) / Math.sqrt(denominator);
  const d = p2 - p1;
  const lower = d - Math.sqrt(Math.max(0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2));
  const upper = d + Math.sqrt(Math.max(0, (u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2));
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/** Running mean and variance (Welford), fed one value at a time in a fixed order. */
export class Moments {
  n = 0;
  mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** Sample standard deviation (n − 1), or NaN below two values. */
  get sd(): number {
    return this.n < 2 ? Number.NaN : Math.sqrt(this.m2 / (this.n - 1));
  }

  /** The 95 % t interval of the mean. */
  interval(): Interval {
    return meanInterval(this.n, this.mean, this.sd);
  }
}
