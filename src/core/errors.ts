/**
 * Typed errors of the core. Each carries a stable `code`; messages start with their area
 * (`[dispute] …`) so that a one-line CLI error says where the rule lives.
 */

/**
 * A command that the rules of the mechanism refuse. Returned by `decide`, never thrown, so
 * it is a plain value rather than an `Error`: a simulation is refused thousands of times
 * (a deadline that has already been met, a meeting already requested) and capturing a stack
 * trace for each would dominate the run.
 */
export class DomainError {
  readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.name} ${this.code}: ${this.message}`;
  }
}

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
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  readonly code = 'REPLAY_REJECTED';
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(`seq ${seq}: ${message}`);
  }
}
