/**
 * Where an existing log ends, read from its last two lines only: the last seq, hash and time,
 * after checking that the last line is whole, valid, and chains from the line before it. An
 * appender must not extend a log whose end is torn or tampered with.
 */
import type { FileHandle } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { ChainChecker } from './chainCheck.js';
import { ioError, LogFormatError } from './errors.js';
import { isProblem, parseLine, type LineProblem } from './lineCheck.js';
import { DEFAULT_MAX_LINE_BYTES, formatBytes, openForReading } from './reader.js';
import { EMPTY_POSITION, type LogPosition } from './sequencer.js';

const NEWLINE = 0x0a;
/** Two maximal lines with their newlines, plus the newline that ends the line before them. */
const WINDOW = 2 * (DEFAULT_MAX_LINE_BYTES + 1) + 1;

/**
 * Reads the end position of the log at `path` ({@link EMPTY_POSITION} for an empty file).
 * @throws {LogIoError} when the file cannot be read.
 * @throws {LogFormatError} about the last line: `torn-line`, `too-long`, `encoding`, `json`,
 *   `schema`, `seq-gap`, `seq-duplicate`, `first-event`, `time-backwards`, `hash-mismatch`.
 */
export async function readTail(path: string): Promise<LogPosition> {
  const { handle, size } = await openForReading(path);
  try {
    if (size === 0) return EMPTY_POSITION;
    const length = Math.min(size, WINDOW);
    const window = Buffer.alloc(length);
    await handle.read(window, 0, length, size - length);
    const result = inspectTail(window, length === size);
    if (!('problem' in result)) return result.position;
    const { problem } = result;
    // Line numbers are only needed to report a problem, so whole-file counting waits until then.
    const lines = await countLines(handle);
    const line = problem.kind === 'torn-line' ? lines + 1 : lines - (problem.fromEnd ?? 0);
    throw new LogFormatError(path, line, problem.kind, problem.message.replace('{line}', String(line)), problem.field, problem.seq);
  } catch (e) {
    throw ioError(path, 'cannot read', e);
  } finally {
    await handle.close();
  }
}

type TailProblem = LineProblem & { readonly fromEnd?: number };

type TailResult = { readonly position: LogPosition } | { readonly problem: TailProblem };

/** The position the window ends at, or what is wrong with its last line(s). */
function inspectTail(window: Buffer, atStart: boolean): TailResult {
  const end = window.length - 1;
  if (window[end] !== NEWLINE) {
    return { problem: { kind: 'torn-line', message: 'line {line} has no final newline (an interrupted write?)' } };
  }
  const lastStart = window.lastIndexOf(NEWLINE, end - 1) + 1;
  const tooLong = (fromEnd: number): TailResult => ({
    problem: { kind: 'too-long', fromEnd, message: `line {line} is longer than ${formatBytes(DEFAULT_MAX_LINE_BYTES)}` },
  });
  if ((lastStart === 0 && !atStart) || end - lastStart > DEFAULT_MAX_LINE_BYTES) return tooLong(0);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const checker = new ChainChecker(true);
  if (lastStart > 0) {
    const prevStart = window.lastIndexOf(NEWLINE, lastStart - 2) + 1;
    if ((prevStart === 0 && !atStart) || lastStart - 1 - prevStart > DEFAULT_MAX_LINE_BYTES) return tooLong(1);
    const anchor = anchorOf(window.subarray(prevStart, lastStart - 1), decoder);
    if ('kind' in anchor) return { problem: { ...anchor, fromEnd: 1 } };
    checker.restart(anchor);
  }
  const problem = checkLast(window.subarray(lastStart, end), decoder, checker);
  return problem ? { problem } : { position: checker.position };
}

/**
 * The line before the last is parsed and then trusted as the chain's starting point: its own
 * predecessor is not read (checking the whole chain is `verifyLog`'s job).
 */
function anchorOf(bytes: Buffer, decoder: TextDecoder): LogPosition | LineProblem {
  const parsed = decodeAndParse(bytes, decoder);
  if (isProblem(parsed)) return parsed;
  const { seq, hash, at } = parsed.event;
  if (hash === undefined) return { kind: 'schema', seq, field: 'hash', message: 'hash: missing (every logged event is chained)' };
  return { seq, hash, at };
}

function checkLast(bytes: Buffer, decoder: TextDecoder, checker: ChainChecker): LineProblem | undefined {
  const parsed = decodeAndParse(bytes, decoder);
  return isProblem(parsed) ? parsed : checker.check(parsed.event, parsed.raw);
}

function decodeAndParse(bytes: Buffer, decoder: TextDecoder): ReturnType<typeof parseLine> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'encoding', message: 'not valid UTF-8 (binary data?)' };
  }
  return parseLine(text, 'full');
}

/** Number of newline characters in the file, i.e. of whole lines. */
async function countLines(handle: FileHandle): Promise<number> {
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  let count = 0;
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return count;
    for (let i = buffer.indexOf(NEWLINE); i !== -1 && i < bytesRead; i = buffer.indexOf(NEWLINE, i + 1)) count++;
    position += bytesRead;
  }
}
