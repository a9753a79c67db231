/**
 * Appending to an existing log with optimistic concurrency (as in Emmett's
 * `appendToStream(…, { expectedStreamVersion })`): the caller says which seq it believes the
 * log ends at, and a stale caller gets a {@link ConflictError} instead of interleaving its
 * events with someone else's. An exclusive lock file serialises appenders; the new content is
 * written to a copy that replaces the log atomically, so a crash never leaves half a line.
 */
import { copyFile, open, type FileHandle } from 'node:fs/promises';
import type { Fact } from '../core/catalogue.js';
import { commitTemp, removeQuietly, tempPathFor } from './atomic.js';
import { ConflictError, ioError, LockError } from './errors.js';
import { Sequencer, type LogPosition } from './sequencer.js';
import { readTail } from './tail.js';

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
 * @throws {LogFormatError} when the log's last line is torn, invalid or does not chain.
 * @throws {FactError} when a fact would break the log; nothing is written.
 * @throws {LogIoError} when the log or its directory cannot be read or written.
 * @example const end = await appendToLog('run.jsonl', facts, { expectedSeq: 41 });
 */
export async function appendToLog(path: string, facts: readonly Fact[], options: AppendOptions): Promise<LogPosition> {
  const lockPath = `${path}.lock`;
  await acquireLock(path, lockPath);
  try {
    const tail = await readTail(path);
    if (tail.seq !== options.expectedSeq) throw new ConflictError(path, options.expectedSeq, tail.seq);
    const sequencer = new Sequencer(tail);
    const lines = sequencer.sealAll(facts);
    if (lines.length === 0) return tail;
    await writeExtendedCopy(path, lines.join(''));
    return sequencer.position;
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

/** Copies the log to a temp file, appends `text`, fsyncs, and renames the copy over the log. */
async function writeExtendedCopy(path: string, text: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await copyFile(path, temp);
    const handle = await open(temp, 'a');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await removeQuietly(temp);
    throw ioError(path, 'cannot append', e);
  }
  await commitTemp(temp, path);
}
