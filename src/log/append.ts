/**
 * Appending to an existing log with optimistic concurrency (as in Emmett's
 * `appendToStream(…, { expectedStreamVersion })`): the caller says which seq it believes the
 * log ends at, and a stale caller gets a {@link ConflictError} instead of interleaving its
 * events with someone else's. An exclusive lock file serialises appenders. The append itself
 * is the log writer continuing the log: the existing lines are checked and copied into a temp
 * file, the new facts sealed after them, and the copy renamed over the log, so a crash never
 * leaves half a line and a log whose content does not verify is never extended.
 *
 * It refuses what `verify --deep` would refuse, in the same words: the existing lines are
 * audited against the mechanism's rules as they are copied, and each new fact must be the
 * one `decide` gives at its point (core/audit.ts, the writer's `rules` option).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Fact } from '../core/catalogue.js';
import { removeQuietly } from './atomic.js';
import type { LogPosition } from './chain.js';
import { ConflictError, ioError, LockError } from './errors.js';
import { createLogFile } from './writer.js';

/** Options of {@link appendToLog}. */
export interface AppendOptions {
  /** The seq the caller last saw at the end of the log (0 for an empty file). */
  readonly expectedSeq: number;
}

/**
 * Appends facts to the log at `path`, all or nothing.
 * @returns the log's new end position (unchanged when `facts` is empty).
 * @throws {LockError} when another appender holds `path + '.lock'`.
 * @throws {ConflictError} when the log does not end at `expectedSeq`; nothing is written.
 * @throws {LogFormatError} when the log does not verify, deep (a torn, invalid or edited
 *   line; kind `rule` for a fact the rules refuse).
 * @throws {FactError} when a fact would break the log or the rules refuse it (`rule` set,
 *   the message as `verify --deep` words it); nothing is written.
 * @throws {LogIoError} when the log or its directory cannot be read or written.
 * @example const end = await appendToLog('run.jsonl', facts, { expectedSeq: 41 });
 */
export async function appendToLog(path: string, facts: readonly Fact[], options: AppendOptions): Promise<LogPosition> {
  const lockPath = `${path}.lock`;
  await acquireLock(path, lockPath);
  try {
    const log = await createLogFile(path, { continueFrom: { file: path }, rules: true });
    try {
      const end = log.position;
      if (end.seq !== options.expectedSeq) throw new ConflictError(path, options.expectedSeq, end.seq);
      if (facts.length === 0) {
        await log.abort();
        return end;
      }
      log.appendAll(facts);
      const { seq, hash, at } = await log.commit();
      return { seq, hash, at };
    } catch (e) {
      await log.abort();
      throw e;
    }
  } finally {
    await removeQuietly(lockPath);
  }
}

async function acquireLock(path: string, lockPath: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') throw new LockError(path, lockPath);
    throw ioError(lockPath, 'cannot create lock', e);
  }
  try {
    // The holder's pid helps whoever finds a stale lock after a crash.
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await removeQuietly(lockPath);
    throw ioError(lockPath, 'cannot create lock', e);
  }
}
