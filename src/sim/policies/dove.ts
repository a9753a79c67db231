/** `dove`: never retaliates; relies on disputes and settlement instead. */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const dove = {
  ...parametric,
  kind: 'dove',
  description: 'Never retaliates; relies on disputes and settlement instead.',
  defaults: { generosity: 1, retaliate: 0, raiseDispute: 1, acknowledge: 1, escalate: 0, settle: 0.95, rulingAcceptance: 1 },
  parameters: {},
  retaliates: () => false,
} as const satisfies PartyPolicy;
