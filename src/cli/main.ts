/**
 * The `parley` command line, callable in-process: `main(argv, io)` returns the exit code
 * instead of exiting, and all output goes through `io`. Commands live one per file; to add
 * one, write `src/cli/<name>.ts` exporting a `RegisterCommand` and list it in COMMANDS.
 */
import { Command, CommanderError } from 'commander';
import { PARLEY_VERSION } from '../version.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { describeFailure, EXIT, oneLine, type ExitCode } from './errors.js';
import { processIo, resolvePath, type Io } from './io.js';
import { registerDiagram } from './diagram.js';
import { registerReplay } from './replay.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerStep } from './step.js';
import { registerSweep } from './sweep.js';
import { registerCompare } from './compare.js';
import { registerMerge } from './merge.js';
import { registerFork } from './fork.js';
import { registerValidate } from './validate.js';
import { registerVerify } from './verify.js';

/** Every command, in the order `parley --help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerRun,
  registerValidate,
  registerReplay,
  registerVerify,
  registerDiagram,
  registerStep,
  registerReport,
  registerSweep,
  registerCompare,
  registerMerge,
  registerFork,
];

const EXIT_CODES_HELP = `
Exit codes:
  0   success
  1   a check failed (verification, invariant, expectation)
  2   bad input or usage
  70  internal error (a bug in Parley; set PARLEY_DEBUG=1 for the stack trace)
  130 interrupted by Ctrl-C (sweep, compare: the work finished so far is kept)`;

/**
 * Runs the CLI with `argv` (without `node` and the script: `process.argv.slice(2)`).
 * @returns the exit code; never throws and never calls `process.exit`.
 * @example const code = await main(['verify', 'run.jsonl'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  return runCli(argv, io, COMMANDS);
}

/**
 * Runs a program made of `commands`: what {@link main} does with Parley's own commands.
 * Exposed so the frame can be tested with commands that fail on purpose.
 */
export async function runCli(argv: readonly string[], io: Io, commands: readonly RegisterCommand[]): Promise<number> {
  let exitCode: ExitCode = EXIT.ok;
  const ctx: CommandContext = {
    io,
    setExit: (code) => {
      exitCode = code;
    },
    resolve: (path) => resolvePath(io, path),
  };
  const program = new Command()
    .name('parley')
    .description('Simulate, replay and verify supervised communication mechanisms between parties in conflict.')
    .version(PARLEY_VERSION, '-V, --version', 'print the version')
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of commands) register(program, ctx);
  configureAll(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return fail(error, io);
  }
}

/**
 * Output, exit and help settings for the program and every subcommand. Applied after
 * registration, so command files may create subcommands any way they like.
 */
function configureAll(command: Command, io: Io, path: readonly string[] = []): void {
  const names = [...path, command.name()];
  command
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's own error text is multi-line; `fail` prints one line instead.
      outputError: () => undefined,
      getOutHelpWidth: () => io.columns ?? 80,
      getErrHelpWidth: () => io.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride((err) => {
      throw new UsageProblem(err, names.join(' '));
    });
  for (const sub of command.commands) configureAll(sub, io, names);
}

/** A commander parse error, with the command whose help to point at. */
class UsageProblem extends Error {
  constructor(
    readonly commander: CommanderError,
    readonly commandPath: string,
  ) {
    super(commander.message);
  }
}

function fail(error: unknown, io: Io): number {
  if (error instanceof UsageProblem) {
    const { commander, commandPath } = error;
    // --help, --version and `parley help` end parsing through the same path, successfully.
    if (commander.exitCode === 0) return EXIT.ok;
    // Help already printed to stderr (e.g. `parley` with no command).
    if (commander.code === 'commander.help') return EXIT.usage;
    const what = oneLine(commander.message.replace(/^error: /, ''));
    io.stderr(`parley: ${what} (see '${commandPath} --help')\n`);
    return EXIT.usage;
  }
  const failure = describeFailure(error);
  const debug = (io.env ?? process.env).PARLEY_DEBUG === '1';
  const lines = [...failure.lines];
  if (failure.internal && !debug) lines.push(`${lines.pop() ?? ''} (set PARLEY_DEBUG=1 for the stack trace)`);
  for (const line of lines) io.stderr(`parley: ${line}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return failure.exitCode;
}
