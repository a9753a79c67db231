/**
 * How a fork fails (`parley fork`, explore/fork.ts): every problem located where known, in
 * the form the scenario loader uses, and whether it is the user's input or the log.
 */
import { ParleyError } from '../core/errors.js';
import type { LocatedIssue } from '../scenario/load.js';

/**
 * Why a fork cannot be made: one problem per line, located where known. `input`: what the
 * user gave is wrong, a log that fails verification included (exit 2); `log`: the log records
 * something this version cannot rebuild a run from, or is not what this version simulates
 * from it (exit 1).
 */
export class ForkError extends ParleyError {
  override readonly name = 'ForkError';
  /** `usage` for the user's input (exit 2), `check` for a log a fork cannot start from (exit 1). */
  readonly area: 'usage' | 'check';
  readonly code: 'FORK_INPUT' | 'FORK_LOG';
  constructor(
    readonly kind: 'input' | 'log',
    readonly problems: readonly LocatedIssue[],
  ) {
    super(problems.map((p) => `${p.file}${p.line > 0 ? `:${p.line}${p.col > 0 ? `:${p.col}` : ''}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    this.area = kind === 'input' ? 'usage' : 'check';
    this.code = kind === 'input' ? 'FORK_INPUT' : 'FORK_LOG';
  }
}

/**
 * Throws a ForkError with one problem about `file` as a whole.
 * @throws {ForkError} always.
 */
export function forkFailure(kind: 'input' | 'log', file: string, message: string, line = 0): never {
  throw new ForkError(kind, [{ file, line, col: 0, path: '', message }]);
}
