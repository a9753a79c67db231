/**
 * Reading a log as events. Every line is parsed and validated, and the cross-line rules
 * (gapless seq, LogStarted first, time order) are always enforced, because a replay of a log
 * with a missing line would silently compute the wrong state. Hash checking is optional: it
 * is what `verifyLog` adds.
 */
import type { Recorded } from '../core/catalogue.js';
import { ChainChecker } from './chainCheck.js';
import { LogFormatError } from './errors.js';
import { isProblem, parseLine, type LineProblem, type Validation } from './lineCheck.js';
import { readLineBatches, type ReadLinesOptions } from './reader.js';

/** Options of {@link readEvents}. */
export interface ReadEventsOptions extends ReadLinesOptions {
  /** `full` (default) checks each event's data schema; `envelope` only the envelope fields. */
  readonly validate?: Validation;
  /** Recompute every hash and compare (default false; `verifyLog` turns it on). */
  readonly verifyHashes?: boolean;
}

/**
 * Streams the events of a log file in constant memory.
 * @throws {LogIoError} when the file cannot be read.
 * @throws {LogFormatError} naming the file, line and kind of the first bad line (including
 *   `empty` for an empty file), after yielding every event before it.
 * @example for await (const e of readEvents('run.jsonl')) state = evolve(state, e);
 */
export async function* readEvents(path: string, options: ReadEventsOptions = {}): AsyncGenerator<Recorded> {
  const validation = options.validate ?? 'full';
  const checker = new ChainChecker(options.verifyHashes ?? false);
  let any = false;
  for await (const { first, texts } of readLineBatches(path, options)) {
    for (let i = 0; i < texts.length; i++) {
      const parsed = parseLine(texts[i] as string, validation);
      if (isProblem(parsed)) throw lineError(path, first + i, parsed);
      const problem = checker.check(parsed.event, parsed.raw);
      if (problem) throw lineError(path, first + i, problem);
      any = true;
      yield parsed.event;
    }
  }
  if (!any) throw new LogFormatError(path, 1, 'empty', 'the log is empty (a log starts with LogStarted)');
}

function lineError(path: string, line: number, problem: LineProblem): LogFormatError {
  return new LogFormatError(path, line, problem.kind, problem.message, problem.field, problem.seq);
}
