/**
 * `parley compare <scenario> (--set path=value… | <other-scenario>) [--runs N] [--seed S]
 * [--workers K] [--json]`: the scenario (baseline) against a variant over the same seeds,
 * with paired differences and their 95 % intervals, side by side.
 */
import { UsageError } from '../core/errors.js';
import { compare, type CompareResult } from '../explore/compareScenarios.js';
import { IN_PROCESS_BELOW } from '../explore/executor.js';
import { describeSeeds } from '../explore/seeds.js';
import { formatComparison } from '../explore/summaryText.js';
import type { RegisterCommand } from './command.js';
import { EXIT, InputError } from './errors.js';
import { whileInterruptible } from './interrupt.js';
import { progressBar } from './progress.js';
import { readScenario } from './scenarioInput.js';
import { collect, SET_HELP } from './setOption.js';
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
      const { runs, seed, workers } = sweepNumbers(options);
      const sets = options.set ?? [];
      if (other !== undefined && sets.length > 0) throw new InputError({ file: other, what: 'give either another scenario or --set changes as the variant, not both' });
      if (other === undefined && sets.length === 0) throw new InputError({ file, what: 'nothing to compare: give --set path=value (or another scenario file) as the variant' });
      // Read here, so that a bad file is reported with its place (file:line:col); compare
      // checks the --set changes.
      const base = await readScenario(ctx, file);
      const variant = other === undefined ? undefined : await readScenario(ctx, other);
      const bar = options.quiet || options.json ? undefined : progressBar(ctx.io, 'compare', 2 * runs, 'runs');
      let c: CompareResult;
      try {
        c = await whileInterruptible((signal) =>
          compare(base, {
            runs,
            ...(variant === undefined ? { set: sets } : { other: variant }),
            ...(seed === undefined ? {} : { seed }),
            workers,
            signal,
            onProgress: (done) => bar?.update(done),
          }),
        );
      } catch (e) {
        if (e instanceof UsageError) throw new InputError({ file, what: e.message });
        throw e;
      } finally {
        bar?.stop();
      }
      const { outcome } = c;
      if (outcome.stoppedBy === 'signal') {
        ctx.setExit(EXIT.interrupted);
        ctx.io.stderr(`parley: interrupted after ${c.pairs.toLocaleString('en-US')} of ${runs.toLocaleString('en-US')} seeds; the comparison covers those\n`);
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
          variant: other === undefined ? { set: c.overrides } : { scenario: other },
          seeds: describeSeeds(c.seed),
          pairs: c.pairs,
          failedPairs: c.failedPairs,
          executor: outcome.executor,
          stoppedBy: outcome.stoppedBy,
          intervals: c.methods,
          outcomes: c.outcomes.map(({ scale: _scale, ...line }) => line),
        };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      ctx.io.stdout(heading(file, c));
      ctx.io.stdout(formatComparison(c.outcomes));
    });
};

function heading(file: string, c: CompareResult): string {
  const { outcome, pairs, failedPairs } = c;
  const n = (x: number): string => x.toLocaleString('en-US');
  const lines = [
    `compare   ${file}`,
    `baseline  ${c.baseline.base.file} as written`,
    `variant   ${c.variantLabel}`,
    `seeds     ${n(pairs)} paired runs, the same seed on both sides (common random numbers); ${describeSeeds(c.seed)}`,
    `runs      ${n(outcome.resumed + outcome.ran)} ${outcome.executor.reason}${failedPairs > 0 ? `; ${n(failedPairs)} pairs left out (a side failed)` : ''}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
