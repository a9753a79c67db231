/**
 * The invariants of Parley's core (`src/core/invariants.ts`: what `parley verify --deep`
 * runs), checked incrementally: after each event only the dispute or message it names is
 * examined, and totals are compared with tallies the check keeps as it goes. Each also has
 * a whole-state form (every entity scanned), run once at the end of a stream.
 */
import type { Recorded } from '../core/catalogue.js';
import { EVENT_TYPES } from '../core/catalogue.js';
import { ladderWithinBounds } from '../core/invariants.js';
import type { DisputeView, MessageView, ParleyState } from '../core/state.js';
import { parseInstant } from '../core/time.js';
import { DISPUTE_OUTCOMES } from '../machines/dispute.js';
import type { Invariant } from './invariant.js';

const t = (at: string | undefined): number => (at === undefined ? Number.NaN : (parseInstant(at) as number));

/** The id in the event's data under `key`, if any. */
function named(e: Recorded, key: 'disputeId' | 'messageId'): string | undefined {
  const value = (e.data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function disputeProblems(d: DisputeView): string[] {
  const out: string[] = [];
  const final = d.machine.status === 'done';
  if (final !== (d.closedAt !== undefined)) out.push(`dispute ${d.id}: closedAt does not match its machine`);
  if (final) {
    const expected = DISPUTE_OUTCOMES[d.machine.value as keyof typeof DISPUTE_OUTCOMES];
    if (d.outcome !== expected) out.push(`dispute ${d.id}: outcome ${String(d.outcome)} but state ${String(d.machine.value)}`);
    if (t(d.closedAt) < t(d.raisedAt)) out.push(`dispute ${d.id}: closed before it was raised`);
  }
  return out;
}

/** The states a lost message can be in: lost, or overdue (and referred) once its deadline passed. */
const LOST_STATES = new Set(['lost', 'overdue', 'referred']);

function messageProblems(m: MessageView): string[] {
  const out: string[] = [];
  if (m.acknowledgedAt !== undefined) {
    if (m.deliveredAt === undefined) out.push(`message ${m.id}: acknowledged but never delivered`);
    else if (t(m.acknowledgedAt) < t(m.deliveredAt)) out.push(`message ${m.id}: acknowledged before delivery`);
  }
  if (m.answeredAt !== undefined && (m.acknowledgedAt === undefined || t(m.answeredAt) < t(m.acknowledgedAt))) {
    out.push(`message ${m.id}: answered before it was acknowledged`);
  }
  if (m.machine.context.delivered !== (m.deliveredAt !== undefined)) out.push(`message ${m.id}: delivery flag disagrees with the read model`);
  if (m.machine.context.lost !== (m.lostAt !== undefined)) out.push(`message ${m.id}: loss flag disagrees with the read model`);
  // A lost message goes overdue at its deadline like any other (its sender cannot tell), never further.
  if (m.lostAt !== undefined && !LOST_STATES.has(String(m.machine.value))) out.push(`message ${m.id}: lost but in ${String(m.machine.value)}`);
  if (m.lostAt !== undefined && m.deliveredAt !== undefined) out.push(`message ${m.id}: both lost and delivered`);
  return out;
}

export const disputesClosedOnceInvariant: Invariant = {
  name: 'disputesClosedOnce',
  statement: 'A dispute is closed exactly once, when its machine is final, with the outcome of that final state.',
  start: () => {
    // How each closed dispute was closed: a second closing would change it.
    const closed = new Map<string, string>();
    return (s, e) => {
      const id = named(e, 'disputeId');
      const d = id === undefined ? undefined : s.disputes.get(id);
      const out = d ? disputeProblems(d) : [];
      if (d && d.closedAt !== undefined) {
        const how = `${d.closedAt} ${String(d.outcome)}`;
        const before = closed.get(d.id);
        if (before === undefined) closed.set(d.id, how);
        else if (before !== how) out.push(`dispute ${d.id}: closed twice (${before}, then ${how})`);
      }
      if (closed.size !== s.counters.disputesClosed) out.push(`disputes closed: counter ${s.counters.disputesClosed}, closings seen ${closed.size}`);
      return out;
    };
  },
  whole: (s) => {
    const out = [...s.disputes.values()].flatMap(disputeProblems);
    const closed = [...s.disputes.values()].filter((d) => d.machine.status === 'done').length;
    if (closed !== s.counters.disputesClosed) out.push(`disputes closed: counter ${s.counters.disputesClosed}, machines ${closed}`);
    return out;
  },
};

export const acknowledgementsAfterDeliveryInvariant: Invariant = {
  name: 'acknowledgementsAfterDelivery',
  statement: 'No message is acknowledged before it was delivered, nor answered before it was acknowledged.',
  start: () => (s, e) => {
    const id = named(e, 'messageId');
    const m = id === undefined ? undefined : s.messages.get(id);
    return m ? messageProblems(m) : [];
  },
  whole: (s) => [...s.messages.values()].flatMap(messageProblems),
};

export const ladderWithinBoundsInvariant: Invariant = {
  name: 'ladderWithinBounds',
  statement: 'The ladder’s pressure stays within [0, max], and its level is the one that pressure implies.',
  // Constant time already: the ladder is one entity.
  start: () => ladderWithinBounds,
  whole: ladderWithinBounds,
};

/** Counters against the events and against what the entities show (`retaliations`, `accidental`). */
function counterProblems(s: ParleyState, retaliations: number, accidental: number): string[] {
  const c = s.counters;
  const out: string[] = [];
  let total = 0;
  for (const type of EVENT_TYPES) total += c.byType[type];
  if (total !== c.events || c.events !== s.seq) out.push(`event counters: ${total} by type, ${c.events} total, seq ${s.seq}`);
  const pairs: Array<[string, number, number]> = [
    ['messages', s.messages.size, c.byType.MessageSent],
    ['disputes', s.disputes.size, c.byType.DisputeRaised],
    ['incidents', s.incidents.size, c.byType.IncidentOccurred],
    ['meetings', s.meetings.size, c.byType.MeetingOpened],
    ['overdue acknowledgements', c.overdueAcks, c.byType.AckDeadlineMissed],
    ['referrals', c.referrals, c.byType.MessageReferred],
    ['de-escalation steps', c.deescalationSteps, c.byType.DeescalationStepTaken],
    ['retaliations', c.retaliations, retaliations],
    ['accidental escalations', c.accidentalEscalations, accidental],
  ];
  for (const [name, have, seen] of pairs) if (have !== seen) out.push(`${name}: ${have} in the state, ${seen} in the events`);
  if (c.misunderstandingsCaught > c.byType.IncidentClarified) out.push('more misunderstandings caught than clarifications');
  if (c.consequentialMisunderstandingsCaught > c.misunderstandingsCaught) out.push('more consequential misunderstandings caught than misunderstandings caught');
  if (s.game && s.game.rounds !== c.byType.RoundPlayed) out.push('game rounds disagree with RoundPlayed events');
  return out;
}

export const countersMatchInvariant: Invariant = {
  name: 'countersMatch',
  statement: 'The state’s counters agree with the events recorded and the entities they count.',
  start: () => {
    let retaliations = 0;
    let accidental = 0;
    return (s, e) => {
      if (e.type === 'IncidentOccurred') {
        const i = s.incidents.get(e.data.incidentId);
        if (i?.retaliationFor !== undefined) retaliations += 1;
        if (i?.accidental) accidental += 1;
      }
      return counterProblems(s, retaliations, accidental);
    };
  },
  whole: (s) => {
    const incidents = [...s.incidents.values()];
    return counterProblems(s, incidents.filter((i) => i.retaliationFor !== undefined).length, incidents.filter((i) => i.accidental).length);
  },
};

/** The core's invariants, in the kit's incremental form. */
export const STATE_INVARIANTS: readonly Invariant[] = [
  disputesClosedOnceInvariant,
  acknowledgementsAfterDeliveryInvariant,
  ladderWithinBoundsInvariant,
  countersMatchInvariant,
];
