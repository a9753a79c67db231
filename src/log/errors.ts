/**
 * Typed errors of the log store. Every error carries a stable `code` so callers (the CLI,
 * the simulator) can branch on what went wrong without parsing messages, and the message is
 * already one line naming the file (and line) concerned.
 */
import { ParleyError } from '../core/errors.js';

/** Stable codes of {@link LogError}s. */
export type LogErrorCode =
  | 'LOG_CONFLICT'
  | 'LOG_LOCKED'
  | 'LOG_IO'
  | 'LOG_FORMAT'
  | 'LOG_FACT'
  | 'LOG_CLOSED';

/** Base class of every error thrown by `src/log` (area `log`: see src/core/errors.ts). */
export class LogError extends ParleyError {
  override readonly name: string = 'LogError';
  readonly area = 'log';
  constructor(
    readonly code: LogErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A writer appended against a stale view of the log (optimistic concurrency). */
export class ConflictError extends LogError {
  override readonly name = 'ConflictError';
  constructor(
    readonly path: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super('LOG_CONFLICT', `${path}: expected seq ${expectedSeq}, log is at ${actualSeq}`);
  }
}

/** Another writer holds the log's lock file. */
export class LockError extends LogError {
  override readonly name = 'LockError';
  constructor(
    readonly path: string,
    readonly lockPath: string,
  ) {
    super(
      'LOG_LOCKED',
      `${path}: locked by another writer (${lockPath} exists; remove it only if no parley process is writing)`,
    );
  }
}

/** The file system refused: missing file, a directory, no permission, disk full… */
export class LogIoError extends LogError {
  override readonly name = 'LogIoError';
  constructor(
    readonly path: string,
    /** What we were doing, e.g. `cannot read`. */
    what: string,
    /** The system error code (`ENOENT`, `EACCES`, …) when there is one. */
    readonly errno?: string,
    options?: { cause?: unknown },
  ) {
    const detail = `${what}${errno ? ` (${errno})` : ''}`;
    super('LOG_IO', `${path}: ${detail}`, options);
    this.detail = detail;
  }

  /** The problem without the path prefix. */
  readonly detail: string;
}

/**
 * Why a log's content is unacceptable. Shared by the reader (which throws on the first
 * problem) and the verifier (which reports it).
 */
export type LogProblemKind =
  | 'empty'
  | 'io'
  | 'encoding'
  | 'too-long'
  | 'json'
  | 'schema'
  | 'seq-gap'
  | 'seq-duplicate'
  | 'time-backwards'
  | 'hash-mismatch'
  | 'torn-line'
  | 'first-event'
  /** A fact the mechanism's rules do not allow at its point in the log (`verify --deep`: core/audit.ts). */
  | 'rule';

/** A log line that cannot be accepted, with the 1-based line number and the kind of problem. */
export class LogFormatError extends LogError {
  override readonly name = 'LogFormatError';
  constructor(
    readonly path: string,
    readonly line: number,
    readonly kind: LogProblemKind,
    /** The problem without the location prefix. */
    readonly detail: string,
    /** The offending field (`data.messageId`) for schema problems. */
    readonly field?: string,
    /** The seq the line claims, when it could be read. */
    readonly seq?: number,
    /** For kind `rule`: the rule the fact breaks (`NOT_ALLOWED`, `DIFFERS_FROM_RULES`, …). */
    readonly rule?: string,
  ) {
    super('LOG_FORMAT', `${path}:${line}: ${kind}: ${rule === undefined ? '' : `${rule}: `}${detail}`);
  }
}

/** A fact the writer refuses to record because the log would no longer verify. */
export class FactError extends LogError {
  override readonly name = 'FactError';
  constructor(
    readonly seq: number,
    what: string,
    readonly field?: string,
    /** The mechanism's rule the fact breaks (`NOT_ALLOWED`, …), when it is one (see core/audit.ts). */
    readonly rule?: string,
  ) {
    super('LOG_FACT', `event ${seq}: ${what}`);
  }
}

/** The writer was used after `commit()` or `abort()`. */
export class WriterClosedError extends LogError {
  override readonly name = 'WriterClosedError';
  constructor(readonly path: string) {
    super('LOG_CLOSED', `${path}: the log writer is already committed or aborted`);
  }
}

/**
 * Turns a Node system error into a {@link LogIoError}; returns anything else (a bug, or an
 * error that is already typed) untouched, for the caller to throw.
 * @example throw ioError(path, 'cannot read', err)
 */
export function ioError(path: string, what: string, err: unknown): unknown {
  if (err instanceof LogError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  return new LogIoError(path, `${what}: ${describeErrno(code)}`, code, { cause: err });
}

function describeErrno(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return 'system error';
  }
}
