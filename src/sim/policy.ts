/**
 * Party policies: how a party reacts to what it observes. Each decision is a small pure
 * function of the policy parameters and a random stream, so policies can be compared and
 * swapped (scripted, tit-for-tat, generous tit-for-tat, hawk, dove, probabilistic) without
 * touching the simulation loop.
 */
import type { PolicyKind, PolicyPlan } from './plan.js';
import type { Rng } from './rng.js';

/** Default behaviour parameters per policy kind (a scenario may override each). */
export const POLICY_DEFAULTS: { readonly [K in PolicyKind]: Omit<PolicyPlan, 'kind' | 'ackDelayMs' | 'answerDelayMs' | 'retaliationDelayMs' | 'disputeThreshold' | 'acceptRuling'> } = {
  scripted: { generosity: 0, retaliate: 0, raiseDispute: 0, acknowledge: 1, escalate: 0, settle: 0.5 },
  'tit-for-tat': { generosity: 0, retaliate: 1, raiseDispute: 1, acknowledge: 1, escalate: 0.5, settle: 0.5 },
  'generous-tit-for-tat': { generosity: 0.33, retaliate: 1, raiseDispute: 1, acknowledge: 1, escalate: 0.25, settle: 0.7 },
  hawk: { generosity: 0, retaliate: 1, raiseDispute: 0.5, acknowledge: 0.5, escalate: 0.9, settle: 0.2 },
  dove: { generosity: 1, retaliate: 0, raiseDispute: 1, acknowledge: 1, escalate: 0, settle: 0.95 },
  probabilistic: { generosity: 0, retaliate: 0.5, raiseDispute: 0.5, acknowledge: 0.9, escalate: 0.1, settle: 0.5 },
};

/** What a party knows about a hostile act it has just observed. */
export interface Provocation {
  /** The act answers something this party really did: tit-for-tat reads it as the echo, not a new move. */
  readonly answersOwnAct: boolean;
}

/**
 * Whether the party intends to retaliate (it will still wait `retaliationDelayMs`, during
 * which the cell may clarify the incident and call it off).
 */
export function intendsRetaliation(policy: PolicyPlan, rng: Rng, p: Provocation): boolean {
  switch (policy.kind) {
    case 'scripted':
    case 'dove':
      return false;
    case 'hawk':
      return true;
    case 'tit-for-tat':
      return !p.answersOwnAct;
    case 'generous-tit-for-tat':
      return !p.answersOwnAct && !rng.chance(policy.generosity);
    case 'probabilistic':
      return !p.answersOwnAct && rng.chance(policy.retaliate);
    default: {
      const _exhaustive: never = policy.kind;
      return _exhaustive;
    }
  }
}

/** A delay drawn uniformly from [0.5, 1.5] × the nominal delay (mean = nominal), to the second. */
export function jitter(rng: Rng, nominalMs: number): number {
  return nominalMs <= 0 ? 0 : Math.round((nominalMs * (0.5 + rng.float())) / 1000) * 1000;
}
