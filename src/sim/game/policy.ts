/**
 * Game policies reduced to what they are mathematically: two probabilities of intending to
 * strike, one when the party perceived no strike last round and one when it perceived at
 * least one. The simulation draws from them and the Markov analysis multiplies them, so the
 * two can never disagree about what a policy does.
 */
import type { Rng } from '../rng.js';
import type { GamePolicy, Move } from './types.js';

/** Probabilities of intending to strike, by what the party perceived last round. */
export interface StrikeChances {
  /** No strike perceived (also the first round: every policy but hawk opens with restraint). */
  readonly calm: number;
  /** At least one strike perceived. */
  readonly provoked: number;
}

/** Default generosity of generous-tit-for-tat (see `GamePolicy.generosity`). */
export const DEFAULT_GENEROSITY = 1 / 3;
/** Default retaliation probability of the probabilistic policy. */
export const DEFAULT_RETALIATE = 0.5;

/** The strike probabilities a policy stands for. */
export function strikeChances(policy: GamePolicy): StrikeChances {
  switch (policy.kind) {
    case 'scripted':
    case 'dove':
      return { calm: 0, provoked: 0 };
    case 'hawk':
      return { calm: 1, provoked: 1 };
    case 'tit-for-tat':
      return { calm: 0, provoked: 1 };
    case 'generous-tit-for-tat':
      return { calm: 0, provoked: 1 - (policy.generosity ?? DEFAULT_GENEROSITY) };
    case 'probabilistic':
      return { calm: 0, provoked: policy.retaliate ?? DEFAULT_RETALIATE };
    default: {
      const _exhaustive: never = policy.kind;
      return _exhaustive;
    }
  }
}

/**
 * The move a party intends. Deterministic policies draw nothing (`Rng.chance` skips the draw
 * for 0 and 1), so a tit-for-tat party's stream stays untouched and reproducible.
 */
export function intend(chances: StrikeChances, provoked: boolean, rng: Rng): Move {
  return rng.chance(provoked ? chances.provoked : chances.calm) ? 'strike' : 'restrain';
}
