/**
 * `parley report <log|scenario> [--seed N] --out report.html`: one self-contained HTML file
 * (opens offline, loads nothing) with the outcome summary, a filterable timeline, the ladder
 * over time, each machine's diagram lit at the current event, and a scrubber over history.
 * A log is verified first: one that fails is reported (exit 1) and no report is written.
 */
import { writeFileAtomic } from '../log/atomic.js';
import { REPORT_MAX_EVENTS, renderReport } from '../report/html/page.js';
import type { RegisterCommand } from './command.js';
import { readHistory } from './historyInput.js';
import { checkOutputPath } from './outputPath.js';
import { integerOption } from './scenarioInput.js';

interface ReportCliOptions {
  out: string;
  seed?: string;
  maxEvents?: string;
}

/** Registers `report`. */
export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description('write a self-contained HTML report of a run: summary, timeline, ladder chart, machine diagrams and a scrubber')
    .argument('<input>', 'a log (.jsonl, verified first) or a scenario (.yaml, simulated in memory)')
    .requiredOption('--out <file>', 'the HTML file to write (atomically)')
    .option('--seed <n>', "override the scenario's seed")
    .option('--max-events <n>', `refuse runs longer than this (default ${REPORT_MAX_EVENTS}; about 100-160 bytes per event)`)
    .addHelpText(
      'after',
      '\nThe file opens in any browser without a network connection; its Content-Security-Policy\nforbids loading anything.\n\nExample:\n  parley report scenarios/paris-2026.yaml --out paris.html',
    )
    .action(async (input: string, options: ReportCliOptions) => {
      const seed = integerOption('--seed', options.seed, 0xffffffff);
      const maxEvents = integerOption('--max-events', options.maxEvents) ?? REPORT_MAX_EVENTS;
      await checkOutputPath(ctx, '--out', options.out, [input]);
      const history = await readHistory(ctx, input, { maxEvents, ...(seed === undefined ? {} : { seed }) });
      const html = await renderReport(history.events, { source: input });
      await writeFileAtomic(ctx.resolve(options.out), html);
      ctx.io.stdout(`report: ${options.out} (${history.events.length} events, ${Math.round(Buffer.byteLength(html) / 1024)} KiB)\n`);
    });
};
