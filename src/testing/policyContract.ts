/**
 * What the simulator expects of a policy, checked at every decision: a yes/no decision
 * returns `true` or `false`, a delay a finite number of milliseconds, 0 or more. The simulator
 * itself takes whatever a policy returns: a delay of `NaN` or `Infinity` schedules the step
 * nowhere or after the end of time, so the party silently never acknowledges or answers; a
 * negative one is moved to "now". A policy that breaks this contract, or throws, is stopped
 * at that decision with a {@link PolicyViolation} naming the party, the decision and the value.
 */
import { ParleyError } from '../core/errors.js';
import type { PartyPolicy, SupervisorPolicy } from '../sim/policies/index.js';

/** What {@link PolicyViolation} reports. */
export type PolicyViolationCode =
  /** A decision returned a value outside its type (a delay of `NaN`, a yes/no of `undefined` …). */
  | 'BAD_DECISION'
  /** A decision threw (the error is the `cause`). */
  | 'DECISION_THREW'
  /** The run reached its event budget before its horizon: with this policy it never ends. */
  | 'EVENT_BUDGET'
  /** The `check` of `policyProperty` returned `false`. */
  | 'CHECK_FAILED';

/**
 * A policy that breaks the contract of its interface, makes a run never end, or fails the
 * check a property asks of its runs.
 * @example
 * try { runPlan(plan, { policies: { israel: checkedPolicy(myPolicy, 'israel') } }); }
 * catch (e) { if (e instanceof PolicyViolation && e.code === 'BAD_DECISION') console.log(e.message); }
 */
export class PolicyViolation extends ParleyError {
  override readonly name = 'PolicyViolation';
  readonly area = 'check';
  constructor(
    readonly code: PolicyViolationCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Calls `decide`; its value must pass `valid`, or the decision is reported. */
function decision<T>(who: string, name: string, decide: () => T, valid: (value: T) => boolean, expected: string): T {
  let value: T;
  try {
    value = decide();
  } catch (error) {
    throw new PolicyViolation('DECISION_THREW', `[policy] ${who}: ${name} threw ${shown(error)}`, { cause: error });
  }
  if (!valid(value)) throw new PolicyViolation('BAD_DECISION', `[policy] ${who}: ${name} returned ${shown(value)}; ${expected}`);
  return value;
}

const isYesNo = (v: unknown): boolean => typeof v === 'boolean';
const isDelay = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const YES_NO = 'a decision is true or false';
const DELAY = 'a delay is a finite number of milliseconds, 0 or more';

/**
 * `policy` with every decision checked against its contract, for party `party`: the same
 * decisions, but one that returns a value outside its type, or throws, throws a
 * {@link PolicyViolation} instead (naming the party, the decision and the value).
 * `policyProperty` plays policies this way; a script can too.
 * @example
 * const patient = { ...titForTat, retaliates: (self, seen, rng) => seen.severity > 0.6 && titForTat.retaliates(self, seen, rng) };
 * runPlan(plan, { policies: { israel: checkedPolicy(patient, 'israel') } });
 */
export function checkedPolicy(policy: PartyPolicy, party: string): PartyPolicy {
  const who = `${party} (playing ${policy.kind})`;
  const yesNo = (name: string, decide: () => boolean) => decision(who, name, decide, isYesNo, YES_NO);
  const delay = (name: string, decide: () => number) => decision(who, name, decide, isDelay, DELAY);
  return {
    kind: policy.kind,
    description: policy.description,
    defaults: policy.defaults,
    parameters: policy.parameters,
    // Called as methods of `policy`, so a policy written as a class keeps its `this`.
    acknowledges: (self, rng) => yesNo('acknowledges', () => policy.acknowledges(self, rng)),
    ackDelay: (self, rng) => delay('ackDelay', () => policy.ackDelay(self, rng)),
    answerDelay: (self, rng) => delay('answerDelay', () => policy.answerDelay(self, rng)),
    raisesDispute: (self, seen, rng) => yesNo('raisesDispute', () => policy.raisesDispute(self, seen, rng)),
    requestsMeeting: (self, seen) => yesNo('requestsMeeting', () => policy.requestsMeeting(self, seen)),
    retaliates: (self, seen, rng) => yesNo('retaliates', () => policy.retaliates(self, seen, rng)),
    retaliationDelay: (self) => delay('retaliationDelay', () => policy.retaliationDelay(self)),
    acceptsSettlement: (self, rng) => yesNo('acceptsSettlement', () => policy.acceptsSettlement(self, rng)),
    acceptsRuling: (self, rng) => yesNo('acceptsRuling', () => policy.acceptsRuling(self, rng)),
    escalates: (self, rng) => yesNo('escalates', () => policy.escalates(self, rng)),
  };
}

/** {@link checkedPolicy} for the supervisor's policy. */
export function checkedSupervisor(policy: SupervisorPolicy): SupervisorPolicy {
  const who = `the supervisor (playing ${policy.kind})`;
  return {
    kind: policy.kind,
    intervenes: (self, occasion, rng) => decision(who, 'intervenes', () => policy.intervenes(self, occasion, rng), isYesNo, YES_NO),
    responseTime: (self) => decision(who, 'responseTime', () => policy.responseTime(self), isDelay, DELAY),
    factFinding: (self) => decision(who, 'factFinding', () => policy.factFinding(self), isDelay, DELAY),
  };
}
