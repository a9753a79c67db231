/**
 * How the CLI fails: the one place every error becomes an exit code and lines of text. Exit
 * codes: 0 success, 1 a check failed (verification, invariant, expectation), 2 bad input or
 * usage, 70 an internal error (a bug in Parley: sysexits' EX_SOFTWARE, so that scripts never
 * mistake a crash for a verdict about their input), 130 stopped by Ctrl-C. Every failure
 * prints one line per problem, `parley: <where>: <what>`, never a stack trace unless
 * PARLEY_DEBUG=1. The error classes themselves and their areas: src/core/errors.ts.
 */
import { ParleyError, UsageError, type ErrorArea } from '../core/errors.js';
import { LogFormatError, type LogProblemKind } from '../log/errors.js';

export { UsageError };

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
 * An input is wrong: a scenario file (area `scenario`), or a log, an events file, an option
 * naming a file (area `usage`). Printed one problem per line as `parley: <file>:<line>:<col>: <what>`.
 * @example throw new InputError({ file: 'paris.yaml', line: 12, col: 5, what: 'horizon: expected a duration such as P180D' }, 'scenario');
 */
export class InputError extends ParleyError {
  override readonly name = 'InputError';
  readonly code: string;
  readonly problems: readonly InputProblem[];
  constructor(
    problems: InputProblem | readonly InputProblem[],
    readonly area: Extract<ErrorArea, 'scenario' | 'usage'> = 'usage',
  ) {
    const list = Array.isArray(problems) ? (problems as readonly InputProblem[]) : [problems as InputProblem];
    super(list.map(formatProblem).join('\n'));
    this.problems = list;
    this.code = area === 'scenario' ? 'SCENARIO_INVALID' : 'INPUT_INVALID';
  }
}

/**
 * A check ran and failed: the input was fine, the verdict is no. For commands that report
 * the failure by throwing rather than printing it themselves.
 */
export class CheckFailedError extends ParleyError {
  override readonly name = 'CheckFailedError';
  readonly area = 'check';
  readonly code = 'CHECK_FAILED';
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

/**
 * The exit code of a log problem: unreadable or non-log input is bad input (2); a readable
 * log that breaks a rule fails the check (1).
 */
export function exitCodeFor(kind: LogProblemKind): ExitCode {
  switch (kind) {
    case 'io':
    case 'empty':
    case 'encoding':
    case 'too-long':
      return EXIT.usage;
    case 'json':
    case 'schema':
    case 'seq-gap':
    case 'seq-duplicate':
    case 'time-backwards':
    case 'hash-mismatch':
    case 'torn-line':
    case 'first-event':
    case 'rule':
      return EXIT.checkFailed;
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** What a Parley error means for the exit code: by area, and within `log` by code. */
function exitCodeOf(error: ParleyError): ExitCode | 'internal' {
  switch (error.area) {
    case 'usage':
    case 'scenario':
      return EXIT.usage;
    case 'check':
      return EXIT.checkFailed;
    case 'log':
      if (error instanceof LogFormatError) return exitCodeFor(error.kind);
      // A readable log whose content the rules refuse fails the check.
      if (error.code === 'REPLAY_REJECTED') return EXIT.checkFailed;
      if (error.code === 'LOG_IO' || error.code === 'LOG_CONFLICT' || error.code === 'LOG_LOCKED') return EXIT.usage;
      // A fact Parley itself made that the log refuses (LOG_FACT, LOG_CLOSED, CANONICAL_JSON).
      return 'internal';
    case 'domain':
      // A machine definition Parley cannot compile: a bug in Parley.
      return 'internal';
    default: {
      const _exhaustive: never = error.area;
      return _exhaustive;
    }
  }
}

/** Classifies any thrown value. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof ParleyError) {
    const code = exitCodeOf(error);
    if (code !== 'internal') {
      const lines = error instanceof InputError ? error.problems.map(formatProblem) : error.message.split('\n');
      return { exitCode: code, lines: lines.map(oneLine), internal: false };
    }
    return { exitCode: EXIT.internal, lines: [`internal error: ${oneLine(error.message)}`], internal: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.internal, lines: [`internal error: ${oneLine(message)}`], internal: true };
}
