/**
 * `parley run <scenario> [--seed N] [--set path=value]… [--out log.jsonl] [--json] [--quiet] [--max-events N]`:
 * the main job. Checks the scenario against its limits (scenario/limits.ts) before anything
 * runs, simulates it, streams the log to a temp file renamed into place at the end (nothing
 * is left behind on failure), prints the outcome summary, and checks the scenario's
 * `expect:` list (exit 1 when one fails). A run stopped before its horizon says so on stderr
 * in every mode, and exits 1 unless the user's own --max-events stopped it.
 */
import { basename, extname } from 'node:path';
import type { Recorded } from '../core/catalogue.js';
import type { LogSummary } from '../log/writer.js';
import { checkExpectations, type ExpectationReport } from '../report/expectations.js';
import { computeOutcomes } from '../report/metrics.js';
import { formatSummary } from '../report/summary.js';
import { compileScenario } from '../scenario/compile.js';
import { DEFAULT_EVENT_BUDGET } from '../scenario/limits.js';
import { runPlan, type RunResult } from '../sim/simulation.js';
import { PARLEY_VERSION } from '../version.js';
import type { Cell } from '../explore/grid.js';
import type { Override } from '../explore/overrides.js';
import type { Scenario } from '../scenario/schema.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { EXIT, InputError } from './errors.js';
import { checkOutputPath } from './outputPath.js';
import { collect, readGrid } from './setOption.js';
import { progressBar } from './progress.js';
import { integerOption, readScenario } from './scenarioInput.js';
import { simulateToFile } from './simulateToFile.js';

interface RunOptions {
  seed?: string;
  out?: string | false;
  json?: boolean;
  quiet?: boolean;
  maxEvents?: string;
  set?: string[];
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
    .option('--set <path=value>', "change a scenario parameter (read as YAML: 0.1 is a number, PT6H text), as a sweep row's reproduce column does; repeatable", collect)
    .option('--max-events <n>', 'stop the run after this many events (default 5,000,000; a larger value also raises the event budget the scenario is checked against)')
    .action(async (file: string, options: RunOptions) => {
      const seed = integerOption('--seed', options.seed, 0xffffffff);
      const maxEvents = integerOption('--max-events', options.maxEvents);
      // A larger --max-events raises the event budget the scenario is checked against.
      const eventBudget = Math.max(DEFAULT_EVENT_BUDGET, maxEvents ?? 0);
      const outPath = options.out === false ? undefined : (options.out ?? `${basename(file, extname(file))}.jsonl`);
      if (outPath !== undefined) await checkOutputPath(ctx, '--out', outPath, [file]);
      const sets = options.set ?? [];
      const { scenario, hash, source, overrides } =
        sets.length === 0 ? { ...(await readScenario(ctx, file, { eventBudget })), overrides: [] } : await withOverrides(ctx, file, sets);
      const plan = compileScenario(scenario, {
        hash,
        source,
        overrides,
        parleyVersion: PARLEY_VERSION,
        ...(seed === undefined ? {} : { seed }),
        ...(maxEvents === undefined ? {} : { maxEvents }),
      });
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
      const stop = stopVerdict(result, plan.maxEvents, maxEvents !== undefined);
      if (stop) {
        // Said whatever the output mode: the outcomes describe less than the scenario asked for.
        ctx.io.stderr(`parley: ${stop.notice}\n`);
        if (stop.failed) ctx.setExit(EXIT.checkFailed);
      }
      const report = { file, seed: plan.seed, log: log ? { path: outPath, events: log.seq, lastHash: log.hash } : null };
      if (options.json) {
        const run = { endedBy: result.endedBy, reachedAt: result.reachedAt, events: result.events, maxEvents: plan.maxEvents };
        const json = { ...report, ...run, outcomes, expectations, refused: result.refused, refusedCount: result.refusedCount };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      if (!options.quiet) {
        ctx.io.stdout(`${stop ? `STOPPED EARLY: ${stop.notice}\n` : ''}${formatSummary(outcomes, result.state.meta)}`);
        ctx.io.stdout(footer(outPath, log, result));
      }
      const failed = describeExpectations(expectations, Boolean(options.quiet));
      if (failed) (expectations.ok ? ctx.io.stdout : ctx.io.stderr)(failed);
    });
};

/** The scenario with each `--set path=value` applied (one value each: a run is one grid cell). */
async function withOverrides(
  ctx: CommandContext,
  file: string,
  sets: readonly string[],
): Promise<{ scenario: Scenario; hash: string; source: string; overrides: readonly Override[] }> {
  const grid = await readGrid(ctx, file, sets);
  const many = grid.specs.find((s) => s.values.length !== 1);
  if (many) throw new InputError({ file, what: `--set ${many.path.text}: parley run takes one value per --set (use parley sweep for several)` });
  const cell = grid.cells[0] as Cell;
  return { scenario: cell.scenario, hash: grid.base.hash, source: grid.base.source, overrides: cell.overrides };
}

/**
 * What to say when a run stopped before its horizon (undefined when it did not), and whether
 * that fails the run: it does unless the user's own `--max-events` (`chosen`) stopped it.
 */
export function stopVerdict(result: RunResult, limit: number, chosen: boolean): { readonly notice: string; readonly failed: boolean } | undefined {
  if (result.endedBy !== 'stopped') return undefined;
  const why = chosen ? `--max-events ${limit}` : `the safety limit of ${limit.toLocaleString('en-US')} events (raise it with --max-events)`;
  return {
    notice: `the run stopped early at ${result.reachedAt} with ${result.events} events recorded, at ${why}: the outcomes cover only the part simulated`,
    failed: !chosen,
  };
}

function footer(outPath: string | undefined, log: LogSummary | undefined, result: RunResult): string {
  const { events, refused, refusedCount } = result;
  const lines = [''];
  lines.push(log && outPath ? `log: ${outPath} (${events} events, hash ${log.hash.slice(0, 12)}…)` : `log: not written (${events} events)`);
  if (refusedCount > 0) {
    lines.push(`refused scripted actions: ${refusedCount}`);
    for (const r of refused.slice(0, 10)) lines.push(`  ${r.at} ${r.action}: ${r.code} ${r.reason}`);
    if (refusedCount > 10) lines.push(`  … ${refusedCount - 10} more (the first ${refused.length} in --json)`);
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
