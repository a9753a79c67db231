/**
 * Verify and replay from a file: a log of the in-memory suite's workload (1M events by
 * default) written by the real writer (`createLogFile`), then `verifyLog` (what `parley
 * verify` does) and `parley replay`'s own pipeline (`readEventBatches` with every hash
 * checked, into a `Replayer`), interleaved round by round. The file was just written, so
 * reads come from the page cache: this measures the CPU cost, not the disk. Then `parley
 * verify --deep` beside replay on a simulated log of as many events (deep.ts: the workload's
 * log is not one the rules allow throughout), with the ratio deep / replay (goal: at most 3×).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { readEventBatches } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';
import { int, mb, timingHeader, timingJson, timingRow } from '../lib/format.js';
import { timeAsync, timing, type Sample } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { Suite } from '../lib/suite.js';
import { deepBesideReplay } from './deep.js';
import { DEFAULT_SPEC, unitFor } from '../lib/workload.js';
import { writeLog } from '../workload/writeLog.js';

async function replayFile(path: string): Promise<Replayer> {
  const r = new Replayer();
  for await (const batch of readEventBatches(path, { verifyHashes: true })) {
    for (let i = 0; i < batch.length; i++) r.push(batch[i] as Recorded);
  }
  return r;
}

async function verify(path: string, events: number): Promise<void> {
  const report = await verifyLog(path);
  if (!report.ok || report.events !== events) throw new Error(`the written log does not verify: ${JSON.stringify(report)}`);
}

export const suite: Suite = {
  name: 'file',
  title: 'verify, replay and verify --deep of a log file, events/s',
  async run(context) {
    const { options, dir } = context;
    const events = options.events;
    const path = join(dir, `bench-${events}.jsonl`);
    try {
      let bytes = 0;
      const write = await timeAsync(async () => {
        bytes = (await writeLog(unitFor(DEFAULT_SPEC), events, path, `writing ${int(events)} events with createLogFile`)).bytes;
      });
      const folded = await replayFile(path);
      if (folded.seq !== events) throw new Error(`replay of the written log ended at seq ${folded.seq}, not ${events}`);
      const t = { verify: [] as Sample[], replay: [] as Sample[] };
      for (let round = 1; round <= options.rounds; round++) {
        t.verify.push(await timeAsync(() => verify(path, events)));
        t.replay.push(await timeAsync(() => replayFile(path)));
        note(`file round ${round}/${options.rounds}`);
      }
      const verifyTiming = timing(events, t.verify);
      const replayTiming = timing(events, t.replay);
      rmSync(path, { force: true });
      const deep = await deepBesideReplay(context);
      return {
        lines: [
          `2. From a file — ${int(events)} events, ${mb(bytes)} (${(bytes / events).toFixed(0)} B/event), written by createLogFile in ${(write.ms / 1000).toFixed(1)} s;`,
          `   every line parsed, validated (parseEvent) and hash-checked; median of ${options.rounds}.`,
          timingHeader('pipeline'),
          timingRow('verifyLog (parley verify)', verifyTiming),
          timingRow('readEventBatches → Replayer (parley replay)', replayTiming),
          ...deep.lines,
        ],
        json: { events, bytes, writeMs: Number(write.ms.toFixed(0)), verify: timingJson(verifyTiming), replay: timingJson(replayTiming), deep: deep.json },
      };
    } finally {
      rmSync(path, { force: true });
    }
  },
};
