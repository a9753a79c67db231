/**
 * Writing a whole new log, as a simulation produces it. Lines are sealed (seq + hash) and
 * buffered into large chunks written straight to a temp file next to the target; `commit`
 * fsyncs and renames it into place, so the target is either the previous file or the complete
 * new log, never a prefix. A crash leaves only a stray `.<name>.<pid>.tmp`.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { Fact } from '../core/catalogue.js';
import { commitTemp, removeQuietly, tempPathFor } from './atomic.js';
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
  const tempPath = tempPathFor(path);
  let fd: number;
  try {
    // 'w' rather than 'wx': in containers the pid is often the same on every run, so a temp
    // file left by an earlier crash must not block this one.
    fd = openSync(tempPath, 'w');
  } catch (e) {
    throw ioError(path, 'cannot create', e);
  }
  return new LogFile(path, tempPath, fd, options.chunkBytes ?? 256 * 1024);
}

/**
 * Lines are encoded straight into one reused buffer: on Node 20 this is several times cheaper
 * than concatenating strings and encoding the result, mostly because a single non-ASCII
 * character turns a whole concatenated chunk into a two-byte string.
 */
class LogFile implements LogFileWriter {
  private readonly sequencer = new Sequencer();
  private readonly buffer: Buffer;
  private used = 0;
  private bytes = 0;
  private closed = false;

  constructor(
    readonly path: string,
    readonly tempPath: string,
    private fd: number,
    chunkBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  get position(): LogPosition {
    return this.sequencer.position;
  }

  append(facts: readonly Fact[]): number {
    if (this.closed) throw new WriterClosedError(this.path);
    for (const line of this.sequencer.sealAll(facts)) {
      // A UTF-16 code unit encodes to at most 3 bytes: flush when the line might not fit.
      if (this.used + line.length * 3 > this.buffer.length) {
        this.flush();
        if (line.length * 3 > this.buffer.length) {
          this.writeAll(Buffer.from(line, 'utf8'));
          continue;
        }
      }
      this.used += this.buffer.write(line, this.used, 'utf8');
    }
    return this.sequencer.position.seq;
  }

  async commit(): Promise<LogSummary> {
    if (this.closed) throw new WriterClosedError(this.path);
    const position = this.sequencer.position;
    if (position.seq === 0) throw new FactError(1, 'nothing to commit: a log starts with its LogStarted event');
    this.flush();
    try {
      fsyncSync(this.fd);
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
    this.close();
    await commitTemp(this.tempPath, this.path);
    return { ...position, path: this.path, bytes: this.bytes };
  }

  async abort(): Promise<void> {
    if (this.fd === -1) return;
    this.close();
    await removeQuietly(this.tempPath);
  }

  private flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeAll(this.buffer.subarray(0, used));
  }

  private writeAll(chunk: Uint8Array): void {
    try {
      for (let offset = 0; offset < chunk.length; ) offset += writeSync(this.fd, chunk, offset);
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
    this.bytes += chunk.length;
  }

  private close(): void {
    this.closed = true;
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    closeSync(fd);
  }
}
