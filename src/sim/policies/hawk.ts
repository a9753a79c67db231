/** `hawk`: retaliates for everything, settles rarely, and accepts rulings half as often as others. */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const hawk = {
  ...parametric,
  kind: 'hawk',
  description: 'Retaliates for every incident against it and rarely settles.',
  defaults: { generosity: 0, retaliate: 1, raiseDispute: 0.5, acknowledge: 0.5, escalate: 0.9, settle: 0.2, rulingAcceptance: 0.5 },
  parameters: {},
  retaliates: () => true,
} as const satisfies PartyPolicy;
