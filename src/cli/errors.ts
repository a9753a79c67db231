/**
 * How the CLI fails. Exit codes: 0 success, 1 a check failed (verification, invariant,
 * expectation), 2 bad input or usage, 70 an internal error (a bug in Parley: sysexits'
 * EX_SOFTWARE, so that scripts never mistake a crash for a verdict about their input).
 * Every failure prints one line per problem, `parley: <where>: <what>`, never a stack trace
 * unless PARLEY_DEBUG=1.
 */
import { LogError } from '../log/errors.js';

/** The exit codes `main` returns. */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  internal: 70,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); finished work was kept. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Base of the errors a command throws on purpose. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
  /** The lines to print after `parley: `. */
  abstract lines(): string[];
}

/** The command line itself is wrong: a bad option value, contradictory flags. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  readonly exitCode = EXIT.usage;
  lines(): string[] {
    return [this.message];
  }
}

/** One problem in an input file, located as precisely as known. */
export interface InputProblem {
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line and column, when known. */
  readonly line?: number;
  readonly col?: number;
  /** What is wrong and what was expected. */
  readonly what: string;
}

/**
 * An input file is wrong (a scenario, a log, an events file). Printed one problem per line as
 * `parley: <file>:<line>:<col>: <what>`.
 * @example throw new InputError({ file: 'paris.yaml', line: 12, col: 5, what: 'horizon: expected a duration such as P180D' });
 */
export class InputError extends CliError {
  override readonly name = 'InputError';
  readonly exitCode = EXIT.usage;
  readonly problems: readonly InputProblem[];
  constructor(problems: InputProblem | readonly InputProblem[]) {
    const list = Array.isArray(problems) ? (problems as readonly InputProblem[]) : [problems as InputProblem];
    super(list.map(formatProblem).join('\n'));
    this.problems = list;
  }
  lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

/**
 * A check ran and failed: the input was fine, the verdict is no. For commands that report
 * the failure by throwing rather than printing it themselves.
 */
export class CheckFailedError extends CliError {
  override readonly name = 'CheckFailedError';
  readonly exitCode = EXIT.checkFailed;
  lines(): string[] {
    return [this.message];
  }
}

/** `file:line:col: what`, leaving out the parts that are not known. */
export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line, p.line === undefined ? undefined : p.col].filter((x) => x !== undefined).join(':');
  return `${where}: ${oneLine(p.what)}`;
}

/** Collapses a message onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** What `main` prints and returns for an error thrown by a command. */
export interface Failure {
  readonly exitCode: ExitCode;
  readonly lines: string[];
  /** True for a bug in Parley: print the stack when debugging. */
  readonly internal: boolean;
}

/** Classifies any thrown value. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, lines: error.lines().map(oneLine), internal: false };
  }
  if (error instanceof LogError) {
    switch (error.code) {
      case 'LOG_IO':
      case 'LOG_FORMAT':
      case 'LOG_CONFLICT':
      case 'LOG_LOCKED':
        return { exitCode: EXIT.usage, lines: [oneLine(error.message)], internal: false };
      case 'LOG_FACT':
      case 'LOG_CLOSED':
        // The simulator produced a fact the log refuses: a bug, not the user's input.
        return { exitCode: EXIT.internal, lines: [`internal error: ${oneLine(error.message)}`], internal: true };
      default: {
        const _exhaustive: never = error.code;
        return _exhaustive;
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.internal, lines: [`internal error: ${oneLine(message)}`], internal: true };
}
