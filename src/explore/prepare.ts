/**
 * From a scenario file and `--set` options to everything a sweep needs before its first run:
 * the grid of validated cells, the row layout (columns fixed from the compiled plans), the
 * setup sent to workers, and the identity recorded in the row file.
 */
import { parseDocument } from 'yaml';
import { innerCheck, probabilityChecks } from '../scenario/expect.js';
import { compileScenario } from '../scenario/compile.js';
import { MAX_ALIAS_COUNT, SCENARIO_YAML_OPTIONS } from '../scenario/load.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import type { CellSetup, SweepSetup } from './batch.js';
import { workerHeapMb } from './executor.js';
import { outcomeColumns } from './columns.js';
import { buildGrid, type Cell } from './grid.js';
import type { SweepIdentity } from './identity.js';
import { parseSetOption, renderSetValue, type Override, type SetSpec } from './overrides.js';
import type { RowFormat } from './rowFormat.js';

/**
 * The scenario file as a plain object, before validation: what `--set` changes. The text
 * must be one that `parseScenario` accepted (its guards ran on it).
 */
export function scenarioDocument(source: string): unknown {
  return parseDocument(source, SCENARIO_YAML_OPTIONS).toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/** A validated scenario file. */
export interface ScenarioSource {
  /** The path as given on the command line. */
  readonly file: string;
  readonly source: string;
  readonly hash: string;
  readonly scenario: Scenario;
}

/** The grid of a sweep over one scenario file. */
export interface Grid {
  readonly base: ScenarioSource;
  readonly specs: readonly SetSpec[];
  readonly cells: readonly Cell[];
}

/**
 * Parses the `--set` options against the scenario and builds the validated grid.
 * @throws {SetPathError} for an unknown path, a bad value or combination, an empty grid.
 */
export function prepareGrid(base: ScenarioSource, sets: readonly string[]): Grid {
  // Nothing to change: the file's own validated scenario is the one cell (no second parse).
  if (sets.length === 0) return { base, specs: [], cells: [{ index: 0, overrides: [], texts: [], scenario: base.scenario }] };
  const doc = scenarioDocument(base.source);
  const specs = sets.map((s) => parseSetOption(s, scenarioSchema, doc));
  return { base, specs, cells: buildGrid(doc, specs) };
}

/** A word or path the shell passes on unchanged, or the text in single quotes. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `parley run` command of one cell, split around its seed. */
export function reproduceParts(file: string, overrides: readonly Override[]): { head: string; tail: string } {
  const sets = overrides.map((o) => ` --set ${shellWord(`${o.path}=${renderSetValue(o.value)}`)}`).join('');
  return { head: `parley run ${shellWord(file)} --seed `, tail: sets };
}

/** One cell of a sweep or comparison, from any scenario file. */
export interface CellSource {
  readonly from: ScenarioSource;
  readonly cell: Cell;
}

/** What a sweep writes and how. */
export interface SetupOptions {
  readonly parleyVersion: string;
  readonly seed: number;
  readonly format: RowFormat;
  /** Whether rows are produced at all (`--out` given). */
  readonly text: boolean;
  /** The `--set` paths (row columns). */
  readonly setPaths: readonly string[];
}

/** The worker setup for `cells`: columns from their compiled plans, probes from their `expect:`. */
export function sweepSetup(cells: readonly CellSource[], options: SetupOptions): SweepSetup {
  const plans = cells.map(({ from, cell }) => compileScenario(cell.scenario, { hash: from.hash, parleyVersion: options.parleyVersion }));
  const setups: CellSetup[] = cells.map(({ from, cell }) => ({
    scenario: cell.scenario,
    hash: from.hash,
    set: options.format === 'csv' ? cell.texts : cell.overrides.map((o) => o.value),
    ...reproduceParts(from.file, cell.overrides),
    probes: probabilityChecks(cell.scenario.expect).map(innerCheck),
    source: from.source,
    overrides: cell.overrides,
  }));
  return {
    parleyVersion: options.parleyVersion,
    seed: options.seed,
    cells: setups,
    layout: { format: options.format, setPaths: options.setPaths, outcomes: outcomeColumns(plans) },
    text: options.text,
    workerHeapMb: workerHeapMb(plans.map((plan, i) => ({ plan, sourceBytes: Buffer.byteLength(cells[i]?.from.source ?? '') }))),
  };
}

/** The identity of a sweep of `grid` with `runs` seeds per cell from base seed `seed`. */
export function sweepIdentity(grid: Grid, runs: number, seed: number, parleyVersion: string): SweepIdentity {
  const cells = grid.cells.length;
  return {
    sweep: 1,
    parley: parleyVersion,
    scenario: grid.base.file,
    hash: grid.base.hash,
    seed,
    runs,
    grid: grid.specs.map((s) => ({ path: s.path.text, values: s.values.map(renderSetValue) })),
    cells,
    total: cells * runs,
  };
}
