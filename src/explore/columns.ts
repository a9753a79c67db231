/**
 * The outcome columns of a sweep, fixed before the first run so that rows can be streamed
 * under one header. Names are `flattenOutcomes`'s (`disputes.settled`, `ladder.timeAt.crisis`);
 * the few that depend on what happens in a run (`incidents.byKind.<kind>`, and
 * `incidents.byParty.<actor>` for actors outside the parties, such as `world`) are known
 * from the plan: incidents come only from its generators and timeline, and a retaliation
 * keeps the kind of the incident it answers. A run without such an incident writes 0 there.
 */
import { computeOutcomes, flattenOutcomes, type Outcomes } from '../report/metrics.js';
import type { Plan } from '../sim/plan.js';
import { runPlan } from '../sim/simulation.js';

/** A row's outcome cell: what `flattenOutcomes` gives, or `null`. */
export type CellValue = number | string | null;

/** The outcome columns of a sweep. */
export interface OutcomeColumns {
  /** Column names, in order. */
  readonly names: readonly string[];
  /** Each column's path in the `Outcomes` object (ids may contain dots, so names are not split). */
  readonly paths: ReadonlyArray<readonly string[]>;
}

function counts(keys: Iterable<string>, base: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...base };
  for (const k of keys) out[k] ??= 0;
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k] as number]));
}

/** The outcomes of a run that stopped after its first events, with every possible incident column. */
function template(plan: Plan): Outcomes {
  const o = computeOutcomes(runPlan({ ...plan, maxEvents: 1 }).state);
  const specs = [...plan.generators, ...plan.timeline.flatMap((s) => (s.action.type === 'incident' ? [s.action.incident] : []))];
  return {
    ...o,
    incidents: {
      ...o.incidents,
      byKind: counts(specs.map((s) => s.kind), o.incidents.byKind),
      byParty: counts([...plan.parties.map((p) => p.id), ...specs.map((s) => s.by)], o.incidents.byParty),
    },
  };
}

/** Leaf paths of `value` in `flattenOutcomes`'s order; `game: null` expands to its null columns. */
function leafPaths(value: unknown, path: string[], out: string[][], flatNames: readonly string[]): void {
  if (path.length === 1 && path[0] === 'game' && value === null) {
    for (const n of flatNames) if (n.startsWith('game.')) out.push(['game', ...n.slice(5).split('.')]);
    return;
  }
  // The races' rows stay out of a row (flattenOutcomes leaves them out too).
  if (path.length === 2 && path[0] === 'races' && path[1] === 'rows') return;
  if (value === null || typeof value === 'number' || typeof value === 'string') {
    out.push(path);
    return;
  }
  for (const [k, v] of Object.entries(value as object)) leafPaths(v, [...path, k], out, flatNames);
}

/**
 * The columns of sweeping `plans` (one per grid cell): the union of each plan's columns, in
 * order of first appearance.
 * @throws {Error} if the paths found disagree with `flattenOutcomes`'s names (a bug).
 */
export function outcomeColumns(plans: readonly Plan[]): OutcomeColumns {
  const names: string[] = [];
  const paths: string[][] = [];
  const seen = new Set<string>();
  for (const plan of plans) {
    const o = template(plan);
    const flat = Object.keys(flattenOutcomes(o));
    const found: string[][] = [];
    leafPaths(o, [], found, flat);
    if (found.length !== flat.length || found.some((p, i) => p.join('.') !== flat[i])) {
      throw new Error('[explore] outcome columns disagree with flattenOutcomes');
    }
    for (const [i, name] of flat.entries()) {
      if (seen.has(name)) continue;
      seen.add(name);
      names.push(name);
      paths.push(found[i] as string[]);
    }
  }
  return { names, paths };
}

/**
 * One run's outcome cells in column order, read along each column's path (a sweep does this
 * once per run: walking the paths costs ~4 µs, against ~26 µs for `flattenOutcomes` and a
 * lookup by name). A column the run does not have is 0 for the counted records
 * (`incidents.byKind.*`, `incidents.byParty.*`), else null (`game.*` for a run without rounds).
 * test/explore/rows.test.ts checks the result against `flattenOutcomes` on many runs.
 * @throws {Error} when the run has an outcome no column was made for (a bug in {@link outcomeColumns}).
 */
export function rowValues(outcomes: Outcomes, columns: OutcomeColumns): CellValue[] {
  const { paths } = columns;
  const out: CellValue[] = new Array(paths.length);
  let counted = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as readonly string[];
    let node: unknown = outcomes;
    for (let d = 0; d < path.length && node !== undefined; d++) {
      const key = path[d] as string;
      node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    }
    const isCounted = path[0] === 'incidents' && (path[1] === 'byKind' || path[1] === 'byParty');
    if (node === undefined) out[i] = isCounted ? 0 : null;
    else if (node === null || typeof node === 'number' || typeof node === 'string') {
      out[i] = node;
      if (isCounted) counted += 1;
    } else throw new Error(`[explore] outcome column ${columns.names[i] ?? i} is not a value`);
  }
  // The records whose keys a run decides: each of their keys must have had its column.
  const { byKind, byParty } = outcomes.incidents;
  if (counted !== Object.keys(byKind).length + Object.keys(byParty).length) {
    const keys = [...Object.keys(byKind).map((k) => `incidents.byKind.${k}`), ...Object.keys(byParty).map((k) => `incidents.byParty.${k}`)];
    throw new Error(`[explore] outcome without a column: ${keys.filter((k) => !columns.names.includes(k)).join(', ')}`);
  }
  return out;
}

/**
 * The outcomes a row records, rebuilt as an `Outcomes` object (for checking expectations on
 * rows, whether just computed or read back from a file). A run without rounds gets
 * `game: null` back, as `computeOutcomes` gave it. The races come back with their aggregates
 * and no rows (a row has no room for them).
 */
export function outcomesOf(values: readonly CellValue[], columns: OutcomeColumns): Outcomes {
  const root: Record<string, unknown> = {};
  for (const [i, path] of columns.paths.entries()) {
    let node = root;
    for (const key of path.slice(0, -1)) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true });
      node = node[key] as Record<string, unknown>;
    }
    Object.defineProperty(node, path[path.length - 1] as string, { value: values[i] ?? null, enumerable: true, writable: true });
  }
  const game = root.game as { rounds?: unknown } | undefined;
  if (game && game.rounds === null) root.game = null;
  const races = root.races as Record<string, unknown> | undefined;
  if (races) races.rows = [];
  return root as unknown as Outcomes;
}
