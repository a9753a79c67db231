/**
 * Writing a whole new log, as a simulation produces it. Lines are sealed (seq + hash) and
 * buffered into large chunks written straight to a temp file next to the target; `commit`
 * fsyncs and renames it into place, so the target is either the previous file or the complete
 * new log, never a prefix. A crash leaves only a stray `.<name>.<pid>.tmp`.
 */
import { closeSync } from 'node:fs';
import type { Fact } from '../core/catalogue.js';
import { commitTemp, openTemp, removeQuietly } from './atomic.js';
import { ChunkedFile, DEFAULT_CHUNK_BYTES } from './chunkedFile.js';
import { FactError, ioError, WriterClosedError } from './errors.js';
import { Sequencer, type LogPosition } from './sequencer.js';

/** Options of {@link createLogFile}. */
export interface CreateLogOptions {
  /** Bytes buffered before a write to the temp file. Default 256 KiB. */
  readonly chunkBytes?: number;
}

/** What a committed log holds. */
export interface LogSummary extends LogPosition {
  readonly path: string;
  readonly bytes: number;
}

/** A new log being written; nothing is visible at `path` until {@link LogFileWriter.commit}. */
export interface LogFileWriter {
  readonly path: string;
  readonly tempPath: string;
  /** Seq, hash and time of the last appended event. */
  readonly position: LogPosition;
  /**
   * Sequences and buffers facts, all or nothing.
   * @returns the seq of the last appended event.
   * @throws {FactError} when a fact would break the log (the batch is then not appended).
   * @throws {LogIoError} when the temp file cannot be written (then call `abort`).
   */
  append(facts: readonly Fact[]): number;
  /**
   * Flushes, fsyncs and renames the temp file over `path` (replacing any existing file).
   * @throws {FactError} when no event was appended: a log starts with LogStarted.
   */
  commit(): Promise<LogSummary>;
  /** Deletes the temp file; `path` is untouched. Safe to call twice or after a failure. */
  abort(): Promise<void>;
}

/**
 * Starts a new log at `path`.
 * @throws {LogIoError} when the temp file cannot be created (missing directory, permission).
 * @example
 * const log = await createLogFile('run.jsonl');
 * try { log.append(facts); await log.commit(); } catch (e) { await log.abort(); throw e; }
 */
export async function createLogFile(path: string, options: CreateLogOptions = {}): Promise<LogFileWriter> {
  const { tempPath, fd } = openTemp(path);
  return new LogFile(path, tempPath, fd, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
}

/** Lines are sealed by a {@link Sequencer} and buffered by a {@link ChunkedFile}. */
class LogFile implements LogFileWriter {
  private readonly sequencer = new Sequencer();
  private readonly file: ChunkedFile;
  private closed = false;

  constructor(
    readonly path: string,
    readonly tempPath: string,
    private fd: number,
    chunkBytes: number,
  ) {
    this.file = new ChunkedFile(fd, chunkBytes);
  }

  get position(): LogPosition {
    return this.sequencer.position;
  }

  append(facts: readonly Fact[]): number {
    if (this.closed) throw new WriterClosedError(this.path);
    const lines = this.sequencer.sealAll(facts);
    try {
      for (let i = 0; i < lines.length; i++) this.file.write(lines[i] as string);
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
    return this.sequencer.position.seq;
  }

  async commit(): Promise<LogSummary> {
    if (this.closed) throw new WriterClosedError(this.path);
    const position = this.sequencer.position;
    if (position.seq === 0) throw new FactError(1, 'nothing to commit: a log starts with its LogStarted event');
    try {
      this.file.sync();
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
    this.close();
    await commitTemp(this.tempPath, this.path);
    return { ...position, path: this.path, bytes: this.file.bytes };
  }

  async abort(): Promise<void> {
    if (this.fd === -1) return;
    this.close();
    await removeQuietly(this.tempPath);
  }

  private close(): void {
    this.closed = true;
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    closeSync(fd);
  }
}
