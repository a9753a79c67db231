/**
 * The policy interfaces: every decision the simulator asks a party or the supervisor to
 * take, as a function of what it knows (its parameters and what it observed) and, when the
 * decision is random, its own random stream for that kind of decision. A new behaviour is a
 * new object implementing {@link PartyPolicy}, in one file under policies/, listed in
 * policies/index.ts; `runPlan(plan, { policies: { israel: myPolicy } })` plays one for a
 * single party without registering it.
 *
 * Streams: the simulator passes the party's stream for the decision at hand (`ack/<party>`,
 * `delay/<party>`, …, see streams.ts). A stream's sequence depends only on the seed and its
 * name, so what one decision draws never shifts another's; a decision that draws nothing
 * (`Rng.chance(0)` and `chance(1)` do not draw) leaves its stream where it was.
 */
import type { PolicyPlan, SupervisorPlan } from '../plan.js';
import type { Rng } from '../rng.js';

/** What a party knows about a hostile act against it that it has just observed. */
export interface Provocation {
  /** Severity as the party perceived it (0–1; the fog may have distorted it). */
  readonly severity: number;
  /** The act answers something this party really did: tit-for-tat reads it as the echo, not a new move. */
  readonly answersOwnAct: boolean;
}

/** The probabilities a kind has unless the scenario sets them (see `PolicyPlan`). */
export interface Dispositions {
  readonly generosity: number;
  readonly retaliate: number;
  readonly raiseDispute: number;
  readonly acknowledge: number;
  readonly escalate: number;
  readonly settle: number;
  /** The party accepts a ruling with this times the supervisor's `rulingAccepted`. */
  readonly rulingAcceptance: number;
}

/** A disposition a kind lets the scenario set (a probability), with its documentation. */
export interface PolicyParameter {
  readonly doc: string;
  /** When absent the scenario must give it. */
  readonly default?: number;
}

/** How a party behaves. */
export interface PartyPolicy {
  /** The `kind` a scenario names it by. */
  readonly kind: string;
  /** One sentence for the scenario schema and editors. */
  readonly description: string;
  readonly defaults: Dispositions;
  /** The dispositions a scenario may set for this kind besides the common fields. */
  readonly parameters: Readonly<Partial<Record<'generosity' | 'retaliate' | 'raiseDispute' | 'acknowledge' | 'escalate', PolicyParameter>>>;

  /** Whether it acknowledges a message delivered to it, or a dispute raised against it, at all. */
  acknowledges(self: PolicyPlan, rng: Rng): boolean;
  /** How long it takes to acknowledge (ms). */
  ackDelay(self: PolicyPlan, rng: Rng): number;
  /** How long it takes to answer a message, a finding or a ruling (ms). */
  answerDelay(self: PolicyPlan, rng: Rng): number;
  /** Whether it raises a dispute in the cell over an incident it observed. */
  raisesDispute(self: PolicyPlan, seen: Provocation, rng: Rng): boolean;
  /** Whether it asks for an extraordinary meeting over it (where the mechanism allows requests). */
  requestsMeeting(self: PolicyPlan, seen: Provocation): boolean;
  /**
   * Whether it intends to retaliate. It still waits {@link retaliationDelay}, during which
   * the cell may clarify the incident and call the retaliation off.
   */
  retaliates(self: PolicyPlan, seen: Provocation, rng: Rng): boolean;
  /** How long it waits before retaliating (ms): the window in which the cell can clarify. */
  retaliationDelay(self: PolicyPlan): number;
  /** Whether it accepts a settlement of a dispute it is party to. */
  acceptsSettlement(self: PolicyPlan, rng: Rng): boolean;
  /** Whether it accepts the supervisor's ruling. */
  acceptsRuling(self: PolicyPlan, rng: Rng): boolean;
  /** Whether, as claimant of a deadlocked dispute, it escalates rather than try mediation again or withdraw. */
  escalates(self: PolicyPlan, rng: Rng): boolean;
}

/** Why the supervisor is asked to step in. */
export type Occasion = 'referral' | 'deadline' | 'mediation';

/** How the supervisor behaves. */
export interface SupervisorPolicy {
  readonly kind: string;
  /**
   * Whether it steps in: looks into a referred message, lets a dispute whose response
   * deadline passed go to mediation (rather than lapse), rules on a mediation (rather than
   * decline). `rng` is the supervisor's one stream, shared by all three occasions.
   */
  intervenes(self: SupervisorPlan, occasion: Occasion, rng: Rng): boolean;
  /** How long it takes to respond to a referral or a mediation request (ms). */
  responseTime(self: SupervisorPlan): number;
  /** How long fact-finding on a dispute takes (ms). */
  factFinding(self: SupervisorPlan): number;
}
