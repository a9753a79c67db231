/**
 * Retaliation plans in the outcomes: how many retaliations the parties planned and what
 * became of each (carried out, called off on a clarification or a peaceful end of a dispute,
 * held for a dispute, still pending), and the races among them: every retaliation planned
 * against a side that did not do it, with the margin between the clarification and the
 * retaliation's due time. All from the plans the fold keeps on each incident.
 */
import { own } from '../core/ids.js';
import type { ParleyState } from '../core/state.js';
import { parseInstant } from '../core/time.js';
import { quantile } from './stats.js';

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

/** How a race between a clarification and a retaliation against the wrong side ended. */
export type RaceOutcome = 'calledOff' | 'resolved' | 'carriedOut' | 'pending';

/**
 * A retaliation planned against a side that did not do it: a race between the clarification
 * (from the cell, a meeting or the supervisor) and the retaliation's due time.
 */
export interface Race {
  readonly incidentId: string;
  /** The party that planned the retaliation. */
  readonly party: string;
  /** The side it blamed, and meant to strike. */
  readonly blamed: string;
  /** Who really carried out the incident. */
  readonly by: string;
  readonly plannedAt: string;
  /** When the retaliation was due (the party's retaliation delay after it observed the incident). */
  readonly due: string;
  /** When the party was told who did it; `null`: never. */
  readonly clarifiedAt: string | null;
  /**
   * The margin: `due − clarifiedAt` in ms, positive when the clarification came first;
   * negative when it came after the retaliation was due; `null` when it never came.
   */
  readonly marginMs: number | null;
  /**
   * `calledOff` on the clarification (the cell won), `resolved` by a dispute's peaceful end,
   * `carriedOut` against the wrong side (the cell lost), or still `pending` at the end.
   */
  readonly outcome: RaceOutcome;
  /** It was held back at some point while a dispute over the incident was engaged. */
  readonly held: boolean;
}

/** The margins of the races that had a clarification, in ms. */
export interface MarginStats {
  readonly count: number;
  readonly median: number | null;
  /** The closest race (the smallest margin, negative when the clarification came late). */
  readonly min: number | null;
  readonly max: number | null;
}

/** Every race of a run, and their aggregates (the rows are left out of sweep rows). */
export interface RaceMetrics {
  readonly count: number;
  readonly calledOff: number;
  readonly resolved: number;
  readonly carriedOut: number;
  readonly pending: number;
  /**
   * Held back for a dispute at some point: how a race clarified late can still be won (the
   * dispute bought the time the clarification needed).
   */
  readonly held: number;
  /** Clarified before the retaliation was due (margin ≥ 0). */
  readonly clarifiedInTime: number;
  /** Clarified after it was due (margin < 0). */
  readonly clarifiedLate: number;
  readonly neverClarified: number;
  readonly margin: MarginStats;
  /** One row per race, in the order the incidents occurred. */
  readonly rows: readonly Race[];
}

const OUTCOME = { calledOff: 'calledOff', executed: 'carriedOut', pending: 'pending', held: 'pending' } as const;

/** The races of `s`: every plan against a side that did not carry the incident out. */
export function races(s: ParleyState): RaceMetrics {
  const rows: Race[] = [];
  for (const i of s.incidents.values()) {
    for (const [party, p] of Object.entries(i.plans)) {
      if (p.against === i.by) continue;
      const clarifiedAt = own(i.clarified, party) ?? null;
      const outcome: RaceOutcome = p.status === 'calledOff' && p.reason === 'resolved' ? 'resolved' : OUTCOME[p.status];
      rows.push({
        incidentId: i.id,
        party,
        blamed: p.against,
        by: i.by,
        plannedAt: p.plannedAt,
        due: p.due,
        clarifiedAt,
        marginMs: clarifiedAt === null ? null : ms(p.due) - ms(clarifiedAt),
        outcome,
        held: p.heldAt !== undefined,
      });
    }
  }
  const margins = rows.flatMap((r) => (r.marginMs === null ? [] : [r.marginMs])).sort((a, b) => a - b);
  const count = (f: (r: Race) => boolean): number => rows.filter(f).length;
  return {
    count: rows.length,
    calledOff: count((r) => r.outcome === 'calledOff'),
    resolved: count((r) => r.outcome === 'resolved'),
    carriedOut: count((r) => r.outcome === 'carriedOut'),
    pending: count((r) => r.outcome === 'pending'),
    held: count((r) => r.held),
    clarifiedInTime: count((r) => r.marginMs !== null && r.marginMs >= 0),
    clarifiedLate: count((r) => r.marginMs !== null && r.marginMs < 0),
    neverClarified: count((r) => r.marginMs === null),
    margin: { count: margins.length, median: quantile(margins, 0.5), min: margins[0] ?? null, max: margins.at(-1) ?? null },
    rows,
  };
}

const ms = (at: string): number => parseInstant(at) as number;
