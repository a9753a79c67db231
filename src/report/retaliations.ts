/**
 * Retaliation plans in the outcomes: how many retaliations the parties planned and what
 * became of each (carried out, called off on a clarification or a peaceful end of a dispute,
 * held for a dispute, still pending), from the plans the fold keeps on each incident.
 */
import type { ParleyState } from '../core/state.js';

/** Retaliations the parties planned (`RetaliationPlanned`), and what became of them. */
export interface RetaliationMetrics {
  readonly planned: number;
  /** Carried out (an incident recorded as the retaliation). */
  readonly carriedOut: number;
  /** Called off once the party was told it blamed the wrong side. */
  readonly calledOffClarified: number;
  /** Called off once a dispute it raised over the incident was settled, ruled on or withdrawn. */
  readonly calledOffResolved: number;
  /** Held back at some point while such a dispute was engaged in the cell. */
  readonly held: number;
  /** Neither carried out nor called off when the covered period ended. */
  readonly pending: number;
}

/** Counts the plans of every incident of `s`. */
export function retaliationPlans(s: ParleyState): RetaliationMetrics {
  const n = { planned: 0, carriedOut: 0, calledOffClarified: 0, calledOffResolved: 0, held: 0, pending: 0 };
  for (const i of s.incidents.values()) {
    for (const p of Object.values(i.plans)) {
      n.planned += 1;
      if (p.heldAt !== undefined) n.held += 1;
      if (p.status === 'executed') n.carriedOut += 1;
      else if (p.status === 'calledOff') n[p.reason === 'clarified' ? 'calledOffClarified' : 'calledOffResolved'] += 1;
      else n.pending += 1;
    }
  }
  return n;
}
