/**
 * The work of a sweep, one batch of consecutive runs at a time: the same function runs in a
 * pool worker (worker.ts) and, for small sweeps, on the main thread. Input is plain data
 * (validated scenarios, seeds, the column layout); output is the batch's rows as text, ready
 * to append, and a compact numeric vector per row for the summaries, so the main thread
 * neither parses rows nor receives objects per run.
 *
 * Both come back in one ArrayBuffer, which the sweep loop hands back with a later task to be
 * filled again (a worker receives and returns it by transfer, without a copy). So the main
 * thread allocates nothing per batch that its garbage collector would have to catch up
 * with: without this, its heap and the batches' buffers awaiting collection grew for the
 * first minute of a sweep, and a long sweep's peak RSS was ~1.3× a short one's.
 *
 * Run index i is seed index ⌊i / cells⌋ in cell i mod cells: the runs of one seed are
 * adjacent, so every block of runs covers the grid evenly (shards are balanced) and the two
 * sides of a comparison arrive next to each other.
 */
import { checkExpectations, type Expectation } from '../report/expectations.js';
import { computeOutcomes, type Outcomes } from '../report/metrics.js';
import { compileScenario } from '../scenario/compile.js';
import type { Scenario } from '../scenario/schema.js';
import type { Plan } from '../sim/plan.js';
import { runPlan } from '../sim/simulation.js';
import { outcomesOf, rowValues, type CellValue } from './columns.js';
import type { Override } from './overrides.js';
import { encodeRow, type Row, type RowLayout } from './rowFormat.js';
import { seedOf } from './seeds.js';

/** What a worker needs to run any cell of the grid. */
export interface CellSetup {
  readonly scenario: Scenario;
  /** SHA-256 of the file the cell's scenario came from. */
  readonly hash: string;
  /** The row's `set.*` values. */
  readonly set: readonly unknown[];
  /** `reproduce` is `head + seed + tail`. */
  readonly head: string;
  readonly tail: string;
  /** Single-run checks whose share over seeds the summary counts (probability expectations). */
  readonly probes: readonly Expectation[];
  /** The scenario file's text and the cell's changes to it: what a run's first event records. */
  readonly source: string;
  readonly overrides: readonly Override[];
}

/** Everything a batch needs: sent once to each worker. */
export interface SweepSetup {
  readonly parleyVersion: string;
  /** Base seed S. */
  readonly seed: number;
  readonly cells: readonly CellSetup[];
  readonly layout: RowLayout;
  /** Whether rows are written (otherwise only the vectors are computed). */
  readonly text: boolean;
  /** A worker thread's old-generation limit, MB (executor.ts `workerHeapMb`). */
  readonly workerHeapMb: number;
}

/** Consecutive run indices `[from, to)`. */
export interface BatchTask {
  readonly from: number;
  readonly to: number;
  /** A finished batch's buffer (`values.buffer`) to fill again, when large enough. */
  readonly reuse?: ArrayBuffer;
}

/** A run that threw: reported with its seed and grid cell; the sweep goes on. */
export interface RunFailure {
  readonly run: number;
  readonly cell: number;
  readonly seed: number;
  readonly message: string;
}

/** A finished batch. */
export interface BatchResult {
  readonly from: number;
  readonly to: number;
  /** The rows as UTF-8, one line each (empty when the setup writes no rows). */
  readonly rows: Uint8Array;
  /** {@link vectorWidth} numbers per row (see {@link rowVector}); shares its buffer with `rows`. */
  readonly values: Float64Array;
  readonly failures: readonly RunFailure[];
}

/**
 * A batch's vectors and rows in one buffer, `reuse` when it is large enough: the vectors
 * first (8-byte aligned), then the rows' bytes.
 */
function packResult(task: BatchTask, vectors: Float64Array, text: string, failures: readonly RunFailure[]): BatchResult {
  const valueBytes = vectors.length * 8;
  const needed = valueBytes + Buffer.byteLength(text, 'utf8');
  const buffer = task.reuse && task.reuse.byteLength >= needed ? task.reuse : new ArrayBuffer(Math.ceil(needed * 1.25));
  const values = new Float64Array(buffer, 0, vectors.length);
  values.set(vectors);
  const written = Buffer.from(buffer, valueBytes, needed - valueBytes).write(text, 'utf8');
  return { from: task.from, to: task.to, rows: new Uint8Array(buffer, valueBytes, written), values, failures };
}

/** Runs a plan and computes its outcomes (tests substitute one that fails on purpose). */
export type Simulate = (plan: Plan) => Outcomes;

const simulate: Simulate = (plan) => computeOutcomes(runPlan(plan).state);

/** Numbers per row in a batch's vector: a success flag, each outcome column, each probe. */
export function vectorWidth(setup: SweepSetup): number {
  const probes = Math.max(0, ...setup.cells.map((c) => c.probes.length));
  return 1 + setup.layout.outcomes.names.length + probes;
}

/**
 * Fills a row's vector at `offset`: 1 then each outcome as a number (NaN when not a number),
 * then 1/0 per probe; a failed row is 0 then NaN throughout. The same function serves rows
 * just computed and rows read back from a file (`--resume`), so both summarise alike.
 */
export function rowVector(setup: SweepSetup, row: Pick<Row, 'cell' | 'values' | 'error'>, out: Float64Array, offset: number): void {
  const width = vectorWidth(setup);
  out.fill(Number.NaN, offset, offset + width);
  if (row.error !== null) {
    out[offset] = 0;
    return;
  }
  out[offset] = 1;
  for (const [i, v] of row.values.entries()) if (typeof v === 'number') out[offset + 1 + i] = v;
  const cell = setup.cells[row.cell];
  if (!cell || cell.probes.length === 0) return;
  const levels = cell.scenario.ladder.levels;
  const report = checkExpectations(cell.probes, outcomesOf(row.values, setup.layout.outcomes), levels);
  const base = offset + 1 + setup.layout.outcomes.names.length;
  for (const [j, r] of report.results.entries()) out[base + j] = r.ok ? 1 : 0;
}

/** The cell and seed of run `index`. */
export function runAt(setup: Pick<SweepSetup, 'seed' | 'cells'>, index: number): { cell: number; seed: number } {
  const cells = setup.cells.length;
  return { cell: index % cells, seed: seedOf(setup.seed, Math.floor(index / cells)) };
}

/**
 * A batch runner for `setup`. Each cell's scenario is compiled once, on first use.
 * @example const run = createBatchRunner(setup); const result = run({ from: 0, to: 100 });
 */
export function createBatchRunner(setup: SweepSetup, sim: Simulate = simulate): (task: BatchTask) => BatchResult {
  const plans = new Map<number, Plan>();
  const planFor = (cell: number): Plan => {
    let plan = plans.get(cell);
    if (!plan) {
      const c = setup.cells[cell] as CellSetup;
      plan = compileScenario(c.scenario, { hash: c.hash, source: c.source, overrides: c.overrides, parleyVersion: setup.parleyVersion });
      plans.set(cell, plan);
    }
    return plan;
  };
  const width = vectorWidth(setup);
  const nulls: CellValue[] = setup.layout.outcomes.names.map(() => null);
  let scratch = new Float64Array(0);
  return (task) => {
    const { from, to } = task;
    if (scratch.length < (to - from) * width) scratch = new Float64Array((to - from) * width);
    const values = scratch.subarray(0, (to - from) * width);
    const failures: RunFailure[] = [];
    let text = '';
    for (let run = from; run < to; run++) {
      const { cell, seed } = runAt(setup, run);
      const c = setup.cells[cell] as CellSetup;
      let row: Row;
      try {
        const values = rowValues(sim({ ...planFor(cell), seed }), setup.layout.outcomes);
        row = { run, cell, seed, set: c.set, values, error: null, reproduce: c.head + seed + c.tail };
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'failed';
        failures.push({ run, cell, seed, message });
        row = { run, cell, seed, set: c.set, values: nulls, error: message, reproduce: c.head + seed + c.tail };
      }
      rowVector(setup, row, values, (run - from) * width);
      if (setup.text) text += encodeRow(setup.layout, row);
    }
    return packResult(task, values, text, failures);
  };
}
