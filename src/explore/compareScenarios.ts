/**
 * A comparison from a script: what `parley compare` does, as one call. The baseline and the
 * variant (the same scenario with `--set` changes, or another scenario) run the same seeds,
 * alternating per seed, and every key outcome is reported for each side and as a paired
 * difference with its 95 % interval (see compare.ts for the methods).
 */
import { UsageError } from '../core/errors.js';
import { PARLEY_VERSION } from '../version.js';
import { vectorWidth } from './batch.js';
import { COMPARISON_METHODS, PairedSummary, pairedMeasures, type ComparisonLine } from './compare.js';
import { executeSweep, type SweepOutcome } from './execute.js';
import { cellLabel } from './grid.js';
import type { SweepIdentity } from './identity.js';
import type { Override } from './overrides.js';
import { prepareGrid, sweepSetup, type CellSource, type Grid, type ScenarioSource } from './prepare.js';
import { loadSource, type ExecutionOptions } from './sweepScenario.js';

/** Options of {@link compare} (and how the runs are executed: `seed`, `workers`, `signal`, `onProgress`, two runs per seed). */
export interface CompareOptions extends ExecutionOptions {
  /** Seeds compared (each runs baseline and variant). */
  readonly runs: number;
  /** The variant as changes to the baseline, one `path=value` each (as `--set` takes them). */
  readonly set?: readonly string[];
  /** The variant as another scenario (a file path or a loaded source), instead of `set`. */
  readonly other?: string | ScenarioSource;
}

/** What a comparison gives. */
export interface CompareResult {
  /** The baseline's grid (its scenario, as loaded). */
  readonly baseline: Grid;
  /** The variant's grid: the baseline with `set`, or the other scenario. */
  readonly variant: Grid;
  /** How the variant is named in reports: `--set path=value …` or the other file. */
  readonly variantLabel: string;
  /** The variant's overrides (empty for another scenario). */
  readonly overrides: readonly Override[];
  /** The base seed S. */
  readonly seed: number;
  /** Seeds for which both sides ran. */
  readonly pairs: number;
  /** Seeds left out because a side failed. */
  readonly failedPairs: number;
  /** Runs done, failures, how it stopped, the executor used. */
  readonly outcome: SweepOutcome;
  /** Each key outcome: both sides' estimates and the paired difference, with 95 % intervals. */
  readonly outcomes: readonly ComparisonLine[];
  /** How the intervals are computed. */
  readonly methods: typeof COMPARISON_METHODS;
}

/**
 * Checks both sides before the first run, then runs the comparison.
 * @throws {UsageError} for bad options, both or neither of `set` and `other`, a `set` path
 *   with several values, an unknown path (a `SetPathError`) or a scenario that does not load.
 * @example
 * const c = await compare('scenarios/paris-2026.yaml', { runs: 20, set: ['mechanism.enabled=false'], workers: 0 });
 * const conflict = c.outcomes.find((o) => o.key === 'ladderReached.conflict');
 * console.log(conflict?.difference.estimate, conflict?.difference.ci95);
 */
export async function compare(scenario: string | ScenarioSource, options: CompareOptions): Promise<CompareResult> {
  const sets = options.set ?? [];
  if (!Number.isSafeInteger(options.runs) || options.runs < 1) throw new UsageError(`runs: expected at least 1 seed to compare, got ${options.runs}`);
  if (options.other !== undefined && sets.length > 0) throw new UsageError('give either another scenario or --set changes as the variant, not both');
  if (options.other === undefined && sets.length === 0) throw new UsageError('nothing to compare: give --set path=value (or another scenario) as the variant');
  const base = typeof scenario === 'string' ? await loadSource(scenario) : scenario;
  const baseline = prepareGrid(base, []);
  const other = typeof options.other === 'string' ? await loadSource(options.other) : options.other;
  const variant = other === undefined ? prepareGrid(base, sets) : prepareGrid(other, []);
  const many = variant.specs.find((s) => s.values.length !== 1);
  if (many) throw new UsageError(`--set ${many.path.text}: compare takes one value per --set (use sweep for a grid)`);
  const seed = options.seed ?? base.scenario.seed;
  const cells: CellSource[] = [
    { from: baseline.base, cell: baseline.cells[0] as CellSource['cell'] },
    { from: variant.base, cell: variant.cells[0] as CellSource['cell'] },
  ];
  const setup = sweepSetup(cells, { parleyVersion: PARLEY_VERSION, seed, format: 'csv', text: false, setPaths: [] });
  const variantLabel = other === undefined ? `--set ${cellLabel(variant.specs, variant.cells[0] as CellSource['cell'])}` : other.file;
  const paired = new PairedSummary(pairedMeasures(setup.layout.outcomes.names, base.scenario.ladder.levels), vectorWidth(setup));
  const runs = options.runs;
  const identity: SweepIdentity = { sweep: 1, parley: PARLEY_VERSION, scenario: base.file, hash: base.hash, seed, runs, grid: [], cells: 2, total: 2 * runs };
  const outcome = await executeSweep({
    setup,
    labels: ['baseline', variantLabel],
    identity,
    workers: options.workers ?? 'auto',
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    onVectors: (values, firstRun, rows) => paired.add(values, firstRun, rows),
  });
  return {
    baseline,
    variant,
    variantLabel,
    overrides: variant.cells[0]?.overrides ?? [],
    seed,
    pairs: (outcome.resumed + outcome.ran) >> 1,
    failedPairs: paired.failedPairs,
    outcome,
    outcomes: paired.report(),
    methods: COMPARISON_METHODS,
  };
}
