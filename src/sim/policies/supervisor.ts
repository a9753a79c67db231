/**
 * The supervisor's behaviour: it steps in with probability `intervene` (the scenario's
 * `active`, `passive` and `probabilistic` kinds differ only in that number's default), takes
 * its response time to rule or to look into a referral, and its fact-finding time.
 */
import type { SupervisorPolicy } from './types.js';

/**
 * The supervisor every scenario gets: it intervenes with the scenario's `intervene`
 * probability on each occasion and answers after its response and fact-finding times.
 */
export const standardSupervisor: SupervisorPolicy = {
  kind: 'standard',
  intervenes: (self, _occasion, rng) => rng.chance(self.intervene),
  responseTime: (self) => self.responseTimeMs,
  factFinding: (self) => self.factFindingMs,
};
