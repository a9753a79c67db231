/**
 * Per-cell summaries of a sweep, accumulated row by row in run order (so they are the same
 * numbers whatever the number of workers, and whether rows were just computed or read back
 * on `--resume`): for every numeric outcome, its mean with a 95 % Student t interval; for
 * rates (the ladder reaching each level, any accidental escalation, a suspension, an
 * escalated dispute), the share with a 95 % Wilson interval; and the probability
 * expectations of the scenario, judged on the observed share.
 */
import { judgeProbability, type ExpectationResult } from '../report/expectations.js';
import { probabilityChecks } from '../scenario/expect.js';
import { vectorWidth, type SweepSetup } from './batch.js';
import { Moments, wilson, type Interval } from './intervals.js';

/** A yes/no outcome of a run, read from one column: yes when the value is at least `atLeast`. */
export interface RateSpec {
  readonly key: string;
  readonly label: string;
  /** Position in the row vector. */
  readonly slot: number;
  readonly atLeast: number;
}

/** Mean of one outcome over a cell's runs. */
export interface MeanSummary {
  /** Runs with a value (e.g. runs with at least one acknowledged message for `ackTime.median`). */
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ci95: Interval;
}

/** Share of runs with a yes. */
export interface RateSummary {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly k: number;
  readonly share: number | null;
  readonly ci95: Interval;
}

/** The summary of one grid cell. */
export interface CellReport {
  readonly cell: number;
  /** `path=value` of every `--set` (or "the scenario as written"). */
  readonly label: string;
  readonly runs: number;
  readonly failed: number;
  readonly means: Readonly<Record<string, MeanSummary>>;
  readonly rates: readonly RateSummary[];
  readonly expectations: readonly ExpectationResult[];
}

/** How the intervals are computed, stated in every summary. */
export const INTERVAL_METHODS = {
  means: '95 % Student t interval: mean ± t(0.975, n−1)·s/√n',
  rates: '95 % Wilson score interval',
} as const;

/** The rates summarised for a cell whose ladder has `levels`, read from `names` columns. */
export function rateSpecs(names: readonly string[], levels: readonly string[]): RateSpec[] {
  const slot = (name: string): number => 1 + names.indexOf(name);
  const specs: RateSpec[] = [];
  if (names.includes('ladder.peakIndex')) {
    for (const [j, level] of levels.entries()) {
      if (j > 0) specs.push({ key: `ladderReached.${level}`, label: `P(ladder reaches ${level})`, slot: slot('ladder.peakIndex'), atLeast: j });
    }
  }
  const simple: Array<[string, string, string]> = [
    ['accidentalEscalation', 'P(any accidental escalation)', 'accidentalEscalations'],
    ['disputeEscalated', 'P(a dispute escalates)', 'disputes.escalated'],
    ['cellSuspended', 'P(cell suspended)', 'cell.suspensions'],
  ];
  for (const [key, label, column] of simple) if (names.includes(column)) specs.push({ key, label, slot: slot(column), atLeast: 1 });
  return specs;
}

/** Accumulates one cell. */
class CellAccumulator {
  runs = 0;
  failed = 0;
  readonly moments: Moments[];
  readonly yes: number[];
  readonly probeHolds: number[];

  constructor(
    readonly columns: number,
    readonly rates: readonly RateSpec[],
    readonly probes: number,
  ) {
    this.moments = Array.from({ length: columns }, () => new Moments());
    this.yes = rates.map(() => 0);
    this.probeHolds = new Array<number>(probes).fill(0);
  }

  add(v: Float64Array, o: number): void {
    this.runs += 1;
    if (v[o] !== 1) {
      this.failed += 1;
      return;
    }
    for (let i = 0; i < this.columns; i++) {
      const x = v[o + 1 + i] as number;
      if (!Number.isNaN(x)) (this.moments[i] as Moments).add(x);
    }
    for (const [j, r] of this.rates.entries()) if ((v[o + r.slot] as number) >= r.atLeast) this.yes[j] = (this.yes[j] as number) + 1;
    for (let j = 0; j < this.probes; j++) if (v[o + 1 + this.columns + j] === 1) this.probeHolds[j] = (this.probeHolds[j] as number) + 1;
  }
}

/** The summaries of every cell of a sweep, fed rows in run order. */
export class SweepSummary {
  private readonly cells: CellAccumulator[];
  private readonly width: number;

  constructor(
    private readonly setup: SweepSetup,
    private readonly labels: readonly string[],
  ) {
    const names = setup.layout.outcomes.names;
    this.width = vectorWidth(setup);
    this.cells = setup.cells.map((c) => new CellAccumulator(names.length, rateSpecs(names, c.scenario.ladder.levels), c.probes.length));
  }

  /** Adds `rows` consecutive row vectors from `values`, the first being run `firstRun`. */
  addRows(values: Float64Array, firstRun: number, rows: number): void {
    const cells = this.cells.length;
    for (let r = 0; r < rows; r++) (this.cells[(firstRun + r) % cells] as CellAccumulator).add(values, r * this.width);
  }

  /** Runs summarised so far, and of them failed. */
  get totals(): { runs: number; failed: number } {
    return this.cells.reduce((t, c) => ({ runs: t.runs + c.runs, failed: t.failed + c.failed }), { runs: 0, failed: 0 });
  }

  /** The report of every cell. */
  report(): CellReport[] {
    const names = this.setup.layout.outcomes.names;
    return this.cells.map((acc, cell) => {
      const means: Record<string, MeanSummary> = {};
      for (const [i, name] of names.entries()) {
        const m = acc.moments[i] as Moments;
        if (m.n === 0) continue;
        Object.defineProperty(means, name, {
          value: { n: m.n, mean: m.mean, sd: m.n < 2 ? null : m.sd, ci95: m.interval() },
          enumerable: true,
        });
      }
      const n = acc.runs - acc.failed;
      const rates = acc.rates.map((r, j) => {
        const k = acc.yes[j] as number;
        return { key: r.key, label: r.label, n, k, share: n === 0 ? null : k / n, ci95: wilson(k, n) };
      });
      const checks = probabilityChecks(this.setup.cells[cell]?.scenario.expect ?? []);
      const expectations = checks.map((p, j) => {
        const holds = acc.probeHolds[j] as number;
        return judgeProbability({ probability: p }, holds, n, wilson(holds, n));
      });
      return { cell, label: this.labels[cell] ?? '', runs: acc.runs, failed: acc.failed, means, rates, expectations };
    });
  }
}
