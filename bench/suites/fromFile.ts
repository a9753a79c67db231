/**
 * Replay from a file, end to end (read + JSON.parse + schema validation + cross-line checks
 * + fold), the same pipeline cut short at each stage so the report can say where the time
 * goes, and `parley replay`'s own pipeline (batches, every hash checked). All variants read the same file, interleaved round by round; the file was just
 * written, so reads come from the page cache (this measures the CPU cost, not the disk).
 */
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { readEventBatches, readEvents } from '../../src/log/readEvents.js';
import { readLineBatches } from '../../src/log/reader.js';

import { differences, keyNumbersOf, type KeyNumbers } from '../baselines/agreement.js';
import { timeAsync, timing, type Sample, type Timing } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { Unit } from '../workload/unit.js';
import { writeLog } from '../workload/writeLog.js';

/** What the suite measured. */
export interface FromFileResult {
  readonly bytes: number;
  readonly writeMs: number;
  /** Read + split lines + JSON.parse, nothing else. */
  readonly parseOnly: Timing;
  /** `readEvents` with 'envelope' validation, events dropped. */
  readonly envelope: Timing;
  /** `readEvents` with 'full' validation (zod schemas), events dropped. */
  readonly full: Timing;
  /** `readEvents` 'envelope' into a `Replayer`. */
  readonly envelopeFold: Timing;
  /** `readEvents` 'full' into a `Replayer`: the headline number. */
  readonly fullFold: Timing;
  /** `readEventBatches` 'full' into a `Replayer` (one await per chunk, not per event). */
  readonly fullFoldBatches: Timing;
  /** What `parley replay` does: batches, 'full', every hash recomputed, into a `Replayer`. */
  readonly replayCommand: Timing;
}

async function parseOnly(path: string): Promise<number> {
  let n = 0;
  for await (const batch of readLineBatches(path)) {
    for (const text of batch.texts) if (JSON.parse(text) !== null) n++;
  }
  return n;
}

async function drain(path: string, _validate: string): Promise<number> {
  let n = 0;
  for await (const _ of readEvents(path)) n++;
  return n;
}

async function fold(path: string, _validate: string): Promise<Replayer> {
  const r = new Replayer();
  for await (const e of readEvents(path)) r.push(e);
  return r;
}

async function foldBatches(path: string, verifyHashes = false): Promise<Replayer> {
  const r = new Replayer();
  for await (const batch of readEventBatches(path, { verifyHashes })) {
    for (let i = 0; i < batch.length; i++) r.push(batch[i] as Recorded);
  }
  return r;
}

/** Writes `events` events to `path` with the log writer, then times the read variants. */
export async function runFromFile(unit: Unit, events: number, path: string, rounds: number, expected: KeyNumbers): Promise<FromFileResult> {
  let bytes = 0;
  const { ms: writeMs } = await timeAsync(async () => {
    bytes = (await writeLog(unit, events, path, `writing ${events.toLocaleString('en-US')} events with createLogFile`)).bytes;
  });
  // The file must fold to what the in-memory log folds to (this also warms the reader up).
  const diffs = differences(keyNumbersOf((await fold(path, 'full')).peek()), expected);
  if (diffs.length > 0) throw new Error(`bench: the log read back from the file folds differently:\n  ${diffs.join('\n  ')}`);
  const t = {
    parseOnly: [] as Sample[],
    envelope: [] as Sample[],
    full: [] as Sample[],
    envelopeFold: [] as Sample[],
    fullFold: [] as Sample[],
    fullFoldBatches: [] as Sample[],
    replayCommand: [] as Sample[],
  };
  for (let round = 1; round <= rounds; round++) {
    t.parseOnly.push(await timeAsync(() => parseOnly(path)));
    t.envelope.push(await timeAsync(() => drain(path, 'envelope')));
    t.full.push(await timeAsync(() => drain(path, 'full')));
    t.envelopeFold.push(await timeAsync(() => fold(path, 'envelope')));
    t.fullFold.push(await timeAsync(() => fold(path, 'full')));
    t.fullFoldBatches.push(await timeAsync(() => foldBatches(path)));
    t.replayCommand.push(await timeAsync(() => foldBatches(path, true)));
    const last = (xs: Sample[]): string => (xs[xs.length - 1] as Sample).ms.toFixed(0);
    note(`file round ${round}/${rounds}: parse ${last(t.parseOnly)} ms, +envelope ${last(t.envelope)}, +full ${last(t.full)}, envelope+fold ${last(t.envelopeFold)}, full+fold ${last(t.fullFold)}, batches ${last(t.fullFoldBatches)}, as parley replay (hashes) ${last(t.replayCommand)} ms`);
  }
  const of = (samples: Sample[]): Timing => timing(events, samples);
  return {
    bytes,
    writeMs,
    parseOnly: of(t.parseOnly),
    envelope: of(t.envelope),
    full: of(t.full),
    envelopeFold: of(t.envelopeFold),
    fullFold: of(t.fullFold),
    fullFoldBatches: of(t.fullFoldBatches),
    replayCommand: of(t.replayCommand),
  };
}
