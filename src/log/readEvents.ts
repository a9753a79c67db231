/**
 * Reading a log as events. Every line is parsed and validated, and the cross-line rules
 * (gapless seq, LogStarted first, time order) are always enforced, because a replay of a log
 * with a missing line would silently compute the wrong state. Hash checking is optional: it
 * is what `verifyLog` adds.
 */
import type { Auditor } from '../core/audit.js';
import type { Recorded } from '../core/catalogue.js';
import { Chain, type LineProblem } from './chain.js';
import { LogFormatError } from './errors.js';
import { flatten } from './flatten.js';
import { isProblem, parseLine, type ParsedLine } from './lineCheck.js';
import { readLineBatches, type ReadLinesOptions } from './reader.js';

/** Options of {@link readEvents}. */
export interface ReadEventsOptions extends ReadLinesOptions {
  /** Recompute every hash and compare (default false; `verifyLog` turns it on). */
  readonly verifyHashes?: boolean;
  /**
   * Also audit every event against the mechanism's rules (`verify --deep`): each is pushed
   * to this auditor, which re-decides, folds and checks it (core/audit.ts); a refused event
   * ends the reading with a `LogFormatError` of kind `rule` at its line. The auditor then
   * holds the state of the events read.
   */
  readonly audit?: Auditor;
}

/** Options of {@link readCheckedLines}. */
export interface CheckedLinesOptions extends ReadEventsOptions {
  /** Stop after the line of this seq: later lines are neither read into events nor checked. */
  readonly untilSeq?: number;
}

/**
 * Streams the events of a log file in constant memory.
 * @throws {LogIoError} when the file cannot be read.
 * @throws {LogFormatError} naming the file, line and kind of the first bad line (including
 *   `empty` for an empty file), after yielding every event before it.
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const r = await loadScenario('scenarios/late-warning-il20.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const path = join(mkdtempSync(join(tmpdir(), 'parley-')), 'run.jsonl');
 * const log = await createLogFile(path);
 * runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => log.append(e) });
 * await log.commit();
 * let state = initialState();
 * for await (const e of readEvents(path)) state = evolve(state, e); // hashes checked as it reads
 * console.log(state.seq, state.ended);
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
  let any = false;
  for await (const batch of readCheckedLines(path, new Chain(), options)) {
    any = true;
    yield batch.events;
  }
  if (!any) throw new LogFormatError(path, 1, 'empty', 'the log is empty (a log starts with LogStarted)');
}

/** Consecutive good lines of a log: `texts[i]` is line `first + i`, which holds `events[i]`. */
export interface CheckedLines {
  readonly first: number;
  readonly texts: readonly string[];
  readonly events: readonly Recorded[];
}

/**
 * The lines of a log with their events, each checked and followed by `chain` (which then
 * says where the log stands): what both the event readers and a writer continuing an
 * existing log (`createLogFile`'s `continueFrom`) read. An empty file yields nothing.
 * @throws the same errors as {@link readEvents} but `empty`, after yielding the good lines.
 */
export async function* readCheckedLines(path: string, chain: Chain, options: CheckedLinesOptions = {}): AsyncGenerator<CheckedLines> {
  const verifyHashes = options.verifyHashes ?? false;
  const auditor = options.audit;
  const until = options.untilSeq ?? Number.POSITIVE_INFINITY;
  for await (const { first, texts } of readLineBatches(path, options)) {
    const events: Recorded[] = [];
    let error: LogFormatError | undefined;
    // Line k of a log that reads holds seq k (the chain enforces it): stop at the line.
    const end = Math.min(texts.length, until - first + 1);
    for (let i = 0; i < end; i++) {
      const parsed = parseLine(texts[i] as string);
      const problem = isProblem(parsed) ? parsed : chain.follow(parsed.event, verifyHashes ? parsed.raw : undefined);
      if (problem) {
        error = lineError(path, first + i, problem);
        break;
      }
      const event = (parsed as ParsedLine).event;
      const broken = auditor?.push(event);
      if (broken) {
        error = new LogFormatError(path, first + i, 'rule', broken.message, broken.field, event.seq, broken.rule);
        break;
      }
      events.push(event);
    }
    if (events.length > 0) yield { first, texts: events.length === texts.length ? texts : texts.slice(0, events.length), events };
    if (error) throw error;
    if (end < texts.length) return;
  }
}

function lineError(path: string, line: number, problem: LineProblem): LogFormatError {
  return new LogFormatError(path, line, problem.kind, problem.message, problem.field, problem.seq);
}
