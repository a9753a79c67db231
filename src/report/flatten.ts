/**
 * Outcomes as one flat CSV row: dotted keys, scalar values, in a fixed order.
 */
import { NO_GAME } from './gameMetrics.js';
import type { Outcomes } from './metrics.js';

/** One CSV row's worth of outcomes: dotted keys, scalar values. */
export type FlatOutcomes = Record<string, number | string | null>;

function flatten(value: unknown, key: string, out: FlatOutcomes): void {
  if (value === null || typeof value === 'number' || typeof value === 'string') {
    out[key] = value;
    return;
  }
  for (const [k, v] of Object.entries(value as object)) flatten(v, key === '' ? k : `${key}.${k}`, out);
}

/**
 * Flattens outcomes into dotted keys (`disputes.settled`, `ackTime.median`,
 * `ladder.timeAt.crisis`, `incidents.byKind.airstrike`) in the order of the `Outcomes`
 * interface, record keys in their (sorted or ladder) order, so equal outcomes give equal rows.
 * Columns are fixed by the scenario (parties, ladder levels; `null` game columns for a run
 * without rounds) except `incidents.byKind.*` and actors outside the parties in
 * `incidents.byParty.*`, which appear only when such incidents occur: a CSV writer over many
 * runs should take the union of keys. The races' rows (`races.rows`) are left out: their
 * aggregates (`races.count`, `races.margin.min`, …) stand for them.
 */
export function flattenOutcomes(o: Outcomes): FlatOutcomes {
  const out: FlatOutcomes = {};
  // One row per run: the races' own rows (as many as the run had) stay out of it.
  const { rows: _rows, ...races } = o.races;
  flatten({ ...o, races, game: o.game ?? NO_GAME }, '', out);
  return out;
}
