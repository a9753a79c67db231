/**
 * Paired comparison of a baseline and a variant over the same seeds (common random numbers:
 * exogenous incidents are the same under the same seed, so each pair differs by the change
 * alone, plus whatever the change sets in motion). Runs alternate baseline, variant for each
 * seed, so a pair arrives as two adjacent rows and is folded in at once: memory stays flat.
 *
 * Per key outcome: each side's estimate with its 95 % interval (t for means, Wilson for
 * rates), and the paired difference variant − baseline with its 95 % interval (t on the
 * per-seed differences for means; Newcombe's paired score interval for rates).
 */
import { keyOutcomes } from './keyOutcomes.js';
import { Moments, pairedRateDifference, wilson, type Interval } from './intervals.js';
import { rateSpecs } from './summary.js';

/** One outcome compared: a rate (yes when the column is at least `atLeast`) or a mean. */
export interface PairedMeasure {
  readonly key: string;
  readonly label: string;
  readonly kind: 'rate' | 'mean';
  /** Position in the row vector. */
  readonly slot: number;
  readonly atLeast: number;
  /** Multiply values by this for display (days, hours). */
  readonly scale: number;
}

/** An estimate and its 95 % interval. */
export interface Estimate {
  readonly estimate: number | null;
  readonly ci95: Interval;
}

/** One line of a comparison. */
export interface ComparisonLine {
  readonly key: string;
  readonly label: string;
  readonly kind: 'rate' | 'mean';
  /** Pairs in which both sides have a value. */
  readonly pairs: number;
  readonly baseline: Estimate;
  readonly variant: Estimate;
  /** Variant minus baseline, paired by seed. */
  readonly difference: Estimate;
  readonly scale: number;
}

/** How the comparison's intervals are computed. */
export const COMPARISON_METHODS = {
  means: 'each side: 95 % Student t interval; difference: 95 % t interval of the per-seed differences',
  rates: "each side: 95 % Wilson score interval; difference: Newcombe's 95 % hybrid score interval for paired proportions",
} as const;

/** The measures compared for outcome columns `names` and the baseline's ladder `levels`. */
export function pairedMeasures(names: readonly string[], levels: readonly string[]): PairedMeasure[] {
  const rates = rateSpecs(names, levels).map((r) => ({ ...r, kind: 'rate' as const, scale: 1 }));
  const means = keyOutcomes(names).map((k) => ({
    key: k.column,
    label: k.label,
    kind: 'mean' as const,
    slot: 1 + names.indexOf(k.column),
    atLeast: 0,
    scale: k.scale,
  }));
  return [...rates, ...means];
}

interface MeanPair {
  readonly baseline: Moments;
  readonly variant: Moments;
  readonly difference: Moments;
}

interface RatePair {
  both: number;
  first: number;
  second: number;
  neither: number;
}

/** Accumulates pairs of row vectors: run 2r is the baseline and 2r + 1 the variant of seed r. */
export class PairedSummary {
  private pending: Float64Array | undefined;
  private readonly means: MeanPair[];
  private readonly rates: RatePair[];
  /** Pairs in which a side failed (left out of every line). */
  failedPairs = 0;

  constructor(
    private readonly measures: readonly PairedMeasure[],
    private readonly width: number,
  ) {
    this.means = measures.map(() => ({ baseline: new Moments(), variant: new Moments(), difference: new Moments() }));
    this.rates = measures.map(() => ({ both: 0, first: 0, second: 0, neither: 0 }));
  }

  /** Adds `rows` consecutive row vectors, the first being run `firstRun`. */
  add(values: Float64Array, firstRun: number, rows: number): void {
    for (let r = 0; r < rows; r++) {
      const row = values.subarray(r * this.width, (r + 1) * this.width);
      if ((firstRun + r) % 2 === 0) this.pending = Float64Array.from(row);
      else if (this.pending) {
        this.pair(this.pending, row);
        this.pending = undefined;
      }
    }
  }

  private pair(base: Float64Array, variant: Float64Array): void {
    if (base[0] !== 1 || variant[0] !== 1) {
      this.failedPairs += 1;
      return;
    }
    for (const [i, m] of this.measures.entries()) {
      const a = base[m.slot] as number;
      const b = variant[m.slot] as number;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      if (m.kind === 'mean') {
        const p = this.means[i] as MeanPair;
        p.baseline.add(a);
        p.variant.add(b);
        p.difference.add(b - a);
      } else {
        const c = this.rates[i] as RatePair;
        const x = a >= m.atLeast;
        const y = b >= m.atLeast;
        if (x && y) c.both += 1;
        else if (x) c.first += 1;
        else if (y) c.second += 1;
        else c.neither += 1;
      }
    }
  }

  /** Every compared outcome. */
  report(): ComparisonLine[] {
    return this.measures.map((m, i) => {
      if (m.kind === 'mean') {
        const p = this.means[i] as MeanPair;
        const est = (x: Moments): Estimate => ({ estimate: x.n === 0 ? null : x.mean, ci95: x.interval() });
        return { key: m.key, label: m.label, kind: m.kind, pairs: p.difference.n, baseline: est(p.baseline), variant: est(p.variant), difference: est(p.difference), scale: m.scale };
      }
      const c = this.rates[i] as RatePair;
      const n = c.both + c.first + c.second + c.neither;
      const share = (k: number): Estimate => ({ estimate: n === 0 ? null : k / n, ci95: wilson(k, n) });
      return {
        key: m.key,
        label: m.label,
        kind: m.kind,
        pairs: n,
        baseline: share(c.both + c.first),
        variant: share(c.both + c.second),
        difference: { estimate: n === 0 ? null : (c.second - c.first) / n, ci95: pairedRateDifference(c) },
        scale: 1,
      };
    });
  }
}
