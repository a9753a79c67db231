/**
 * `parley verify --deep` beside `parley replay` on the same simulated log: the second part of
 * the `file` suite (file.ts). The log is the
 * Paris scenario run long (generators four to ten times as frequent, a horizon of centuries)
 * until it holds `--events` events (1M by default), written by the simulator's own path
 * (`simulateToFile`): a log every fact of which the rules allow, which the synthetic workload
 * of the `file` suite is not (its renamed copies run past the recorded end). Then, round by
 * round: the replay pipeline (`readEventBatches` with every hash checked, into a
 * `Replayer`), `verifyLog` and `verifyLog(path, { deep: true })`. The goal: deep at most 3×
 * the replay.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import { readEventBatches } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { int, mb, ratio, timingHeader, timingJson, timingRow } from '../lib/format.js';
import { median, timeAsync, timing, type Sample } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { SuiteContext, SuiteResult } from '../lib/suite.js';
import { loadParis } from './paris.js';

/** Generator intervals of the long run, in days (the shipped ones are 12, 40, 30 and 40). */
const EVERY_DAYS = [2, 4, 3, 4];
/** Fewest events the long run records per simulated day at those rates (measured: about 11); it is cut at `--events`. */
const EVENTS_PER_DAY = 8;

async function replayFile(path: string): Promise<number> {
  const r = new Replayer();
  for await (const batch of readEventBatches(path, { verifyHashes: true })) {
    for (let i = 0; i < batch.length; i++) r.push(batch[i] as Recorded);
  }
  return r.seq;
}

async function verify(path: string, events: number, deep: boolean): Promise<void> {
  const report = await verifyLog(path, { deep });
  if (!report.ok || report.events !== events) throw new Error(`the simulated log does not verify${deep ? ' deeply' : ''}: ${JSON.stringify(report)}`);
}

/** Times replay, verify and verify --deep of one simulated log of `options.events` events. */
export async function deepBesideReplay({ options, dir }: SuiteContext): Promise<SuiteResult> {
  const { scenario, hash } = loadParis();
  const days = Math.ceil(options.events / EVENTS_PER_DAY);
  const long = {
    ...scenario,
    horizon: `P${days}D`,
    generators: scenario.generators.map((g, i) => ({ ...g, every: `P${EVERY_DAYS[i] ?? 4}D` })),
  };
  // Cut at --events (SimulationEnded, reason `stopped`: still a log the rules allow).
  const plan = compileScenario(long, { hash, parleyVersion: PARLEY_VERSION, maxEvents: options.events });
  const path = join(dir, `deep-${options.events}.jsonl`);
  try {
    note(`deep: simulating Paris over ${int(days)} days`);
    const t0 = performance.now();
    const { log } = await simulateToFile(plan, path);
    const events = log.seq;
    const simMs = performance.now() - t0;
    if ((await replayFile(path)) !== events) throw new Error('the replay of the simulated log ended early');
    const t = { replay: [] as Sample[], verify: [] as Sample[], deep: [] as Sample[] };
    for (let round = 1; round <= options.rounds; round++) {
      t.replay.push(await timeAsync(() => replayFile(path)));
      t.verify.push(await timeAsync(() => verify(path, events, false)));
      t.deep.push(await timeAsync(() => verify(path, events, true)));
      note(`deep round ${round}/${options.rounds}`);
    }
    const replay = timing(events, t.replay);
    const plain = timing(events, t.verify);
    const deep = timing(events, t.deep);
    const cpu = median(deep.cpuMs) / median(replay.cpuMs);
    const wall = median(deep.ms) / median(replay.ms);
    return {
      lines: [
        `   verify --deep — the Paris scenario simulated to ${int(events)} events, ${mb(log.bytes)} (${(simMs / 1000).toFixed(1)} s to simulate and write); median of ${options.rounds}.`,
        timingHeader('pipeline'),
        timingRow('readEventBatches → Replayer (parley replay)', replay),
        timingRow('verifyLog (parley verify)', plain),
        timingRow('verifyLog deep (parley verify --deep)', deep),
        `   verify --deep / replay: ${ratio(cpu)} in CPU time, ${ratio(wall)} wall-clock (goal: at most 3×).`,
      ],
      json: { events, bytes: log.bytes, replay: timingJson(replay), verify: timingJson(plain), deep: timingJson(deep), deepOverReplayCpu: Number(cpu.toFixed(3)), deepOverReplayWall: Number(wall.toFixed(3)) },
    };
  } finally {
    rmSync(path, { force: true });
  }
}
