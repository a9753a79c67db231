/** `probabilistic`: every disposition is a probability the scenario sets. */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const probabilistic = {
  ...parametric,
  kind: 'probabilistic',
  description: 'Reacts at random with the given probabilities.',
  defaults: { generosity: 0, retaliate: 0.5, raiseDispute: 0.5, acknowledge: 0.9, escalate: 0.1, settle: 0.5, rulingAcceptance: 1 },
  parameters: {
    retaliate: { doc: 'Chance (0-1) of retaliating for an incident against it.', default: 0.5 },
    raiseDispute: { doc: 'Chance (0-1) of raising a dispute over an incident against it.', default: 0.5 },
    acknowledge: { doc: 'Chance (0-1) of acknowledging a message at all.', default: 0.9 },
    escalate: { doc: 'Chance (0-1) of escalating a deadlocked dispute.', default: 0.1 },
  },
  retaliates: (self, seen, rng) => !seen.answersOwnAct && rng.chance(self.retaliate),
} as const satisfies PartyPolicy;
