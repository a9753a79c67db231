/**
 * Outcome metrics of a run, computed from the folded state alone: what `parley run` prints,
 * what `--json` emits and what sweeps write as CSV columns (through `flattenOutcomes`).
 *
 * Open intervals (time at the current ladder level, a suspension still running) are closed at
 * the run's end: the scenario's end (`meta.end`) once the simulation has ended, otherwise (or
 * when it was stopped early) the time of the last event folded in. Durations are milliseconds; undefined statistics (a median
 * of nothing, a rate over zero) are `null`, never `NaN`.
 */
import type { ParleyState } from '../core/state.js';
import { formatInstant, parseInstant } from '../core/time.js';
import { game, type GameMetrics } from './gameMetrics.js';
import { ladder, type DeescalationMetrics, type LadderMetrics } from './ladderMetrics.js';
import { races, retaliationPlans, type RaceMetrics, type RetaliationMetrics } from './retaliations.js';
import type { SampleStats } from './stats.js';
import { ratio, summarize } from './stats.js';

export { flattenOutcomes } from './flatten.js';
export type { FlatOutcomes } from './flatten.js';
export type { GameMetrics } from './gameMetrics.js';
export type { DeescalationMetrics, LadderMetrics } from './ladderMetrics.js';
export type { MarginStats, Race, RaceMetrics, RaceOutcome, RetaliationMetrics } from './retaliations.js';

/** The simulated period the metrics cover. */
export interface PeriodMetrics {
  /** The scenario's start (`meta.start`); `null` before the log has started. */
  readonly start: string | null;
  /** Where open intervals were closed (see the module comment); `null` before any event. */
  readonly end: string | null;
  /** Length of the covered period in ms (0 before any event). */
  readonly ms: number;
}

/** Incidents that occurred (the truth, not how parties saw them). */
export interface IncidentMetrics {
  readonly total: number;
  /** Incidents with a negative Goldstein weight. */
  readonly hostile: number;
  /** Incidents with a weight of zero or more (`hostile + cooperative == total`). */
  readonly cooperative: number;
  /** Incidents recorded as a retaliation for an earlier one. */
  readonly retaliations: number;
  /** Count per incident kind, keys sorted. */
  readonly byKind: Readonly<Record<string, number>>;
  /** Count per perpetrator (every party of the run, plus any other actor such as `world`), keys sorted. */
  readonly byParty: Readonly<Record<string, number>>;
}

/** Disputes by how they ended. `settled + ruled + escalated + withdrawn + lapsed + open == raised`. */
export interface DisputeMetrics {
  readonly raised: number;
  readonly settled: number;
  readonly ruled: number;
  readonly escalated: number;
  readonly withdrawn: number;
  readonly lapsed: number;
  /** Still open at the end of the covered period. */
  readonly open: number;
  /** Closed in any way (`raised - open`). */
  readonly closed: number;
  /** Closed peacefully: `settled + ruled`. */
  readonly resolved: number;
}

/** Messages through the cell. */
export interface MessageMetrics {
  readonly sent: number;
  readonly delivered: number;
  readonly acknowledged: number;
  readonly answered: number;
  readonly lost: number;
  /** Acknowledgement deadlines missed (`AckDeadlineMissed`). */
  readonly overdueAcks: number;
}

/** What the supervisor did. `referrals + factFindings + rulings + failedMediations == interventions`. */
export interface SupervisorMetrics {
  readonly interventions: number;
  /** Overdue messages referred to the supervisor. */
  readonly referrals: number;
  readonly factFindings: number;
  readonly rulings: number;
  readonly failedMediations: number;
}

/** The cell itself. */
export interface CellMetrics {
  readonly suspensions: number;
  /** Total ms suspended, a suspension still running counted until the end of the period. */
  readonly suspendedMs: number;
  /** `suspendedMs` over the period's length; `null` for an empty period. */
  readonly suspendedShare: number | null;
  readonly regularMeetings: number;
  readonly extraordinaryMeetings: number;
}

/**
 * Everything `computeOutcomes` reports. Field names are stable: they become CSV columns
 * through `flattenOutcomes` (`disputes.settled`, `ackTime.median`, `ladder.timeAt.crisis`).
 */
export interface Outcomes {
  readonly period: PeriodMetrics;
  readonly incidents: IncidentMetrics;
  readonly disputes: DisputeMetrics;
  readonly messages: MessageMetrics;
  /** Time to acknowledge: `acknowledgedAt - sentAt` over acknowledged messages (ms). */
  readonly ackTime: SampleStats;
  /** Time to resolve: `closedAt - raisedAt` over disputes closed by settlement or ruling (ms). */
  readonly resolveTime: SampleStats;
  /** Time to close: `closedAt - raisedAt` over all closed disputes, whatever the outcome (ms). */
  readonly closeTime: SampleStats;
  readonly supervisor: SupervisorMetrics;
  readonly cell: CellMetrics;
  readonly ladder: LadderMetrics;
  /** Retaliations against a misattributed incident (aimed at a party that did not do it). */
  readonly accidentalEscalations: number;
  /**
   * The headline: misattributions cleared while the misled party had a retaliation against
   * the side it wrongly blamed planned and not yet carried out or called off.
   */
  readonly consequentialMisunderstandingsCaught: number;
  /**
   * All misattributions cleared before the misled party retaliated, whether or not it meant
   * to (most blame unidentified actors, whom no policy retaliates against).
   */
  readonly misunderstandingsCaught: number;
  readonly retaliationPlans: RetaliationMetrics;
  /**
   * Races between a clarification and a retaliation planned against a side that did not do
   * it: the margin of each (`rows`, left out of sweep rows) and their aggregates.
   */
  readonly races: RaceMetrics;
  readonly deescalation: DeescalationMetrics;
  /** `null` unless the run plays repeated-interaction rounds. */
  readonly game: GameMetrics | null;
}

const ms = (at: string): number => parseInstant(at) as number;

function sorted<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k] as V;
  return out;
}

/**
 * Epoch ms at which open intervals close (see the module comment). A run stopped early (the
 * event limit) ends where it stopped: its metrics cover no more than was simulated.
 */
function runEnd(s: ParleyState): number | undefined {
  if (s.at === undefined) return undefined;
  const last = ms(s.at);
  return s.ended && s.meta && s.endReason !== 'stopped' ? Math.max(last, ms(s.meta.end)) : last;
}

function incidents(s: ParleyState): IncidentMetrics {
  const byKind: Record<string, number> = {};
  const byParty: Record<string, number> = {};
  for (const p of Object.keys(s.meta?.parties ?? {})) byParty[p] = 0;
  let hostile = 0;
  let retaliations = 0;
  const all = [...s.incidents.values()];
  for (const i of all) {
    byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
    byParty[i.by] = (byParty[i.by] ?? 0) + 1;
    if (i.weight < 0) hostile += 1;
    if (i.retaliationFor !== undefined) retaliations += 1;
  }
  return {
    total: all.length,
    hostile,
    cooperative: all.length - hostile,
    retaliations,
    byKind: sorted(byKind),
    byParty: sorted(byParty),
  };
}

function disputes(s: ParleyState): DisputeMetrics {
  const n = { settlement: 0, ruling: 0, escalation: 0, withdrawal: 0, lapse: 0 };
  const all = [...s.disputes.values()];
  for (const d of all) if (d.outcome !== undefined) n[d.outcome] += 1;
  const closed = n.settlement + n.ruling + n.escalation + n.withdrawal + n.lapse;
  return {
    raised: all.length,
    settled: n.settlement,
    ruled: n.ruling,
    escalated: n.escalation,
    withdrawn: n.withdrawal,
    lapsed: n.lapse,
    open: all.length - closed,
    closed,
    resolved: n.settlement + n.ruling,
  };
}

function messages(s: ParleyState): MessageMetrics {
  const all = [...s.messages.values()];
  const count = (f: (m: (typeof all)[number]) => unknown): number => all.filter(f).length;
  return {
    sent: all.length,
    delivered: count((m) => m.deliveredAt !== undefined),
    acknowledged: count((m) => m.acknowledgedAt !== undefined),
    answered: count((m) => m.answeredAt !== undefined),
    lost: count((m) => m.lostAt !== undefined),
    overdueAcks: s.counters.overdueAcks,
  };
}

function cell(s: ParleyState, end: number | undefined, periodMs: number): CellMetrics {
  const c = s.cell;
  const open = c?.suspendedSinceMs !== undefined && end !== undefined ? Math.max(0, end - c.suspendedSinceMs) : 0;
  const suspendedMs = (c?.suspendedMs ?? 0) + open;
  const meetings = [...s.meetings.values()];
  return {
    suspensions: c?.suspensions.length ?? 0,
    suspendedMs,
    suspendedShare: ratio(suspendedMs, periodMs),
    regularMeetings: meetings.filter((m) => m.kind === 'regular').length,
    extraordinaryMeetings: meetings.filter((m) => m.kind === 'extraordinary').length,
  };
}

/**
 * Computes the outcome metrics of the state `s` (a finished run or any prefix of one).
 * Pure and total: any state the fold can produce gives a result, including the initial one.
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const { state } = runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }));
 * const o = computeOutcomes(state); // or computeOutcomes(replay(events)) for a log read back
 * console.log(o.disputes.settled, o.ackTime.median, o.ladder.timeAt['crisis'], flattenOutcomes(o)['ladder.peak']);
 */
export function computeOutcomes(s: ParleyState): Outcomes {
  const end = runEnd(s);
  const start = s.meta ? ms(s.meta.start) : end;
  const periodMs = end === undefined || start === undefined ? 0 : Math.max(0, end - start);
  const d = disputes(s);
  const closedDisputes = [...s.disputes.values()].filter((x) => x.closedAt !== undefined);
  const span = (from: string, to: string): number => ms(to) - ms(from);
  const c = s.counters;
  return {
    period: {
      start: s.meta?.start ?? null,
      end: end === undefined ? null : formatInstant(end),
      ms: periodMs,
    },
    incidents: incidents(s),
    disputes: d,
    messages: messages(s),
    ackTime: summarize(
      [...s.messages.values()].flatMap((m) => (m.acknowledgedAt === undefined ? [] : [span(m.sentAt, m.acknowledgedAt)])),
    ),
    resolveTime: summarize(
      closedDisputes.filter((x) => x.outcome === 'settlement' || x.outcome === 'ruling').map((x) => span(x.raisedAt, x.closedAt as string)),
    ),
    closeTime: summarize(closedDisputes.map((x) => span(x.raisedAt, x.closedAt as string))),
    supervisor: {
      interventions: c.interventions,
      referrals: c.referrals,
      factFindings: c.byType.FactFindingOpened,
      rulings: c.byType.SupervisorRuled,
      failedMediations: c.byType.MediationFailed,
    },
    cell: cell(s, end, periodMs),
    ladder: ladder(s, end),
    accidentalEscalations: c.accidentalEscalations,
    consequentialMisunderstandingsCaught: c.consequentialMisunderstandingsCaught,
    misunderstandingsCaught: c.misunderstandingsCaught,
    retaliationPlans: retaliationPlans(s),
    races: races(s),
    deescalation: {
      rate: ratio(s.ladder?.levelsDown ?? 0, s.ladder?.levelsUp ?? 0),
      steps: c.deescalationSteps,
      peacefulCloseRate: ratio(d.resolved, d.closed),
    },
    game: game(s),
  };
}
