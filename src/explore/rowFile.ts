/**
 * A sweep's row file on disk: created atomically, then appended whole lines at a time, and
 * read back (for `--resume` and `parley merge`) line by line with byte offsets.
 *
 * Why this is never torn: the file first appears by renaming a complete temp file (identity
 * and header lines) over the path, so a failed start leaves the user's old file alone. After
 * that every append is one synchronous write of complete lines from the main thread, so
 * between two turns of the event loop (where a Ctrl-C is handled) the file always ends with
 * a newline; a write that fails half-way (disk full) is cut back to the last whole line
 * before the error is reported. Only a process killed outright (SIGKILL, power loss) in the
 * middle of a write can leave a partial last line, and reading the file back stops before
 * it: `--resume` cuts it off and redoes that run.
 */
import { closeSync, createReadStream, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { commitTemp, openTemp, removeQuietly } from '../log/atomic.js';
import { ioError } from '../log/errors.js';

/** An open row file, appended to at its end. */
export class RowFile {
  private constructor(
    readonly path: string,
    private fd: number,
    private size: number,
  ) {}

  /**
   * Writes `head` (identity and header lines) to a temp file and renames it over `path`.
   * @throws {LogIoError} when the file cannot be created or written.
   */
  static async create(path: string, head: string): Promise<RowFile> {
    const { tempPath, fd } = openTemp(path);
    const file = new RowFile(path, fd, 0);
    try {
      file.append(head);
      fsyncSync(fd);
      await commitTemp(tempPath, path);
    } catch (e) {
      closeSync(fd);
      await removeQuietly(tempPath);
      throw e;
    }
    return file;
  }

  /** Appends to a file already open for writing (a temp file), from its start. */
  static adopt(path: string, fd: number): RowFile {
    return new RowFile(path, fd, 0);
  }

  /**
   * Opens an existing row file to continue it after its first `keep` bytes (the whole lines
   * a scan found; a partial last line beyond them is cut off).
   */
  static resume(path: string, keep: number): RowFile {
    let fd: number;
    try {
      fd = openSync(path, 'r+');
      ftruncateSync(fd, keep);
    } catch (e) {
      throw ioError(path, 'cannot open for appending', e);
    }
    return new RowFile(path, fd, keep);
  }

  /**
   * Appends complete lines in one write; on failure the file is cut back to what it held.
   * @throws {LogIoError} naming the file.
   */
  append(text: string | Uint8Array): void {
    if (text.length === 0) return;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    } catch (e) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // The write error is the one to report.
      }
      throw ioError(this.path, 'cannot write', e);
    }
    this.size += bytes.length;
  }

  /** Flushes to disk and closes. */
  close(): void {
    if (this.fd < 0) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}

/**
 * A file's first line (without its newline), read alone: `undefined` when the first MiB
 * holds no newline.
 * @throws {LogIoError} when the file cannot be read.
 */
export function readFirstLine(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw ioError(path, 'cannot read', e);
  }
  try {
    const buffer = Buffer.alloc(1 << 20);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, n).indexOf(10);
    return end < 0 ? undefined : buffer.subarray(0, end).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Carries an error thrown by a scan's callback past the stream's own error handling. */
class Stop {
  constructor(readonly reason: unknown) {}
}

/** What a scan of a row file found. */
export interface ScanResult {
  /** Bytes of whole lines (the file is cut here to resume). */
  readonly complete: number;
  /** Whole lines read. */
  readonly lines: number;
  /** Bytes after the last newline: a line cut short by a crash. */
  readonly partial: number;
}

/**
 * Reads `path` line by line, passing each whole line (without its newline) and its 1-based
 * number to `onLine`, which may throw to stop the scan. A trailing partial line is not
 * passed on, only counted.
 * @throws {LogIoError} when the file cannot be read.
 */
export async function scanLines(path: string, onLine: (line: string, number: number) => void): Promise<ScanResult> {
  let complete = 0;
  let lines = 0;
  let carry: Buffer[] = [];
  let carried = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, nl);
        const line = carried > 0 ? Buffer.concat([...carry, piece]) : piece;
        complete += line.length + 1;
        lines += 1;
        carry = [];
        carried = 0;
        try {
          onLine(line.toString('utf8'), lines);
        } catch (e) {
          throw new Stop(e);
        }
        start = nl + 1;
      }
      if (start < chunk.length) {
        carry.push(chunk.subarray(start));
        carried += chunk.length - start;
      }
    }
  } catch (e) {
    if (e instanceof Stop) throw e.reason;
    throw ioError(path, 'cannot read', e);
  }
  return { complete, lines, partial: carried };
}
