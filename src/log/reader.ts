/**
 * Streaming line reader for logs. Constant memory whatever the file size: the file is read in
 * large chunks, split on "\n" by hand (much faster than `readline`), and each run of whole
 * lines is decoded in one strict UTF-8 pass. A line longer than the limit fails as soon as
 * the limit is passed, so a 100 MB line costs two chunk reads, not 100 MB of memory.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { ioError, LogFormatError, LogIoError } from './errors.js';

/** The longest line accepted by default: 1 MiB (a Parley event is a few hundred bytes). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Options of {@link readLines} and {@link readLineBatches}. */
export interface ReadLinesOptions {
  /** Longest accepted line in bytes, without its newline. Default {@link DEFAULT_MAX_LINE_BYTES}. */
  readonly maxLineBytes?: number;
  /** Bytes read per system call. Default 1 MiB. */
  readonly chunkBytes?: number;
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
  const handle = await openForReading(path);
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let next = 1;
    for (;;) {
      const bytesRead = await readChunk(handle, buffer, path);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline === -1) {
        carry.push(Buffer.from(chunk));
        carryBytes += bytesRead;
        if (carryBytes > maxLine) throw tooLong(path, next, maxLine);
        continue;
      }
      const whole = chunk.subarray(0, lastNewline + 1);
      const bytes = carryBytes === 0 ? whole : Buffer.concat([...carry, whole]);
      const { texts, error } = splitLines(bytes, decoder, path, next, maxLine);
      if (texts.length > 0) yield { first: next, texts };
      if (error) throw error;
      next += texts.length;
      carry = lastNewline + 1 < bytesRead ? [Buffer.from(chunk.subarray(lastNewline + 1))] : [];
      carryBytes = bytesRead - lastNewline - 1;
      if (carryBytes > maxLine) throw tooLong(path, next, maxLine);
    }
    if (carryBytes > 0) {
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
export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<Line> {
  for await (const batch of readLineBatches(path, options)) {
    for (let i = 0; i < batch.texts.length; i++) yield { line: batch.first + i, text: batch.texts[i] as string };
  }
}

async function openForReading(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw ioError(path, 'cannot read', e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new LogIoError(path, 'cannot read: is a directory', 'EISDIR');
    return handle;
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
 * Decodes whole lines (`bytes` ends with "\n") and splits them; `first` numbers the first.
 * On a bad line, returns the good lines before it with the error, so that callers see every
 * line before the first bad one.
 */
function splitLines(bytes: Buffer, decoder: TextDecoder, path: string, first: number, maxLine: number): Split {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return decodeLineByLine(bytes, decoder, path, first);
  }
  const texts = text.split('\n');
  texts.pop(); // the empty string after the final newline
  // A UTF-16 code unit takes at most 3 UTF-8 bytes, so short strings need no byte count.
  const safeLength = Math.floor(maxLine / 3);
  const binary = text.includes('\0');
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i] as string;
    const problem =
      t.length > safeLength && Buffer.byteLength(t) > maxLine
        ? tooLong(path, first + i, maxLine)
        : binary && t.includes('\0')
          ? new LogFormatError(path, first + i, 'encoding', `line ${first + i} contains a NUL byte (binary data, not a log)`)
          : undefined;
    if (problem) return { texts: texts.slice(0, i), error: problem };
  }
  return { texts };
}

/** The slow path, taken once per bad file: decode line by line up to the invalid one. */
function decodeLineByLine(bytes: Buffer, decoder: TextDecoder, path: string, first: number): Split {
  const texts: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const line = first + texts.length;
    try {
      texts.push(decoder.decode(bytes.subarray(start, end)));
    } catch {
      return { texts, error: new LogFormatError(path, line, 'encoding', `line ${line} is not valid UTF-8 (binary data?)`) };
    }
    start = end + 1;
  }
  // Unreachable in practice: the whole chunk failed to decode, so some line must fail too.
  return { texts, error: new LogFormatError(path, first, 'encoding', `line ${first} is not valid UTF-8`) };
}

function tooLong(path: string, line: number, maxLine: number): LogFormatError {
  return new LogFormatError(path, line, 'too-long', `line ${line} is longer than ${formatBytes(maxLine)}`);
}
