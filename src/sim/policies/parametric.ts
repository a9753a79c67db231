/**
 * The decisions every built-in party policy shares: each a draw against the party's own
 * parameter (chance to acknowledge, to raise a dispute, to settle, …) or a delay around its
 * nominal value. A kind differs from it in its defaults and in how it answers provocation
 * (`retaliates`), so each kind spreads this object and adds those.
 */
import type { Rng } from '../rng.js';
import type { PartyPolicy } from './types.js';

/** Observed severity from which a party asks for an extraordinary meeting. */
export const MEETING_SEVERITY = 0.7;

/** A delay drawn uniformly from [0.5, 1.5] × the nominal delay (mean = nominal), to the second. */
export function jitter(rng: Rng, nominalMs: number): number {
  return nominalMs <= 0 ? 0 : Math.round((nominalMs * (0.5 + rng.float())) / 1000) * 1000;
}

/** Every decision but the kind's own. */
export const parametric: Omit<PartyPolicy, 'kind' | 'description' | 'defaults' | 'parameters' | 'retaliates'> = {
  acknowledges: (self, rng) => rng.chance(self.acknowledge),
  ackDelay: (self, rng) => jitter(rng, self.ackDelayMs),
  answerDelay: (self, rng) => jitter(rng, self.answerDelayMs),
  raisesDispute: (self, seen, rng) => seen.severity >= self.disputeThreshold && rng.chance(self.raiseDispute),
  requestsMeeting: (_self, seen) => seen.severity >= MEETING_SEVERITY,
  retaliationDelay: (self) => self.retaliationDelayMs,
  acceptsSettlement: (self, rng) => rng.chance(self.settle),
  acceptsRuling: (self, rng) => rng.chance(self.acceptRuling),
  escalates: (self, rng) => rng.chance(self.escalate),
};
