/**
 * Streaming line reader for logs. Constant memory whatever the file size: the file is read in
 * large chunks, split on "\n" by hand (much faster than `readline`), each run of whole lines
 * is checked to be UTF-8 in one pass, and lines are decoded one by one. A line longer than
 * the limit fails as soon as the limit is passed, so a 100 MB line costs two chunk reads,
 * not 100 MB of memory.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { ioError, LogFormatError, LogIoError } from './errors.js';
import { flatten } from './flatten.js';

/** The longest line accepted by default: 1 MiB (a Parley event is a few hundred bytes). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Options of {@link readLines} and {@link readLineBatches}. */
export interface ReadLinesOptions {
  /** Longest accepted line in bytes, without its newline. Default {@link DEFAULT_MAX_LINE_BYTES}. */
  readonly maxLineBytes?: number;
  /** Bytes read per system call. Default 1 MiB. */
  readonly chunkBytes?: number;
  /** Called after each chunk is read, with the bytes read so far (for a progress bar). */
  readonly onBytes?: (bytesRead: number) => void;
}

/** One line of a file: its 1-based number and its text without the newline. */
export interface Line {
  readonly line: number;
  readonly text: string;
}

/** Consecutive whole lines: `texts[i]` is line `first + i`. */
export interface LineBatch {
  readonly first: number;
  readonly texts: readonly string[];
}

const NEWLINE = 0x0a;

/** `1 MiB`, `64 KiB` or `100 bytes`, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * Reads a file as batches of whole lines (one batch per chunk): the fast path under
 * {@link readLines} and the event readers.
 * @throws {LogIoError} when the file is missing, a directory, unreadable.
 * @throws {LogFormatError} `encoding` (invalid UTF-8 or NUL bytes), `too-long`, or
 *   `torn-line` (the last line has no final newline) — after yielding every line before it.
 */
export async function* readLineBatches(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const { handle } = await openForReading(path);
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let next = 1;
    let total = 0;
    for (;;) {
      const bytesRead = await readChunk(handle, buffer, path);
      if (bytesRead === 0) break;
      total += bytesRead;
      options.onBytes?.(total);
      const chunk = buffer.subarray(0, bytesRead);
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline === -1) {
        carry.push(Buffer.from(chunk));
        carryBytes += bytesRead;
        if (carryBytes > maxLine) throw tooLong(path, next, maxLine);
        continue;
      }
      let whole = chunk.subarray(0, lastNewline + 1);
      if (carryBytes > 0) {
        // Only the line that straddles the chunks is copied, not the whole chunk.
        const straddling = chunk.indexOf(NEWLINE) + 1;
        const head = splitLines(Buffer.concat([...carry, chunk.subarray(0, straddling)]), path, next, maxLine);
        if (head.error) throw head.error;
        yield { first: next, texts: head.texts };
        next += 1;
        whole = chunk.subarray(straddling, lastNewline + 1);
      }
      const { texts, error } = splitLines(whole, path, next, maxLine);
      if (texts.length > 0) yield { first: next, texts };
      if (error) throw error;
      next += texts.length;
      carry = lastNewline + 1 < bytesRead ? [Buffer.from(chunk.subarray(lastNewline + 1))] : [];
      carryBytes = bytesRead - lastNewline - 1;
      if (carryBytes > maxLine) throw tooLong(path, next, maxLine);
    }
    if (carryBytes > 0) {
      // Binary garbage without a newline is not a torn log line: say what it is.
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(carry));
      } catch {
        throw new LogFormatError(path, next, 'encoding', `line ${next} is not valid UTF-8 (binary data?)`);
      }
      throw new LogFormatError(path, next, 'torn-line', `line ${next} has no final newline (an interrupted write?)`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams the lines of a file in constant memory.
 * @example for await (const { line, text } of readLines('run.jsonl')) console.log(line, text.length);
 * @throws see {@link readLineBatches}.
 */
export function readLines(path: string, options: ReadLinesOptions = {}): AsyncIterableIterator<Line> {
  return flatten(numbered(readLineBatches(path, options)));
}

async function* numbered(batches: AsyncGenerator<LineBatch>): AsyncGenerator<Line[]> {
  for await (const { first, texts } of batches) yield texts.map((text, i) => ({ line: first + i, text }));
}

/**
 * Opens a log for reading, with its size.
 * @throws {LogIoError} naming `path` when it cannot be opened or is a directory.
 */
export async function openForReading(path: string): Promise<{ readonly handle: FileHandle; readonly size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw ioError(path, 'cannot read', e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new LogIoError(path, 'cannot read: is a directory', 'EISDIR');
    return { handle, size: stat.size };
  } catch (e) {
    await handle.close();
    throw ioError(path, 'cannot read', e);
  }
}

async function readChunk(handle: FileHandle, buffer: Buffer, path: string): Promise<number> {
  try {
    return (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
  } catch (e) {
    throw ioError(path, 'cannot read', e);
  }
}

/** Whole lines decoded from one chunk, and the problem that stopped decoding, if any. */
interface Split {
  readonly texts: string[];
  readonly error?: LogFormatError;
}

/**
 * Splits whole lines (`bytes` ends with "\n") and decodes them; `first` numbers the first.
 * Validity is checked once for the whole run (simdutf, very fast) and lines are decoded one
 * by one: on Node 20 decoding a 1 MiB string at once is several times slower than slicing,
 * and one non-ASCII character would make every line of the chunk a two-byte string.
 * On a bad line, returns the good lines before it with the error, so that callers see every
 * line before the first bad one.
 */
function splitLines(bytes: Buffer, path: string, first: number, maxLine: number): Split {
  const valid = isUtf8(bytes);
  const nul = bytes.indexOf(0);
  const texts: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const line = first + texts.length;
    if (end - start > maxLine) return { texts, error: tooLong(path, line, maxLine) };
    if (!valid && !isUtf8(bytes.subarray(start, end))) {
      return { texts, error: new LogFormatError(path, line, 'encoding', `line ${line} is not valid UTF-8 (binary data?)`) };
    }
    if (nul !== -1 && nul < end) {
      return { texts, error: new LogFormatError(path, line, 'encoding', `line ${line} contains a NUL byte (binary data, not a log)`) };
    }
    texts.push(bytes.toString('utf8', start, end));
    start = end + 1;
  }
  return { texts };
}

function tooLong(path: string, line: number, maxLine: number): LogFormatError {
  return new LogFormatError(path, line, 'too-long', `line ${line} is longer than ${formatBytes(maxLine)}`);
}
