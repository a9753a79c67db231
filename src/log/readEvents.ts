/**
 * Reading a log as events. Every line is parsed and validated, and the cross-line rules
 * (gapless seq, LogStarted first, time order) are always enforced, because a replay of a log
 * with a missing line would silently compute the wrong state. Hash checking is optional: it
 * is what `verifyLog` adds.
 */
import type { Recorded } from '../core/catalogue.js';
import { ChainChecker } from './chainCheck.js';
import { LogFormatError } from './errors.js';
import { flatten } from './flatten.js';
import { isProblem, parseLine, type LineProblem, type ParsedLine, type Validation } from './lineCheck.js';
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
export function readEvents(path: string, options: ReadEventsOptions = {}): AsyncIterableIterator<Recorded> {
  return flatten(readEventBatches(path, options));
}

/**
 * The same events as {@link readEvents}, an array per chunk read (thousands of events): for
 * folds that want to avoid the cost of one async step per event.
 * @throws the same errors as {@link readEvents}, after yielding the good events of the batch.
 */
export async function* readEventBatches(path: string, options: ReadEventsOptions = {}): AsyncGenerator<readonly Recorded[]> {
  const validation = options.validate ?? 'full';
  const checker = new ChainChecker(options.verifyHashes ?? false);
  let any = false;
  for await (const { first, texts } of readLineBatches(path, options)) {
    const events: Recorded[] = [];
    let error: LogFormatError | undefined;
    for (let i = 0; i < texts.length; i++) {
      const parsed = parseLine(texts[i] as string, validation);
      const problem = isProblem(parsed) ? parsed : checker.check(parsed.event, parsed.raw);
      if (problem) {
        error = lineError(path, first + i, problem);
        break;
      }
      events.push((parsed as ParsedLine).event);
    }
    if (events.length > 0) {
      any = true;
      yield events;
    }
    if (error) throw error;
  }
  if (!any) throw new LogFormatError(path, 1, 'empty', 'the log is empty (a log starts with LogStarted)');
}

function lineError(path: string, line: number, problem: LineProblem): LogFormatError {
  return new LogFormatError(path, line, problem.kind, problem.message, problem.field, problem.seq);
}
