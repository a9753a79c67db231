/**
 * The parties and the supervisor as the procedures consult them: each one's policy applied
 * to its parameters, drawing from its own named streams (which decision draws from which
 * stream is fixed here, in one place: see streams.ts).
 */
import { UsageError } from '../core/errors.js';
import type { Plan, PolicyPlan, SupervisorPlan } from './plan.js';
import { partyPolicy, type Occasion, type PartyPolicy, type Provocation, type SupervisorPolicy } from './policies/index.js';
import type { Rng } from './rng.js';
import { STREAM, type Streams } from './streams.js';

/** A party of the run. */
export class Party {
  private readonly ack: Rng;
  private readonly delay: Rng;
  private readonly dispute: Rng;
  private readonly retaliation: Rng;
  private readonly settle: Rng;
  private readonly ruling: Rng;
  private readonly escalate: Rng;

  constructor(
    readonly id: string,
    /** The party's parameters, from the scenario with its kind's defaults. */
    readonly self: PolicyPlan,
    readonly policy: PartyPolicy,
    streams: Streams,
  ) {
    // Creating a stream draws nothing: a stream's sequence depends only on the seed and its name.
    this.ack = streams.get(STREAM.ack, id);
    this.delay = streams.get(STREAM.delay, id);
    this.dispute = streams.get(STREAM.dispute, id);
    this.retaliation = streams.get(STREAM.retaliation, id);
    this.settle = streams.get(STREAM.settle, id);
    this.ruling = streams.get(STREAM.ruling, id);
    this.escalate = streams.get(STREAM.escalate, id);
  }

  acknowledges(): boolean {
    return this.policy.acknowledges(this.self, this.ack);
  }

  ackDelay(): number {
    return this.policy.ackDelay(this.self, this.delay);
  }

  answerDelay(): number {
    return this.policy.answerDelay(this.self, this.delay);
  }

  raisesDispute(seen: Provocation): boolean {
    return this.policy.raisesDispute(this.self, seen, this.dispute);
  }

  requestsMeeting(seen: Provocation): boolean {
    return this.policy.requestsMeeting(this.self, seen);
  }

  retaliates(seen: Provocation): boolean {
    return this.policy.retaliates(this.self, seen, this.retaliation);
  }

  retaliationDelay(): number {
    return this.policy.retaliationDelay(this.self);
  }

  acceptsSettlement(): boolean {
    return this.policy.acceptsSettlement(this.self, this.settle);
  }

  acceptsRuling(): boolean {
    return this.policy.acceptsRuling(this.self, this.ruling);
  }

  escalates(): boolean {
    return this.policy.escalates(this.self, this.escalate);
  }
}

/** The supervisor of the run. */
export class Supervisor {
  private readonly rng: Rng;

  constructor(
    readonly self: SupervisorPlan,
    readonly policy: SupervisorPolicy,
    streams: Streams,
  ) {
    this.rng = streams.get(STREAM.supervisor);
  }

  get id(): string {
    return this.self.id;
  }

  intervenes(occasion: Occasion): boolean {
    return this.policy.intervenes(this.self, occasion, this.rng);
  }

  responseTime(): number {
    return this.policy.responseTime(this.self);
  }

  factFinding(): number {
    return this.policy.factFinding(this.self);
  }
}

/**
 * Each party of the plan with the policy it plays: the one `chosen` for it, else the built-in
 * policy its plan's kind names.
 * @throws {UsageError} when `chosen` names a party the plan does not have, or a kind does not exist.
 */
export function cast(plan: Plan, chosen: Readonly<Record<string, PartyPolicy>>, streams: Streams): Map<string, Party> {
  for (const id of Object.keys(chosen)) {
    if (!plan.parties.some((p) => p.id === id)) throw new UsageError(`[sim] options.policies names "${id}", which is not a party of the plan`, 'PLAN');
  }
  return new Map(
    plan.parties.map((p) => {
      const policy = Object.hasOwn(chosen, p.id) ? chosen[p.id] : partyPolicy(p.policy.kind);
      if (!policy) throw new UsageError(`[sim] party "${p.id}" plays policy kind "${p.policy.kind}", which does not exist`, 'PLAN');
      return [p.id, new Party(p.id, p.policy, policy, streams)];
    }),
  );
}
