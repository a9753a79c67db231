/**
 * `parley step <scenario|log> [--seed N] [--at-seq N] [--until-seq N] [--count N]`: the
 * terminal stepper. On a terminal it is interactive (keys: see `?`); otherwise it prints the
 * steps as plain text. The stepping itself is pure (src/report/stepper); this file only reads
 * the input, decodes keys and draws.
 */
import type { Command } from 'commander';
import { formatStep } from '../report/stepper/frame.js';
import { frameOf, newSession, press } from '../report/stepper/session.js';
import { Stepper } from '../report/stepper/stepper.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { InputError } from './errors.js';
import { readHistory } from './historyInput.js';
import { integerOption } from './scenarioInput.js';
import { processTerminal, type Terminal } from './terminal.js';

interface StepOptions {
  seed?: string;
  atSeq?: string;
  untilSeq?: string;
  count?: string;
  maxEvents?: string;
}

/** The most events a stepper loads unless `--max-events` says otherwise. */
export const STEP_MAX_EVENTS = 1_000_000;

const CLEAR = '\u001b[H\u001b[2J';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * `registerStep` with the terminal chosen by `openTerminal` (tests pass scripted keys, or
 * `() => undefined` for the plain-text output).
 */
export function stepCommand(openTerminal: () => Terminal | undefined): RegisterCommand {
  return (program: Command, ctx: CommandContext) => {
    program
      .command('step')
      .description('step through a run event by event: what happened, which machines moved, the ladder, open disputes and deadlines')
      .argument('<input>', 'a scenario (.yaml, simulated in memory) or a log (.jsonl, verified first)')
      .option('--seed <n>', "override the scenario's seed")
      .option('--at-seq <n>', 'start at this seq (default 1)')
      .option('--until-seq <n>', 'when not on a terminal: stop after this seq')
      .option('--count <n>', 'when not on a terminal: print at most this many steps')
      .option('--max-events <n>', `refuse histories longer than this (default ${STEP_MAX_EVENTS})`)
      .addHelpText(
        'after',
        '\nOn a terminal: n/space/→ next, b/← back, g N Enter go to seq N, d next dispute change,\n/ text Enter search by event type, ? help, q quit. Otherwise the steps are printed as text.\n\nExamples:\n  parley step scenarios/paris-2026.yaml\n  parley step paris.jsonl --at-seq 100 --count 20 | less',
      )
      .action(async (input: string, options: StepOptions) => {
        const seed = integerOption('--seed', options.seed, 0xffffffff);
        const atSeq = integerOption('--at-seq', options.atSeq);
        const untilSeq = integerOption('--until-seq', options.untilSeq);
        const count = integerOption('--count', options.count);
        const maxEvents = integerOption('--max-events', options.maxEvents) ?? STEP_MAX_EVENTS;
        const history = await readHistory(ctx, input, { maxEvents, ...(seed === undefined ? {} : { seed }) });
        const last = history.events.length;
        for (const [name, value] of [['--at-seq', atSeq], ['--until-seq', untilSeq]] as const) {
          if (value !== undefined && (value < 1 || value > last)) {
            throw new InputError({ file: name, what: `${value} is outside the history (seq 1 to ${last})` });
          }
        }
        const stepper = new Stepper(history.events);
        stepper.goTo(atSeq ?? 1);
        const terminal = openTerminal();
        if (terminal) {
          await interact(ctx, stepper, terminal);
          return;
        }
        const end = Math.min(untilSeq ?? last, count === undefined ? last : stepper.seq + count - 1);
        while (stepper.seq <= end) {
          const step = stepper.current();
          if (step) ctx.io.stdout(formatStep(step));
          if (!stepper.next()) break;
        }
      });
  };
}

/** Registers `step` on the process's terminal (interactive when stdin and stdout are TTYs). */
export const registerStep: RegisterCommand = stepCommand(processTerminal);

async function interact(ctx: CommandContext, stepper: Stepper, terminal: Terminal): Promise<void> {
  let session = newSession();
  const draw = (): void => {
    const width = Math.max(20, terminal.columns);
    const lines = frameOf(session, stepper, terminal.rows).map((l) => ([...l].length > width ? `${[...l].slice(0, width - 1).join('')}…` : l));
    ctx.io.stdout(`${CLEAR}${lines.slice(0, Math.max(1, terminal.rows - 1)).join('\n')}`);
  };
  ctx.io.stdout(HIDE_CURSOR);
  try {
    draw();
    for await (const key of terminal.keys) {
      session = press(session, key, stepper);
      if (session.quit) break;
      draw();
    }
  } finally {
    terminal.close();
    ctx.io.stdout(`${SHOW_CURSOR}\n`);
  }
}
