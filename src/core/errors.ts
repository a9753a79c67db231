/**
 * Parley's errors: one short set, each with an `area` and a stable `code`, so callers branch
 * on what went wrong without parsing messages and the CLI maps every error to an exit code in
 * one place (src/cli/errors.ts `describeFailure`).
 *
 * | area       | class                         | what went wrong                                   | CLI exit |
 * |------------|-------------------------------|---------------------------------------------------|----------|
 * | `domain`   | {@link DomainError} (a value) | the rules of the mechanism refuse a command: returned by `decide`, never thrown | — |
 * | `scenario` | `ScenarioError` (scenario/)   | a scenario file does not load or validate           | 2 |
 * | `log`      | `LogError` family (log/), {@link ReplayError}, `CanonicalJsonError` | a log cannot be read, written or trusted | 1 for a log that fails a check, 2 for unreadable input, 70 for a fact Parley itself made wrong |
 * | `usage`    | {@link UsageError}            | a bad argument, option or input file: from the CLI or a library call | 2 |
 * | `check`    | `CheckFailedError` (cli/)     | a check ran and its verdict is no                   | 1 |
 *
 * A bare `Error` is thrown only for "cannot happen" assertions (a bug in Parley: exit 70).
 * Messages are one line and start with their place (`[dispute] …`, `path:line: …`).
 */

/** Which part of Parley an error belongs to (see the table above). */
export type ErrorArea = 'domain' | 'scenario' | 'log' | 'usage' | 'check';

/** Base of every error Parley throws on purpose. */
export abstract class ParleyError extends Error {
  abstract readonly area: ErrorArea;
  abstract readonly code: string;
}

/**
 * A command that the rules of the mechanism refuse. `decide` *returns* it, never throws it: a
 * simulation is refused hundreds of times per run (a deadline already met, a meeting already
 * requested), and an `Error`'s stack trace costs more than the decision (measured: Paris runs
 * took twice as long when it was an `Error`). So it is a plain value with the same `area`,
 * `code` and `message` as every other Parley error; code that cannot go on after a refusal
 * throws an error of its own area carrying this one's message (e.g. a `FactError` when an
 * append is refused, a `UsageError` for a plan that cannot start a log).
 */
export class DomainError {
  readonly name = 'DomainError';
  readonly area = 'domain';
  constructor(
    readonly code: DomainErrorCode,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.name} ${this.code}: ${this.message}`;
  }
}

/** Stable codes of {@link DomainError}. */
export type DomainErrorCode =
  | 'NOT_STARTED'
  | 'ALREADY_STARTED'
  | 'TIME_BACKWARDS'
  | 'UNKNOWN_ACTOR'
  | 'NOT_ALLOWED'
  | 'NO_MECHANISM'
  | 'CELL_NOT_ACTIVE'
  | 'INVALID_TRANSITION'
  | 'UNKNOWN_MESSAGE'
  | 'MESSAGE_NOT_DELIVERED'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_INCIDENT'
  | 'UNKNOWN_DISPUTE'
  | 'NOT_IN_MEDIATION'
  | 'DEADLINE_NOT_REACHED'
  | 'NO_GAME'
  | 'INVALID_DATA'
  | 'NOT_RECORDED'
  | 'ENDED';

/**
 * A recorded event that cannot be folded: the log claims something the machines forbid
 * (an acknowledgement of an unknown message, a second settlement …). Replay stops there
 * rather than guess.
 */
export class ReplayError extends ParleyError {
  override readonly name = 'ReplayError';
  readonly area = 'log';
  readonly code = 'REPLAY_REJECTED';
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(`seq ${seq}: ${message}`);
  }
}

/**
 * Bad input from whoever called: a command-line argument or option, a value passed to a
 * library function (a policy for a party that does not exist, a seq outside a history), a
 * file that is not what the command needs. `code` says which (`USAGE` by default).
 * @example throw new UsageError('--until-seq: expected a whole number of events, got "x"');
 */
export class UsageError extends ParleyError {
  override readonly name: string = 'UsageError';
  readonly area = 'usage';
  constructor(
    message: string,
    readonly code: string = 'USAGE',
  ) {
    super(message);
  }
}
