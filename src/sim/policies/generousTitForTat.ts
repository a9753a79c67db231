/** `generous-tit-for-tat`: tit-for-tat that forgives a provocation with probability `generosity`. */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const generousTitForTat = {
  ...parametric,
  kind: 'generous-tit-for-tat',
  description: 'Tit-for-tat that sometimes forgives an incident.',
  defaults: { generosity: 0.33, retaliate: 1, raiseDispute: 1, acknowledge: 1, escalate: 0.25, settle: 0.7, rulingAcceptance: 1 },
  parameters: { generosity: { doc: 'Chance (0-1) of forgiving an incident instead of retaliating.' } },
  retaliates: (self, seen, rng) => !seen.answersOwnAct && !rng.chance(self.generosity),
} as const satisfies PartyPolicy;
