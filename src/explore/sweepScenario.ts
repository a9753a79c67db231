/**
 * A sweep from a script: what `parley sweep` does, as one call. The CLI builds its options
 * from the command line and calls this; a researcher's script calls it directly.
 */
import { loadScenario } from '../scenario/load.js';
import { PARLEY_VERSION } from '../version.js';
import { UsageError } from '../core/errors.js';
import { executeSweep, type SweepOutcome } from './execute.js';
import { cellLabel } from './grid.js';
import type { SweepIdentity } from './identity.js';
import { prepareGrid, sweepIdentity, sweepSetup, type Grid, type ScenarioSource } from './prepare.js';
import { formatFor } from './rowFormat.js';
import { shardRange, type Shard } from './shard.js';
import type { CellReport } from './summary.js';

/** Most runs in one sweep (all cells), so run indices and shard arithmetic stay exact. */
export const MAX_TOTAL_RUNS = 1_000_000_000;

/** How seeded runs are executed: the options {@link sweep} and `compare` share. */
export interface ExecutionOptions {
  /** Base seed S the runs' seeds are derived from (default: the scenario's seed). */
  readonly seed?: number;
  /** Worker threads: `auto` (default: one per core, none for a small sweep) or a number (0: this thread). */
  readonly workers?: number | 'auto';
  /** Stops cleanly: batches under way finish, and what finished is kept and reported. */
  readonly signal?: AbortSignal;
  /** Called after each batch with the runs done and the runs to do. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Options of {@link sweep}. */
export interface SweepOptions extends ExecutionOptions {
  /** Seeds per grid cell (every cell runs the same seeds). */
  readonly runs: number;
  /** `path=a,b,c` grid options, as `--set` takes them. */
  readonly set?: readonly string[];
  /** A `.csv` or `.jsonl` file for one row per run; `file` is the name used in messages. */
  readonly out?: { readonly path: string; readonly file?: string; readonly resume?: boolean };
  /** Run only this block of the runs (`--shard i/n`). */
  readonly shard?: Shard;
  /** Stop at the first failed run. */
  readonly failFast?: boolean;
}

/** What a sweep gives. */
export interface SweepResult {
  /** The grid: the scenario, the `--set` specs, the validated cells. */
  readonly grid: Grid;
  /** The sweep's identity (what its row file's first line records). */
  readonly identity: SweepIdentity;
  /** The base seed S. */
  readonly seed: number;
  /** Each cell's `path=value` label. */
  readonly labels: readonly string[];
  /** The outcome columns of every row. */
  readonly columns: readonly string[];
  /** Runs done, failures, how it stopped, the executor used. */
  readonly outcome: SweepOutcome;
  /** Per cell: means with 95 % t intervals, rates with Wilson intervals, probability expectations. */
  readonly cells: readonly CellReport[];
}

/**
 * Checks everything (the scenario, every grid cell, the options) before the first run, then
 * runs the sweep. `scenario` is a file path or an already loaded scenario source.
 * @throws {UsageError} for bad options, an unknown `--set` path (a `SetPathError`) or a
 *   scenario that does not load (code `SCENARIO_INVALID`, one line per problem).
 * @throws {RowFileError} when `out.resume` finds a file of another sweep.
 * @example
 * const r = await sweep('scenarios/paris-2026.yaml', { runs: 20, set: ['mechanism.enabled=true,false'], workers: 0 });
 * for (const c of r.cells) {
 *   const conflict = c.rates.find((x) => x.key === 'ladderReached.conflict');
 *   console.log(c.label, conflict?.share, conflict?.ci95);
 * }
 */
export async function sweep(scenario: string | ScenarioSource, options: SweepOptions): Promise<SweepResult> {
  const base = typeof scenario === 'string' ? await loadSource(scenario) : scenario;
  if (!Number.isSafeInteger(options.runs) || options.runs < 1) throw new UsageError(`runs: expected at least 1 run per grid cell, got ${options.runs}`);
  const format = options.out === undefined ? undefined : formatFor(options.out.path);
  if (options.out !== undefined && format === undefined) throw new UsageError(`${options.out.file ?? options.out.path}: expected a .csv or .jsonl file`);
  const grid = prepareGrid(base, options.set ?? []);
  const seed = options.seed ?? base.scenario.seed;
  const total = grid.cells.length * options.runs;
  if (total > MAX_TOTAL_RUNS) throw new UsageError(`runs: ${grid.cells.length} cells × ${options.runs} runs is ${total}; at most ${MAX_TOTAL_RUNS} runs per sweep`);
  const whole = sweepIdentity(grid, options.runs, seed, PARLEY_VERSION);
  const identity: SweepIdentity = options.shard ? { ...whole, shard: shardRange(options.shard, total) } : whole;
  const setup = sweepSetup(
    grid.cells.map((cell) => ({ from: grid.base, cell })),
    { parleyVersion: PARLEY_VERSION, seed, format: format ?? 'csv', text: format !== undefined, setPaths: grid.specs.map((s) => s.path.text) },
  );
  const labels = grid.cells.map((c) => cellLabel(grid.specs, c));
  const outcome = await executeSweep({
    setup,
    labels,
    identity,
    ...(options.out === undefined ? {} : { out: { path: options.out.path, file: options.out.file ?? options.out.path, resume: Boolean(options.out.resume) } }),
    workers: options.workers ?? 'auto',
    failFast: Boolean(options.failFast),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  return { grid, identity, seed, labels, columns: setup.layout.outcomes.names, outcome, cells: outcome.summary.report() };
}

/** Loads a scenario file for a sweep or a comparison; a file that does not load is a `UsageError` naming its first problem. */
export async function loadSource(file: string): Promise<ScenarioSource> {
  const loaded = await loadScenario(file);
  if (!loaded.ok) {
    const first = loaded.issues[0];
    const where = first && first.line > 0 ? `${file}:${first.line}:${first.col}` : file;
    throw new UsageError(`${where}: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid scenario'}`, 'SCENARIO_INVALID');
  }
  return { file, source: loaded.source, hash: loaded.hash, scenario: loaded.scenario };
}
