/**
 * `parley compare <scenario> (--set path=value… | <other-scenario>) [--runs N] [--seed S]
 * [--workers K] [--json]`: the scenario (baseline) against a variant over the same seeds,
 * with paired differences and their 95 % intervals, side by side.
 */
import { vectorWidth } from '../explore/batch.js';
import { executeSweep, type SweepOutcome } from '../explore/execute.js';
import { COMPARISON_METHODS, pairedMeasures, PairedSummary } from '../explore/compare.js';
import { IN_PROCESS_BELOW } from '../explore/executor.js';
import { cellLabel } from '../explore/grid.js';
import type { SweepIdentity } from '../explore/identity.js';
import { sweepSetup, type CellSource, type Grid } from '../explore/prepare.js';
import { describeSeeds } from '../explore/seeds.js';
import { formatComparison } from '../explore/summaryText.js';
import { PARLEY_VERSION } from '../version.js';
import type { RegisterCommand } from './command.js';
import { EXIT, InputError } from './errors.js';
import { whileInterruptible } from './interrupt.js';
import { progressBar } from './progress.js';
import { collect, readGrid, SET_HELP } from './setOption.js';
import { sweepNumbers } from './sweep.js';

interface CompareOptions {
  runs: string;
  set?: string[];
  seed?: string;
  workers?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Seeds compared when `--runs` is not given. */
export const DEFAULT_COMPARE_RUNS = 1000;

/** Registers `compare`. */
export const registerCompare: RegisterCommand = (program, ctx) => {
  program
    .command('compare')
    .description('a scenario against a variant over the same seeds: paired differences with 95 % intervals')
    .argument('<scenario>', 'the baseline scenario file (.yaml)')
    .argument('[other]', 'the variant: another scenario file (or give --set instead)')
    .option('--set <path=value>', `the variant: ${SET_HELP.replace('path=a,b,c for several', 'one value per path')}`, collect)
    .option('--runs <n>', 'seeds compared (each runs baseline and variant)', String(DEFAULT_COMPARE_RUNS))
    .option('--seed <s>', "base seed S the runs' seeds are derived from (default: the baseline's seed)")
    .option('--workers <k>', `worker threads, 0 for the main thread (default auto: one per core, none under ${IN_PROCESS_BELOW} runs)`)
    .option('--json', 'print the comparison as JSON')
    .option('--quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Both sides run the same seeds (common random numbers): under one seed the exogenous incidents
are the same, so each pair differs by the change and what it sets in motion.
Example: parley compare scenarios/paris-2026.yaml --set mechanism.enabled=false`,
    )
    .action(async (file: string, other: string | undefined, options: CompareOptions) => {
      const { runs, seed: seedOption, workers } = sweepNumbers(options);
      const sets = options.set ?? [];
      if (other !== undefined && sets.length > 0) throw new InputError({ file: other, what: 'give either another scenario or --set changes as the variant, not both' });
      if (other === undefined && sets.length === 0) throw new InputError({ file, what: 'nothing to compare: give --set path=value (or another scenario file) as the variant' });
      const base = await readGrid(ctx, file, []);
      const variant = other === undefined ? await readGrid(ctx, file, sets) : await readGrid(ctx, other, []);
      const many = variant.specs.find((s) => s.values.length !== 1);
      if (many) throw new InputError({ file, what: `--set ${many.path.text}: compare takes one value per --set (use parley sweep for a grid)` });
      const seed = seedOption ?? base.base.scenario.seed;
      const cells: CellSource[] = [
        { from: base.base, cell: base.cells[0] as CellSource['cell'] },
        { from: variant.base, cell: variant.cells[0] as CellSource['cell'] },
      ];
      const setup = sweepSetup(cells, { parleyVersion: PARLEY_VERSION, seed, format: 'csv', text: false, setPaths: [] });
      const variantLabel = other ?? `--set ${cellLabel(variant.specs, variant.cells[0] as CellSource['cell'])}`;
      const names = setup.layout.outcomes.names;
      const paired = new PairedSummary(pairedMeasures(names, base.base.scenario.ladder.levels), vectorWidth(setup));
      const identity: SweepIdentity = { sweep: 1, parley: PARLEY_VERSION, scenario: file, hash: base.base.hash, seed, runs, grid: [], cells: 2, total: 2 * runs };
      const bar = options.quiet || options.json ? undefined : progressBar(ctx.io, 'compare', 2 * runs, 'runs');
      let outcome: SweepOutcome;
      try {
        outcome = await whileInterruptible((signal) =>
          executeSweep({
            setup,
            labels: ['baseline', variantLabel],
            identity,
            workers,
            signal,
            onProgress: (done) => bar?.update(done),
            onVectors: (values, firstRun, rows) => paired.add(values, firstRun, rows),
          }),
        );
      } finally {
        bar?.stop();
      }
      const lines = paired.report();
      const pairs = (outcome.resumed + outcome.ran) >> 1;
      if (outcome.stoppedBy === 'signal') {
        ctx.setExit(EXIT.interrupted);
        ctx.io.stderr(`parley: interrupted after ${pairs.toLocaleString('en-US')} of ${runs.toLocaleString('en-US')} seeds; the comparison covers those\n`);
      }
      if (outcome.failedRuns > 0) {
        ctx.setExit(EXIT.checkFailed);
        for (const f of outcome.failures.slice(0, 10)) {
          ctx.io.stderr(`parley: run ${f.run} failed (seed ${f.seed}, ${f.cell === 0 ? 'baseline' : 'variant'}): ${f.message}\n`);
        }
      }
      if (options.json) {
        const json = {
          baseline: file,
          variant: other === undefined ? { set: variant.cells[0]?.overrides ?? [] } : { scenario: other },
          seeds: describeSeeds(seed),
          pairs,
          failedPairs: paired.failedPairs,
          executor: outcome.executor,
          stoppedBy: outcome.stoppedBy,
          intervals: COMPARISON_METHODS,
          outcomes: lines.map(({ scale: _scale, ...line }) => line),
        };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      ctx.io.stdout(heading(file, variantLabel, base, seed, pairs, paired.failedPairs, outcome));
      ctx.io.stdout(formatComparison(lines));
    });
};

function heading(file: string, variant: string, base: Grid, seed: number, pairs: number, failedPairs: number, outcome: SweepOutcome): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const lines = [
    `compare   ${file}`,
    `baseline  ${base.base.file} as written`,
    `variant   ${variant}`,
    `seeds     ${n(pairs)} paired runs, the same seed on both sides (common random numbers); ${describeSeeds(seed)}`,
    `runs      ${n(outcome.resumed + outcome.ran)} ${outcome.executor.reason}${failedPairs > 0 ? `; ${n(failedPairs)} pairs left out (a side failed)` : ''}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
