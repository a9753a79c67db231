/**
 * Expectations: assertions a scenario makes about its outcomes (`expect:` in the scenario
 * file), checked after a run. Each expectation is an object with exactly one key naming the
 * check. Checking never throws: a malformed expectation or an unknown ladder level is a
 * failed result that says what is wrong.
 */
import { own } from '../core/ids.js';
import type { Outcomes } from './metrics.js';

/** Bounds on a rate in [0, 1]; at least one is required. */
export interface RateBounds {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/** Bounds on one party's mean payoff per round; at least one bound is required. */
export interface PayoffBounds extends RateBounds {
  readonly party: string;
}

/** The value each expectation key takes. */
export interface ExpectationValues {
  /** The ladder's peak is this level or lower (compared by level order). */
  readonly ladderPeakAtMost: string;
  /** The ladder's peak is this level or higher. */
  readonly ladderPeakAtLeast: string;
  readonly disputesRaisedAtLeast: number;
  readonly disputesSettledAtLeast: number;
  /** Settled plus ruled. */
  readonly disputesResolvedAtLeast: number;
  readonly disputesEscalatedAtMost: number;
  readonly accidentalEscalationsAtMost: number;
  /** At least this many: a race the cell lost, as a shipped scenario may mean to show. */
  readonly accidentalEscalationsAtLeast: number;
  /** Misattributions cleared while a retaliation against the wrongly blamed side was pending. */
  readonly consequentialMisunderstandingsCaughtAtLeast: number;
  /** Every misattribution cleared before the misled party retaliated. */
  readonly misunderstandingsCaughtAtLeast: number;
  readonly incidentsAtLeast: number;
  readonly incidentsAtMost: number;
  /** Whether the cell was suspended at least once. */
  readonly cellSuspended: boolean;
  readonly mutualRestraintRate: RateBounds;
  readonly meanPayoff: PayoffBounds;
}

/** The name of an expectation. */
export type ExpectationKey = keyof ExpectationValues;

/**
 * One expectation: an object with exactly one key.
 * @example const e: Expectation[] = [{ ladderPeakAtMost: 'crisis' }, { meanPayoff: { party: 'syria', min: 2 } }];
 */
export type Expectation = { [K in ExpectationKey]: { readonly [P in K]: ExpectationValues[K] } }[ExpectationKey];

/** The verdict on one expectation. */
export interface ExpectationResult {
  /** The expectation as written, e.g. `ladderPeakAtMost: crisis`. */
  readonly expectation: string;
  readonly ok: boolean;
  /** What the run did, or why the expectation could not be checked. */
  readonly actual: string;
}

/** The verdicts on all expectations; `ok` when every one holds (and when there are none). */
export interface ExpectationReport {
  readonly ok: boolean;
  readonly results: readonly ExpectationResult[];
}

type Verdict = { readonly ok: boolean; readonly actual: string };
type Checker<K extends ExpectationKey> = (value: ExpectationValues[K], o: Outcomes, levels: readonly string[]) => Verdict;

const fail = (actual: string): Verdict => ({ ok: false, actual });

/** A number in a readable form: at most four decimals. */
function num(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

function count(get: (o: Outcomes) => number, holds: (actual: number, bound: number) => boolean): Checker<ExpectationKey> {
  return (value, o) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail('malformed: expected a number');
    const actual = get(o);
    return { ok: holds(actual, value), actual: String(actual) };
  };
}

const atLeast = (get: (o: Outcomes) => number) => count(get, (a, b) => a >= b);
const atMost = (get: (o: Outcomes) => number) => count(get, (a, b) => a <= b);

function peak(holds: (peakIndex: number, boundIndex: number) => boolean): Checker<'ladderPeakAtMost' | 'ladderPeakAtLeast'> {
  return (value, o, levels) => {
    const bound = levels.indexOf(value);
    if (bound < 0) return fail(`unknown level "${String(value)}" (levels: ${levels.join(', ')})`);
    const reached = o.ladder.peak;
    if (reached === null) return fail('no ladder: the log has not started');
    const index = levels.indexOf(reached);
    if (index < 0) return fail(`peak ${reached} is not one of the levels ${levels.join(', ')}`);
    return { ok: holds(index, bound), actual: `peak ${reached}` };
  };
}

/** Checks `actual` against bounds; `undefined` when the bounds are malformed. */
function within(bounds: unknown, actual: number): boolean | undefined {
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { min, max } = bounds as RateBounds;
  const valid = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isFinite(x));
  if (!valid(min) || !valid(max) || (min === undefined && max === undefined)) return undefined;
  return (min === undefined || actual >= min) && (max === undefined || actual <= max);
}

const CHECKS: { readonly [K in ExpectationKey]: Checker<K> } = {
  ladderPeakAtMost: peak((p, b) => p <= b),
  ladderPeakAtLeast: peak((p, b) => p >= b),
  disputesRaisedAtLeast: atLeast((o) => o.disputes.raised),
  disputesSettledAtLeast: atLeast((o) => o.disputes.settled),
  disputesResolvedAtLeast: atLeast((o) => o.disputes.resolved),
  disputesEscalatedAtMost: atMost((o) => o.disputes.escalated),
  accidentalEscalationsAtMost: atMost((o) => o.accidentalEscalations),
  accidentalEscalationsAtLeast: atLeast((o) => o.accidentalEscalations),
  consequentialMisunderstandingsCaughtAtLeast: atLeast((o) => o.consequentialMisunderstandingsCaught),
  misunderstandingsCaughtAtLeast: atLeast((o) => o.misunderstandingsCaught),
  incidentsAtLeast: atLeast((o) => o.incidents.total),
  incidentsAtMost: atMost((o) => o.incidents.total),
  cellSuspended: (value, o) => {
    if (typeof value !== 'boolean') return fail('malformed: expected true or false');
    const n = o.cell.suspensions;
    return { ok: (n > 0) === value, actual: n === 0 ? 'never suspended' : `suspended ${n} time${n === 1 ? '' : 's'}` };
  },
  mutualRestraintRate: (value, o) => {
    const rate = o.game?.mutualRestraintRate ?? null;
    if (rate === null) return fail('no rounds played');
    const ok = within(value, rate);
    return ok === undefined ? fail('malformed: expected { min?, max? } with at least one number') : { ok, actual: num(rate) };
  },
  meanPayoff: (value, o) => {
    const party = typeof value === 'object' && value !== null ? (value as { party?: unknown }).party : undefined;
    if (typeof party !== 'string') return fail('malformed: expected { party, min?, max? }');
    if (!o.game || o.game.rounds === 0) return fail('no rounds played');
    const payoff = own(o.game.meanPayoff, party);
    if (payoff === undefined || payoff === null) return fail(`no payoff recorded for party "${party}"`);
    const ok = within(value, payoff);
    return ok === undefined ? fail('malformed: expected { party, min?, max? } with at least one bound') : { ok, actual: num(payoff) };
  },
};

/** Renders a value the way a scenario file would write it (YAML flow style). */
function render(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'number' ? num(value) : String(value);
}

function checkOne(e: Expectation, outcomes: Outcomes, levels: readonly string[]): ExpectationResult {
  const keys = typeof e === 'object' && e !== null ? Object.keys(e) : [];
  if (keys.length !== 1) {
    return { expectation: render(e), ok: false, actual: `malformed: an expectation has exactly one key, not ${keys.length}` };
  }
  const key = keys[0] as string;
  const value = (e as Record<string, unknown>)[key];
  const expectation = `${key}: ${render(value)}`;
  const check = own(CHECKS as Readonly<Record<string, Checker<ExpectationKey>>>, key);
  if (!check) return { expectation, ok: false, actual: `unknown expectation "${key}"` };
  return { expectation, ...check(value as never, outcomes, levels) };
}

/**
 * A probability over seeds (`{ probability: { ladderPeakAtMost: crisis, atLeast: 0.7 } }`):
 * a single-run check and bounds on the share of runs in which it holds. Only a sweep can
 * check it; {@link checkExpectations} leaves it out.
 */
export type ProbabilityExpectation = { readonly probability: Expectation & { readonly atLeast?: number; readonly atMost?: number } };

const isProbability = (e: unknown): e is ProbabilityExpectation =>
  typeof e === 'object' && e !== null && Object.prototype.hasOwnProperty.call(e, 'probability');

/**
 * Checks each single-run expectation against the outcomes of a run. `levels` are the
 * ladder's levels in order (`state.meta.ladder.levels`), used to compare ladder peaks.
 * Probabilities over seeds are left out (see {@link judgeProbability}).
 * @example
 * const report = checkExpectations([{ ladderPeakAtMost: 'crisis' }], outcomes, meta.ladder.levels);
 * if (!report.ok) process.exitCode = 1;
 */
export function checkExpectations(
  expect: ReadonlyArray<Expectation | ProbabilityExpectation>,
  outcomes: Outcomes,
  levels: readonly string[],
): ExpectationReport {
  const results = expect.flatMap((e) => (isProbability(e) ? [] : [checkOne(e, outcomes, levels)]));
  return { ok: results.every((r) => r.ok), results };
}

/**
 * The verdict on a probability over seeds, from the number of runs in which its check held:
 * the observed share must lie within `atLeast`/`atMost`. The interval (of the caller's
 * choosing, e.g. Wilson's) is reported beside the share, not used for the verdict.
 * @example judgeProbability({ probability: { ladderPeakAtMost: 'crisis', atLeast: 0.7 } }, 812, 1000, [0.787, 0.835])
 */
export function judgeProbability(
  e: ProbabilityExpectation,
  holds: number,
  runs: number,
  interval: readonly [number, number] | null,
): ExpectationResult {
  const expectation = `probability: ${render(e.probability)}`;
  if (runs === 0) return { expectation, ok: false, actual: 'no successful runs' };
  const { atLeast, atMost } = e.probability;
  const share = holds / runs;
  const ok = (atLeast === undefined || share >= atLeast) && (atMost === undefined || share <= atMost);
  const ci = interval ? ` (95 % interval ${num(interval[0])}–${num(interval[1])})` : '';
  return { expectation, ok, actual: `held in ${holds} of ${runs} runs: ${num(share)}${ci}` };
}
