/**
 * `tit-for-tat`: answers each provocation once, and never answers the echo of its own act
 * (a retaliation for something it really did).
 */
import { parametric } from './parametric.js';
import type { PartyPolicy } from './types.js';

export const titForTat = {
  ...parametric,
  kind: 'tit-for-tat',
  description: 'Retaliates once for each incident against it, otherwise restrains.',
  defaults: { generosity: 0, retaliate: 1, raiseDispute: 1, acknowledge: 1, escalate: 0.5, settle: 0.5, rulingAcceptance: 1 },
  parameters: {},
  retaliates: (_self, seen) => !seen.answersOwnAct,
} as const satisfies PartyPolicy;
