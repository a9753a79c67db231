/** `scripted`: does only what the timeline says; never retaliates on its own. */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const scripted = {
  ...parametric,
  kind: 'scripted',
  description: 'Does only what the timeline says; never reacts on its own.',
  defaults: { generosity: 0, retaliate: 0, raiseDispute: 0, acknowledge: 1, escalate: 0, settle: 0.5, rulingAcceptance: 1 },
  parameters: {},
  retaliates: () => false,
} as const satisfies PartyPolicy;
