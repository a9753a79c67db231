/**
 * The mechanism's rules, read from the log's first event: the deadlines `decide` gives a
 * message (`ackBy`) and a dispute (`respondBy`), computed here and nowhere else, and the
 * check that a recorded fact carries the deadline its log's rules give it. A log written
 * before the rules were recorded (LogStarted v1) cannot have either: the answer is then
 * "not recorded", never a guess.
 */
import type { Fact, MechanismRules } from './catalogue.js';
import type { RunMeta } from './state.js';
import { formatInstant, parseDuration, parseInstant } from './time.js';

/** The facts whose data carries a deadline computed from the rules, and its field. */
export const DEADLINE_FIELDS = { MessageSent: 'ackBy', DisputeRaised: 'respondBy' } as const;
export type DeadlineFact = keyof typeof DEADLINE_FIELDS;

const RULE_OF: { readonly [F in DeadlineFact]: 'ackDeadline' | 'disputeResponseDeadline' } = {
  MessageSent: 'ackDeadline',
  DisputeRaised: 'disputeResponseDeadline',
};

/** What the rule of a deadline says, in words, for messages. */
export const RULE_NAMES: { readonly [F in DeadlineFact]: string } = {
  MessageSent: 'acknowledgement deadline',
  DisputeRaised: 'dispute response deadline',
};

/**
 * The deadline of a `type` fact recorded at `at` under `rules`: `at` plus the rule's
 * duration, as the instant the log writes. `undefined` when the rules were not recorded or
 * `at` is not an instant.
 * @example deadline(meta.rules, 'MessageSent', '2026-01-10T05:00:00Z') // '2026-01-11T05:00:00Z' under ackDeadline P1D
 */
export function deadline(rules: MechanismRules | null, type: DeadlineFact, at: string): string | undefined {
  if (rules === null) return undefined;
  const start = parseInstant(at);
  const length = parseDuration(type === 'MessageSent' ? rules.ackDeadline : rules.disputeResponseDeadline);
  return start === undefined || length === undefined ? undefined : formatInstant(start + length);
}

/**
 * Whether a recorded fact carries the deadline its log's rules give it: `ok`, `not recorded`
 * (the log predates recorded rules: nothing to check against), or what is wrong.
 */
export function checkDeadline(meta: RunMeta, f: Fact): 'ok' | 'not recorded' | string {
  if (f.type !== 'MessageSent' && f.type !== 'DisputeRaised') return 'ok';
  if (meta.rules === null) return 'not recorded';
  const field = DEADLINE_FIELDS[f.type];
  const expected = deadline(meta.rules, f.type, f.at);
  const actual = (f.data as Record<string, unknown>)[field];
  return actual === expected ? 'ok' : `${field} is ${String(actual)}, but the ${RULE_NAMES[f.type]} (${meta.rules[RULE_OF[f.type]]}) gives ${String(expected)}`;
}
