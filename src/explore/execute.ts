/**
 * One sweep from start to end: open (or resume) the row file, run the missing runs on the
 * chosen executor, append each batch's rows and add its vectors to the summaries in run
 * order, and close everything whatever happens. What `parley sweep` and `parley compare`
 * run, and the library entry point for scripts.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { BatchResult, RunFailure, Simulate, SweepSetup } from './batch.js';
import { rowVector, vectorWidth } from './batch.js';
import { chooseWorkers, inProcess, workerPool, WORKER_SCRIPT, type ExecutorChoice } from './executor.js';
import { identityDifference, identityLine, parseIdentityLine, type ShardRange, type SweepIdentity } from './identity.js';
import { readRowFile, RowFileError, sameSweep } from './resume.js';
import { readFirstLine, RowFile } from './rowFile.js';
import { headerText, type RowFormat } from './rowFormat.js';
import { SweepSummary } from './summary.js';
import { runBatches } from './sweep.js';

/** Where rows go. */
export interface RowOutput {
  /** The path to open, and the path as the user wrote it (for messages). */
  readonly path: string;
  readonly file: string;
  /** Continue the file if it exists (it must be this sweep's). */
  readonly resume: boolean;
}

/** What to run. */
export interface SweepRequest {
  readonly setup: SweepSetup;
  /** Each cell's `path=value` label. */
  readonly labels: readonly string[];
  /** The identity written to (and expected in) the row file; its `shard` gives the block. */
  readonly identity: SweepIdentity;
  readonly out?: RowOutput;
  /** Worker threads: `auto` (one per core, none for a small sweep) or a number (0: the main thread). */
  readonly workers: number | 'auto';
  readonly failFast?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each batch with the runs done (this block, resumed ones included) and the block's size. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each batch's row vectors, in run order (for paired comparisons); valid during the call only (copy what you keep). */
  readonly onVectors?: (values: Float64Array, firstRun: number, rows: number, width: number) => void;
  /** Replaces the simulation, in tests of failure handling (main thread only). */
  readonly simulate?: Simulate;
}

/** What happened. */
export interface SweepOutcome {
  /** The block of runs this sweep covers. */
  readonly block: ShardRange;
  /** Runs found in the file on `--resume`. */
  readonly resumed: number;
  /** Runs done now. */
  readonly ran: number;
  readonly stoppedBy: 'end' | 'signal' | 'failure';
  readonly executor: ExecutorChoice;
  readonly summary: SweepSummary;
  /** Failed runs, the first {@link MAX_FAILURES_KEPT} of them; `failedRuns` counts all. */
  readonly failures: readonly RunFailure[];
  readonly failedRuns: number;
  /** A partial last line cut off on resume (bytes), 0 when none. */
  readonly repaired: number;
}

/**
 * A sweep started afresh over a file that holds rows of this very sweep would throw them
 * away: most likely `--resume` was forgotten after an interruption. Refused, untouched.
 */
function refuseToRestart(out: RowOutput, format: RowFormat, identity: SweepIdentity): void {
  if (!existsSync(out.path)) return;
  const found = parseIdentityLine(format, readFirstLine(out.path) ?? '');
  if (found && identityDifference(found, identity) === undefined) {
    throw new RowFileError(out.file, 1, 'holds rows of this same sweep: continue it with --resume, or remove the file to start over');
  }
}

/** Failed runs kept for the report (all are counted, and marked in the row file). */
export const MAX_FAILURES_KEPT = 20;

/**
 * Runs a sweep (or its shard) to the end, or until `signal` aborts or, with `failFast`, a
 * run fails; every finished run is written and summarised.
 * @throws {RowFileError} when `--resume` finds a file of another sweep, or a fresh start
 * finds one of this same sweep (nothing is changed either way).
 * @throws {LogIoError} when the row file cannot be written.
 */
export async function executeSweep(request: SweepRequest): Promise<SweepOutcome> {
  const { setup, identity, out } = request;
  const block: ShardRange = identity.shard ?? { index: 1, count: 1, from: 0, to: identity.total };
  const summary = new SweepSummary(setup, request.labels);
  const width = vectorWidth(setup);
  const failures: RunFailure[] = [];
  let failedRuns = 0;
  const noteFailures = (list: readonly RunFailure[]): void => {
    failedRuns += list.length;
    for (const f of list) if (failures.length < MAX_FAILURES_KEPT) failures.push(f);
  };

  let resumed = 0;
  let repaired = 0;
  let file: RowFile | undefined;
  if (out?.resume && existsSync(out.path)) {
    const vector = new Float64Array(width);
    const scan = await readRowFile(out.path, out.file, {
      layout: setup.layout,
      identity: sameSweep(out.file, identity),
      onRow: (row) => {
        rowVector(setup, row, vector, 0);
        summary.addRows(vector, row.run, 1);
        request.onVectors?.(vector, row.run, 1, width);
        if (row.error !== null) noteFailures([{ run: row.run, cell: row.cell, seed: row.seed, message: row.error }]);
      },
    });
    resumed = scan.rows;
    repaired = scan.partial;
    file = RowFile.resume(out.path, scan.complete);
  } else if (out) {
    refuseToRestart(out, setup.layout.format, identity);
    file = await RowFile.create(out.path, identityLine(setup.layout.format, identity) + headerText(setup.layout));
  }

  const from = block.from + resumed;
  const total = block.to - block.from;
  const choice = request.simulate ? { workers: 0, reason: 'on the main thread' } : chooseWorkers(block.to - from, request.workers, availableParallelism());
  const executor =
    choice.workers > 0 && WORKER_SCRIPT ? workerPool(setup, choice.workers, WORKER_SCRIPT) : inProcess(setup, request.simulate);
  request.onProgress?.(resumed, total);
  try {
    const result = await runBatches({
      executor,
      from,
      to: block.to,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.failFast ? { failFast: true } : {}),
      onBatch: (r: BatchResult) => {
        file?.append(r.rows);
        const rows = r.to - r.from;
        summary.addRows(r.values, r.from, rows);
        request.onVectors?.(r.values, r.from, rows, width);
        noteFailures(r.failures);
        request.onProgress?.(r.to - block.from, total);
      },
    });
    return { block, resumed, ran: result.done, stoppedBy: result.stoppedBy, executor: choice, summary, failures, failedRuns, repaired };
  } finally {
    await executor.close();
    file?.close();
  }
}
