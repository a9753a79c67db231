/**
 * `parley run <scenario> [--seed N] [--out log.jsonl] [--json] [--quiet]`: the main job.
 * Simulates the scenario, streams the log to a temp file renamed into place at the end
 * (nothing is left behind on failure), prints the outcome summary, and checks the
 * scenario's `expect:` list (exit 1 when one fails).
 */
import { basename, extname } from 'node:path';
import type { Recorded } from '../core/catalogue.js';
import type { LogSummary } from '../log/writer.js';
import { checkExpectations, type ExpectationReport } from '../report/expectations.js';
import { computeOutcomes } from '../report/metrics.js';
import { formatSummary } from '../report/summary.js';
import { compileScenario } from '../scenario/compile.js';
import { runPlan, type Refusal, type RunResult } from '../sim/simulation.js';
import { PARLEY_VERSION } from '../version.js';
import type { RegisterCommand } from './command.js';
import { EXIT } from './errors.js';
import { progressBar } from './progress.js';
import { integerOption, readScenario } from './scenarioInput.js';
import { simulateToFile } from './simulateToFile.js';

interface RunOptions {
  seed?: string;
  out?: string | false;
  json?: boolean;
  quiet?: boolean;
  maxEvents?: string;
}

/** Registers `run`. */
export const registerRun: RegisterCommand = (program, ctx) => {
  program
    .command('run')
    .description('simulate a scenario, write its event log and print the outcome summary')
    .argument('<scenario>', 'the scenario file (.yaml)')
    .option('--seed <n>', "override the scenario's seed (unsigned 32-bit)")
    .option('--out <log>', 'where to write the log (default: <scenario name>.jsonl in the current directory)')
    .option('--no-out', 'do not write a log')
    .option('--json', 'print the outcomes, expectations and refused actions as JSON')
    .option('--quiet', 'print nothing but errors and failed expectations; no progress bar')
    .option('--max-events <n>', 'stop the run after this many events (default 5,000,000)')
    .action(async (file: string, options: RunOptions) => {
      const seed = integerOption('--seed', options.seed, 0xffffffff);
      const maxEvents = integerOption('--max-events', options.maxEvents);
      const { scenario, hash, source } = await readScenario(ctx, file);
      const plan = compileScenario(scenario, {
        hash,
        source,
        parleyVersion: PARLEY_VERSION,
        ...(seed === undefined ? {} : { seed }),
        ...(maxEvents === undefined ? {} : { maxEvents }),
      });
      const outPath = options.out === false ? undefined : (options.out ?? `${basename(file, extname(file))}.jsonl`);
      const bar = options.quiet || options.json ? undefined : progressBar(ctx.io, 'simulating', plan.endMs - plan.startMs);
      const onEvent = bar
        ? (e: Recorded): void => {
            if (e.seq % 4096 === 0) bar.update(Date.parse(e.at) - plan.startMs);
          }
        : undefined;
      let log: LogSummary | undefined;
      let result: RunResult;
      try {
        if (outPath === undefined) {
          result = runPlan(plan, onEvent ? { onEvent } : {});
        } else {
          ({ result, log } = await simulateToFile(plan, ctx.resolve(outPath), onEvent ? { onEvent } : {}));
        }
      } finally {
        bar?.stop();
      }
      const outcomes = computeOutcomes(result.state);
      const expectations = checkExpectations(scenario.expect, outcomes, plan.ladder.levels);
      if (!expectations.ok) ctx.setExit(EXIT.checkFailed);
      const report = { file, seed: plan.seed, log: log ? { path: outPath, events: log.seq, lastHash: log.hash } : null };
      if (options.json) {
        const json = { ...report, endedBy: result.endedBy, outcomes, expectations, refused: result.refused };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      if (!options.quiet) {
        ctx.io.stdout(formatSummary(outcomes, result.state.meta));
        ctx.io.stdout(footer(outPath, log, result.events, result.endedBy, result.refused));
      }
      const failed = describeExpectations(expectations, Boolean(options.quiet));
      if (failed) (expectations.ok ? ctx.io.stdout : ctx.io.stderr)(failed);
    });
};

function footer(
  outPath: string | undefined,
  log: LogSummary | undefined,
  events: number,
  endedBy: string,
  refused: readonly Refusal[],
): string {
  const lines = [''];
  lines.push(log && outPath ? `log: ${outPath} (${events} events, hash ${log.hash.slice(0, 12)}…)` : `log: not written (${events} events)`);
  if (endedBy === 'stopped') lines.push('run stopped early at --max-events: the summary covers the part simulated');
  if (refused.length > 0) {
    lines.push(`refused scripted actions: ${refused.length}`);
    for (const r of refused.slice(0, 10)) lines.push(`  ${r.at} ${r.action}: ${r.code} ${r.reason}`);
    if (refused.length > 10) lines.push(`  … ${refused.length - 10} more (see --json)`);
  }
  return `${lines.join('\n')}\n`;
}

function describeExpectations(report: ExpectationReport, quiet: boolean): string {
  if (report.results.length === 0) return '';
  const shown = quiet ? report.results.filter((r) => !r.ok) : report.results;
  if (shown.length === 0) return '';
  const lines = ['', report.ok ? 'expectations: all met' : 'expectations: FAILED'];
  for (const r of shown) lines.push(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.expectation} (${r.actual})`);
  return `${lines.join('\n')}\n`;
}
