/**
 * `parley replay <log> [--until-seq N] [--json]`: folds a log (streamed, constant memory
 * apart from the state itself) and prints the state at its end or at seq N. The hash chain is
 * checked while reading: a tampered log is reported, never replayed. Checking every fact
 * against the rules and the invariants is `parley verify --deep` (it replaced `replay --check`).
 */
import { ReplayError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import { LogFormatError } from '../log/errors.js';
import { readEventBatches } from '../log/readEvents.js';
import { formatState } from '../report/stateText.js';
import { stateToJSON } from '../core/state.js';
import { Option } from 'commander';
import type { RegisterCommand } from './command.js';
import { fileProgress } from './progress.js';
import { EXIT, exitCodeFor, InputError, oneLine, UsageError } from './errors.js';

/** Registers `replay`. */
export const registerReplay: RegisterCommand = (program, ctx) => {
  program
    .command('replay')
    .description('fold a log into the state of the cell, messages, disputes and ladder, at its end or at a given seq')
    .argument('<log>', 'the log file (.jsonl)')
    .option('--until-seq <n>', 'stop after the event with this seq')
    .option('--json', 'print the state as JSON')
    // Gone: one command checks a log's content, and it is verify --deep. Kept hidden, to say so.
    .addOption(new Option('--check').hideHelp())
    .addHelpText('after', '\nreplay folds without judging: to check every fact against the rules and the invariants, run parley verify --deep <log> (it replaced replay --check)')
    .action(async (log: string, options: { untilSeq?: string; json?: boolean; check?: boolean }) => {
      if (options.check) throw new UsageError(`--check: replay no longer checks the rules; run parley verify --deep ${log}`);
      const until = options.untilSeq === undefined ? Number.POSITIVE_INFINITY : Number(options.untilSeq);
      if (options.untilSeq !== undefined && !/^\d+$/.test(options.untilSeq)) {
        throw new UsageError(`--until-seq: expected a whole number of events, got "${options.untilSeq}"`);
      }
      const replayer = new Replayer();
      let line = 0;
      const bar = options.json ? undefined : fileProgress(ctx.io, 'replay', ctx.resolve(log));
      try {
        // A batch per chunk read, not an async step per event: a million awaits cost more
        // than folding the events.
        reading: for await (const batch of readEventBatches(ctx.resolve(log), { verifyHashes: true, ...(bar ? { onBytes: bar.onBytes } : {}) })) {
          for (const event of batch) {
            if (event.seq > until) break reading;
            line += 1;
            replayer.push(event);
          }
        }
      } catch (e) {
        if (e instanceof ReplayError) {
          ctx.io.stderr(`parley: ${log}:${line + 1}: ${e.message}\n`);
          ctx.setExit(EXIT.checkFailed);
          return;
        }
        // A readable log that breaks a rule fails the check (1); unreadable input is 2.
        if (e instanceof LogFormatError) {
          ctx.io.stderr(`parley: ${log}:${e.line}: ${e.kind}: ${oneLine(e.detail)}\n`);
          ctx.setExit(exitCodeFor(e.kind));
          return;
        }
        throw e;
      } finally {
        bar?.stop();
      }
      if (until !== Number.POSITIVE_INFINITY && replayer.seq < until) {
        throw new InputError({ file: log, what: `--until-seq ${until}: the log has only ${replayer.seq} events` });
      }
      const state = replayer.peek();
      ctx.io.stdout(options.json ? `${JSON.stringify(stateToJSON(state), null, 2)}\n` : formatState(state));
    });
};
