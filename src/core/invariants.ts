/**
 * Invariants every reachable state satisfies. They are the predicates property tests check
 * after every event of a generated stream, and `parley replay --check` can run on any log.
 * Each returns a list of violations (empty when the state is sound) so a failure says what.
 */
import { DISPUTE_OUTCOMES } from '../machines/dispute.js';
import { levelIndex } from '../machines/ladder.js';
import { EVENT_TYPES } from './catalogue.js';
import type { ParleyState } from './state.js';
import { parseInstant } from './time.js';

const t = (at: string | undefined): number => (at === undefined ? Number.NaN : (parseInstant(at) as number));

/** A dispute is closed exactly when its machine is final, once, with the matching outcome. */
export function disputesClosedOnce(s: ParleyState): string[] {
  const out: string[] = [];
  let closed = 0;
  for (const d of s.disputes.values()) {
    const final = d.machine.status === 'done';
    if (final !== (d.closedAt !== undefined)) out.push(`dispute ${d.id}: closedAt does not match its machine`);
    if (final) {
      closed += 1;
      const expected = DISPUTE_OUTCOMES[d.machine.value as keyof typeof DISPUTE_OUTCOMES];
      if (d.outcome !== expected) out.push(`dispute ${d.id}: outcome ${String(d.outcome)} but state ${String(d.machine.value)}`);
      if (t(d.closedAt) < t(d.raisedAt)) out.push(`dispute ${d.id}: closed before it was raised`);
    }
  }
  if (closed !== s.counters.disputesClosed) {
    out.push(`disputes closed: counter ${s.counters.disputesClosed}, machines ${closed}`);
  }
  return out;
}

/** No message is acknowledged before it was delivered, nor answered before acknowledged. */
export function acknowledgementsAfterDelivery(s: ParleyState): string[] {
  const out: string[] = [];
  for (const m of s.messages.values()) {
    if (m.acknowledgedAt !== undefined) {
      if (m.deliveredAt === undefined) out.push(`message ${m.id}: acknowledged but never delivered`);
      else if (t(m.acknowledgedAt) < t(m.deliveredAt)) out.push(`message ${m.id}: acknowledged before delivery`);
    }
    if (m.answeredAt !== undefined && (m.acknowledgedAt === undefined || t(m.answeredAt) < t(m.acknowledgedAt))) {
      out.push(`message ${m.id}: answered before it was acknowledged`);
    }
    if (m.machine.context.delivered !== (m.deliveredAt !== undefined)) {
      out.push(`message ${m.id}: delivery flag disagrees with the read model`);
    }
    if (m.lostAt !== undefined && m.machine.value !== 'lost') out.push(`message ${m.id}: lost but in ${String(m.machine.value)}`);
  }
  return out;
}

/** The ladder's pressure is within bounds and its level is the one the pressure implies. */
export function ladderWithinBounds(s: ParleyState): string[] {
  if (!s.ladder || !s.meta) return [];
  const config = s.meta.ladder;
  const { pressure } = s.ladder.machine.context;
  const out: string[] = [];
  if (!(pressure >= 0 && pressure <= config.max)) out.push(`ladder pressure ${pressure} outside [0, ${config.max}]`);
  const index = levelIndex(config, pressure);
  if (index !== s.ladder.levelIndex || s.ladder.machine.value !== config.levels[index]) {
    out.push(`ladder level ${s.ladder.level} (machine ${String(s.ladder.machine.value)}) but pressure ${pressure} means ${config.levels[index]}`);
  }
  if (s.ladder.peakIndex < s.ladder.levelIndex) out.push('ladder peak below the current level');
  if (s.ladder.levelsUp - s.ladder.levelsDown !== s.ladder.levelIndex) {
    out.push(`ladder climbed ${s.ladder.levelsUp} and descended ${s.ladder.levelsDown} levels, but stands at level ${s.ladder.levelIndex}`);
  }
  return out;
}

/** Counters agree with the events and the entities they count. */
export function countersMatch(s: ParleyState): string[] {
  const out: string[] = [];
  const c = s.counters;
  const total = EVENT_TYPES.reduce((n, type) => n + c.byType[type], 0);
  if (total !== c.events || c.events !== s.seq) out.push(`event counters: ${total} by type, ${c.events} total, seq ${s.seq}`);
  const pairs: Array<[string, number, number]> = [
    ['messages', s.messages.size, c.byType.MessageSent],
    ['disputes', s.disputes.size, c.byType.DisputeRaised],
    ['incidents', s.incidents.size, c.byType.IncidentOccurred],
    ['meetings', s.meetings.size, c.byType.MeetingOpened],
    ['overdue acknowledgements', c.overdueAcks, c.byType.AckDeadlineMissed],
    ['referrals', c.referrals, c.byType.MessageReferred],
    ['de-escalation steps', c.deescalationSteps, c.byType.DeescalationStepTaken],
  ];
  for (const [name, have, events] of pairs) {
    if (have !== events) out.push(`${name}: ${have} in the state, ${events} events`);
  }
  const retaliations = [...s.incidents.values()].filter((i) => i.retaliationFor !== undefined).length;
  if (retaliations !== c.retaliations) out.push(`retaliations: ${c.retaliations} counted, ${retaliations} incidents`);
  const accidental = [...s.incidents.values()].filter((i) => i.accidental).length;
  if (accidental !== c.accidentalEscalations) out.push(`accidental escalations: ${c.accidentalEscalations} counted, ${accidental} incidents`);
  if (c.misunderstandingsCaught > c.byType.IncidentClarified) out.push('more misunderstandings caught than clarifications');
  if (s.game && s.game.rounds !== c.byType.RoundPlayed) out.push('game rounds disagree with RoundPlayed events');
  return out;
}

/** Every invariant, in one list. */
export const INVARIANTS = {
  disputesClosedOnce,
  acknowledgementsAfterDelivery,
  ladderWithinBounds,
  countersMatch,
} as const;

/**
 * Runs every invariant and returns all violations.
 * @example expect(checkInvariants(replay(events))).toEqual([]);
 */
export function checkInvariants(s: ParleyState): string[] {
  return Object.values(INVARIANTS).flatMap((check) => check(s));
}
