/**
 * `parley sweep <scenario> --runs N [--set path=a,b]… [--seed S] [--workers K] [--out f.csv]
 * [--resume] [--shard i/n|auto] [--fail-fast] [--json]`: many seeded runs over a grid of
 * parameter values. Everything is checked before the first run (options, the scenario, every
 * grid cell, the output path, a resumed file's identity); rows stream to `--out` in run
 * order; the summary (means with t intervals, rates with Wilson intervals, probability
 * expectations) goes to stdout, a progress bar to a terminal's stderr.
 */
import { IN_PROCESS_BELOW } from '../explore/executor.js';
import type { SweepOutcome } from '../explore/execute.js';
import type { SweepIdentity } from '../explore/identity.js';
import { RowFileError } from '../explore/resume.js';
import { SetPathError } from '../explore/setPath.js';
import { formatFor } from '../explore/rowFormat.js';
import { describeSeeds } from '../explore/seeds.js';
import { parseShard, ShardError, type Shard } from '../explore/shard.js';
import { MAX_TOTAL_RUNS, sweep, type SweepResult } from '../explore/sweepScenario.js';
import { INTERVAL_METHODS, type CellReport } from '../explore/summary.js';
import { formatCells } from '../explore/summaryText.js';
import { PARLEY_VERSION } from '../version.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { EXIT, InputError } from './errors.js';
import { whileInterruptible } from './interrupt.js';
import { checkOutputPath } from './outputPath.js';
import { progressBar, type Progress } from './progress.js';
import { integerOption, readScenario } from './scenarioInput.js';
import { collect, SET_HELP } from './setOption.js';

interface SweepOptions {
  runs: string;
  set?: string[];
  seed?: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  shard?: string;
  shards?: string;
  failFast?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Most worker threads. */
const MAX_WORKERS = 256;

const problem = (file: string, what: string): InputError => new InputError({ file, what });

/** The numeric options, checked before anything is read. */
export function sweepNumbers(options: Pick<SweepOptions, 'runs' | 'seed' | 'workers'>): { runs: number; seed?: number; workers: number | 'auto' } {
  const runs = integerOption('--runs', options.runs, MAX_TOTAL_RUNS) as number;
  if (runs === 0) throw problem('--runs', 'expected at least 1 run per grid cell, got 0');
  const seed = integerOption('--seed', options.seed, 0xffffffff);
  const workers = options.workers === undefined || options.workers === 'auto' ? 'auto' : (integerOption('--workers', options.workers, MAX_WORKERS) as number);
  return { runs, workers, ...(seed === undefined ? {} : { seed }) };
}

function shardOf(ctx: CommandContext, options: SweepOptions): Shard | undefined {
  const shards = integerOption('--shards', options.shards, 1_000_000);
  if (options.shard === undefined) {
    if (shards !== undefined) throw problem('--shards', 'only goes with --shard auto');
    return undefined;
  }
  try {
    return parseShard(options.shard, ctx.io.env ?? process.env, shards);
  } catch (e) {
    if (e instanceof ShardError) throw problem('--shard', e.message.replace(/^--shard( auto)?: /, ''));
    throw e;
  }
}

/** The options that need `--out`, and its extension, checked before anything is read. */
function checkOutputOptions(options: SweepOptions): void {
  if (options.out === undefined) {
    if (options.resume) throw problem('--resume', 'needs --out: the file to continue');
    if (options.shard !== undefined) throw problem('--shard', 'needs --out: each shard writes its rows for parley merge');
    return;
  }
  if (!formatFor(options.out)) throw problem(options.out, '--out: expected a .csv or .jsonl file');
}

/** Registers `sweep`. */
export const registerSweep: RegisterCommand = (program, ctx) => {
  program
    .command('sweep')
    .description('many seeded runs over a grid of parameter values: rows per run, summaries with 95 % intervals')
    .argument('<scenario>', 'the scenario file (.yaml)')
    .requiredOption('--runs <n>', 'seeds per grid cell (every cell runs the same seeds)')
    .option('--set <path=values>', SET_HELP, collect)
    .option('--seed <s>', "base seed S the runs' seeds are derived from (default: the scenario's seed)")
    .option('--workers <k>', `worker threads, 0 for the main thread (default auto: one per core, none for a sweep under ${IN_PROCESS_BELOW} runs)`)
    .option('--out <file>', 'write one row per run to a .csv or .jsonl file (line 1: the sweep identity)')
    .option('--resume', 'continue the --out file of an interrupted sweep without redoing a run (or start it)')
    .option('--shard <i/n|auto>', 'run shard i of n (numbered from 1); auto: from a Slurm job array or a Kubernetes Indexed Job')
    .option('--shards <n>', 'with --shard auto: the number of shards, when the environment does not say (Kubernetes, PARLEY_SHARDS)')
    .option('--fail-fast', 'stop at the first failed run (default: report it and go on)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print nothing but errors and failed checks; no progress bar')
    .addHelpText(
      'after',
      `
Rows: run, cell, seed, set.<path>…, every outcome, error, reproduce (a parley run command
that gives the row's numbers alone). Seeds: run r of every cell has seed fmix32(fmix32(S) + r).
Ctrl-C stops cleanly: finished rows are kept; --resume continues. Exit: 0 ok, 1 a run failed
or a probability expectation does not hold, 2 bad input, 130 interrupted.`,
    )
    .action(async (file: string, options: SweepOptions) => {
      const { runs, seed: seedOption, workers } = sweepNumbers(options);
      const shard = shardOf(ctx, options);
      checkOutputOptions(options);
      if (options.out !== undefined) await checkOutputPath(ctx, '--out', options.out, [file]);
      const base = await readScenario(ctx, file);
      // Made at the first progress report, which says how many runs this sweep (or shard) has.
      let bar: Progress | undefined;
      let result: SweepResult;
      try {
        result = await whileInterruptible((signal) =>
          sweep(base, {
            runs,
            set: options.set ?? [],
            ...(seedOption === undefined ? {} : { seed: seedOption }),
            workers,
            ...(options.out === undefined ? {} : { out: { path: ctx.resolve(options.out), file: options.out, resume: Boolean(options.resume) } }),
            ...(shard === undefined ? {} : { shard }),
            failFast: Boolean(options.failFast),
            signal,
            onProgress: (done, total) => {
              if (bar === undefined && !options.quiet && !options.json) bar = progressBar(ctx.io, 'sweep', total, 'runs');
              bar?.update(done);
            },
          }),
        );
      } catch (e) {
        if (e instanceof RowFileError) throw new InputError({ file: e.file, line: e.line, what: e.message });
        if (e instanceof SetPathError) throw new InputError({ file, what: e.message });
        throw e;
      } finally {
        bar?.stop();
      }
      const { identity, seed, labels, outcome, columns } = result;
      report(ctx, { file, identity, seed, out: options.out, labels, names: columns, outcome, json: Boolean(options.json), quiet: Boolean(options.quiet) });
    });
};

interface ReportInput {
  readonly file: string;
  readonly identity: SweepIdentity;
  readonly seed: number;
  readonly out: string | undefined;
  readonly labels: readonly string[];
  /** The outcome columns. */
  readonly names: readonly string[];
  readonly outcome: SweepOutcome;
  readonly json: boolean;
  readonly quiet: boolean;
}

function report(ctx: CommandContext, r: ReportInput): void {
  const { outcome, identity } = r;
  const cells = outcome.summary.report();
  const done = outcome.resumed + outcome.ran;
  const blockSize = outcome.block.to - outcome.block.from;
  const complete = done === blockSize;
  const sharded = identity.shard !== undefined && identity.shard.count > 1;
  // Probabilities are judged on a whole sweep only: a shard or an interrupted sweep has part of the seeds.
  const judged = complete && !sharded;
  const failedChecks = judged ? cells.flatMap((c) => c.expectations.filter((e) => !e.ok).map((e) => ({ cell: c.cell, label: c.label, ...e }))) : [];

  if (outcome.stoppedBy === 'signal') ctx.setExit(EXIT.interrupted);
  else if (outcome.failedRuns > 0 || failedChecks.length > 0) ctx.setExit(EXIT.checkFailed);

  const err = ctx.io.stderr;
  for (const f of outcome.failures.slice(0, 10)) {
    err(`parley: run ${f.run} failed (seed ${f.seed}, cell ${f.cell}: ${r.labels[f.cell] ?? ''}): ${f.message}\n`);
  }
  if (outcome.failedRuns > 10) err(`parley: … ${outcome.failedRuns - 10} more failed runs (marked in the error column)\n`);
  if (outcome.stoppedBy !== 'end') {
    const why = outcome.stoppedBy === 'signal' ? 'interrupted' : 'stopped at the first failed run (--fail-fast)';
    const where = r.out === undefined ? '' : ` written to ${r.out}; continue with --resume`;
    err(`parley: ${why}: ${done.toLocaleString('en-US')} of ${blockSize.toLocaleString('en-US')} runs${where}\n`);
  }
  for (const f of failedChecks) err(`parley: expectation failed in cell ${f.cell} (${f.label}): ${f.expectation}: ${f.actual}\n`);

  if (r.json) {
    const json = {
      scenario: r.file,
      identity,
      seeds: describeSeeds(r.seed),
      executor: outcome.executor,
      out: r.out ?? null,
      runs: { block: blockSize, resumed: outcome.resumed, ran: outcome.ran, done, failed: outcome.failedRuns },
      stoppedBy: outcome.stoppedBy,
      intervals: INTERVAL_METHODS,
      cells,
      expectations: { judged, ok: failedChecks.length === 0, failed: failedChecks },
      failures: outcome.failures,
    };
    ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (r.quiet) return;
  ctx.io.stdout(heading(r, cells, done, blockSize, judged));
  ctx.io.stdout(formatCells(cells, r.names, judged));
}

function heading(r: ReportInput, cells: readonly CellReport[], done: number, blockSize: number, judged: boolean): string {
  const { identity, outcome } = r;
  const n = (x: number): string => x.toLocaleString('en-US');
  const grid = identity.grid.length === 0 ? '1 cell' : `${n(identity.cells)} cells (${identity.grid.map((g) => `${g.path}=${g.values.join(',')}`).join(' × ')})`;
  const lines = [
    `sweep   ${r.file}: ${grid} × ${n(identity.runs)} seeds = ${n(identity.total)} runs`,
    `seeds   ${describeSeeds(r.seed)}`,
  ];
  if (identity.shard) lines.push(`shard   ${identity.shard.index} of ${identity.shard.count}: runs ${n(identity.shard.from)} to ${n(identity.shard.to - 1)}`);
  if (outcome.resumed > 0) {
    lines.push(`runs    ${n(done)} of ${n(blockSize)}: ${n(outcome.resumed)} read back from ${r.out ?? ''}, ${n(outcome.ran)} run now ${outcome.executor.reason}`);
  } else {
    lines.push(`runs    ${n(done)} of ${n(blockSize)} ${outcome.executor.reason}`);
  }
  if (outcome.repaired > 0) lines.push(`        (a partial last line of ${outcome.repaired} bytes was cut off and its run redone)`);
  if (r.out !== undefined) lines.push(`rows    ${r.out}`);
  if (!judged && cells.some((c) => c.expectations.length > 0)) {
    lines.push('note    probability expectations are judged on a whole, finished sweep only (merge the shards, then run the same sweep with --out <merged file> --resume)');
  }
  return `${lines.join('\n')}\n`;
}
