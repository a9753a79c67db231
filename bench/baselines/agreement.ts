/**
 * The honesty check behind every ratio: a baseline only counts if it computed the same thing.
 * `keyNumbers` reduces a final state (ours, the ceiling's, or the naive fold's, which is ours)
 * to the numbers an outcome report would use; `differences` lists where two disagree.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ParleyState } from '../../src/core/state.js';
import type { CeilingState } from './switchState.js';

/** What must agree between variants after folding the same log. */
export interface KeyNumbers {
  readonly seq: number;
  readonly at: string | undefined;
  readonly sizes: Readonly<Record<string, number>>;
  readonly messageStates: Readonly<Record<string, number>>;
  readonly messagesDelivered: number;
  readonly disputeStates: Readonly<Record<string, number>>;
  readonly disputeOutcomes: Readonly<Record<string, number>>;
  readonly acceptances: number;
  readonly findings: number;
  readonly meetingsClosed: number;
  readonly deadlinesMissed: number;
  readonly accidentalIncidents: number;
  readonly cell: unknown;
  readonly ladder: unknown;
  readonly openDisputes: unknown;
  readonly counters: unknown;
  readonly game: unknown;
}

function tally<T>(items: Iterable<T>, key: (item: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function sum<T>(items: Iterable<T>, value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}

/** Key numbers of a `ParleyState` (from `Replayer`, ours or naive). */
export function keyNumbersOf(s: ParleyState): KeyNumbers {
  const messages = [...s.messages.values()];
  const disputes = [...s.disputes.values()];
  const l = s.ladder;
  return {
    seq: s.seq,
    at: s.at,
    sizes: sizes(s),
    messageStates: tally(messages, (m) => String(m.machine.value)),
    messagesDelivered: sum(messages, (m) => (m.machine.context.delivered ? 1 : 0)),
    disputeStates: tally(disputes, (d) => String(d.machine.value)),
    disputeOutcomes: tally(disputes, (d) => d.outcome),
    acceptances: sum(disputes, (d) => d.machine.context.accepted.length),
    findings: sum(disputes, (d) => d.machine.context.findings),
    meetingsClosed: sum([...s.meetings.values()], (x) => (x.closedAt === undefined ? 0 : 1)),
    deadlinesMissed: sum(disputes, (d) => d.deadlinesMissed),
    accidentalIncidents: sum([...s.incidents.values()], (i) => (i.accidental ? 1 : 0)),
    cell: s.cell && {
      value: s.cell.machine.value,
      meetingsHeld: s.cell.machine.context.meetings,
      suspensionCount: s.cell.machine.context.suspensions,
      suspensions: s.cell.suspensions.length,
      suspendedMs: s.cell.suspendedMs,
    },
    ladder: l && {
      pressure: l.machine.context.pressure,
      machineLevel: l.machine.value,
      level: l.level,
      peak: l.peak,
      ups: l.ups,
      downs: l.downs,
      levelsUp: l.levelsUp,
      levelsDown: l.levelsDown,
      timeAtMs: l.timeAtMs,
      firstAt: l.firstAt,
    },
    openDisputes: s.openDisputes,
    counters: s.counters,
    game: s.game,
  };
}

function sizes(s: ParleyState | CeilingState): Record<string, number> {
  return {
    messages: s.messages.size,
    disputes: s.disputes.size,
    incidents: s.incidents.size,
    meetings: s.meetings.size,
    steps: s.steps.size,
  };
}

/** Key numbers of the ceiling's state, in the same terms (xstate state values). */
export function keyNumbersOfCeiling(s: CeilingState): KeyNumbers {
  const messages = [...s.messages.values()];
  const disputes = [...s.disputes.values()];
  const l = s.ladder;
  const c = s.cell;
  return {
    seq: s.seq,
    at: s.at,
    sizes: sizes(s),
    messageStates: tally(messages, (m) => m.state),
    messagesDelivered: sum(messages, (m) => (m.delivered ? 1 : 0)),
    disputeStates: tally(disputes, (d) => d.state),
    disputeOutcomes: tally(disputes, (d) => d.outcome),
    acceptances: sum(disputes, (d) => d.accepted.length),
    findings: sum(disputes, (d) => d.findings),
    meetingsClosed: sum([...s.meetings.values()], (x) => (x.closedAt === undefined ? 0 : 1)),
    deadlinesMissed: sum(disputes, (d) => d.deadlinesMissed),
    accidentalIncidents: sum([...s.incidents.values()], (i) => (i.accidental ? 1 : 0)),
    cell: c && {
      value: c.phase === 'active' ? { active: { ...c.trackStates, meetings: c.meetingState } } : c.phase,
      meetingsHeld: c.meetingsHeld,
      suspensionCount: c.suspensionCount,
      suspensions: c.suspensions.length,
      suspendedMs: c.suspendedMs,
    },
    ladder: l && {
      pressure: l.pressure,
      machineLevel: l.level,
      level: l.level,
      peak: l.peak,
      ups: l.ups,
      downs: l.downs,
      levelsUp: l.levelsUp,
      levelsDown: l.levelsDown,
      timeAtMs: l.timeAtMs,
      firstAt: l.firstAt,
    },
    openDisputes: s.openDisputes,
    counters: s.counters,
    game: s.game,
  };
}

/** Names of the key numbers that differ (empty when the two states agree). */
export function differences(a: KeyNumbers, b: KeyNumbers): string[] {
  const out: string[] = [];
  for (const key of Object.keys(a) as Array<keyof KeyNumbers>) {
    if (!isDeepStrictEqual(a[key], b[key])) out.push(`${key}: ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])}`.slice(0, 400));
  }
  return out;
}
