/**
 * The simulator suite: how fast `runPlan` records events, with the log streamed to a file
 * (`simulateToFile`, exactly as `parley run --out` does it) and without, beside the kernel's
 * replay figure (`Replayer.push`) over the very same events. The three are interleaved round
 * by round, so their ratios are measured side by side; on a noisy machine the ratios mean
 * more than the absolute rates.
 *
 * Every timed run is checked: the same number of events each time, and every written log
 * ending in the same hash (the hash chain covers every byte, so equal hashes mean equal logs).
 */
import { rmSync } from 'node:fs';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import type { LogSummary } from '../../src/log/writer.js';
import type { Plan } from '../../src/sim/plan.js';
import { runPlan } from '../../src/sim/simulation.js';
import { timeAsync, timeSettled, timing, type Sample, type Timing } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import { loadWorkload } from './workload.js';

/** Options of the simulator suite. */
export interface SimulatorOptions {
  /** The scenario to simulate. */
  readonly scenario: string;
  /** Stop each run after this many events (`--max-events`); the whole horizon when absent. */
  readonly maxEvents?: number | undefined;
  /** Interleaved rounds of the three variants. */
  readonly rounds: number;
  /** Path of the log the writing variant produces (deleted afterwards). */
  readonly logPath: string;
}

/** What the suite measured. */
export interface SimulatorResult {
  readonly scenario: string;
  readonly events: number;
  readonly simulatedMs: number;
  readonly endedBy: 'horizon' | 'stopped';
  /** Share of each event type, largest first. */
  readonly mix: Readonly<Record<string, number>>;
  readonly logBytes: number;
  /** Hash of the last event of the written log: identifies the whole log. */
  readonly logHash: string;
  /** Whether every timed write handed the log to a worker thread (see src/log/logStream.ts). */
  readonly writeThreaded: boolean;
  /** `runPlan(plan)`, nothing written. */
  readonly noWrite: Timing;
  /** `simulateToFile`: `runPlan` with every event streamed to a log file, then committed. */
  readonly write: Timing;
  /** `Replayer.push` over the events of one run, in memory. */
  readonly replay: Timing;
}

function capture(plan: Plan): Recorded[] {
  const events: Recorded[] = [];
  runPlan(plan, { onEvent: (e) => events.push(e) });
  return events;
}

function fold(events: readonly Recorded[]): Replayer {
  const r = new Replayer();
  for (let i = 0; i < events.length; i++) r.push(events[i] as Recorded);
  return r;
}

function mixOf(events: readonly Recorded[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => [t, Number((n / events.length).toFixed(4))]),
  );
}

function mustEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`bench: ${what} differs between runs of the same plan (${String(actual)}, expected ${String(expected)}): the simulator is not deterministic`);
  }
}

/** Runs the suite. The first runs (one of each variant, untimed) are the warm-up. */
export async function runSimulator(options: SimulatorOptions): Promise<SimulatorResult> {
  const { path, plan } = await loadWorkload(options.scenario, options.maxEvents);
  note(`simulator: warm-up run of ${path}`);
  let events: Recorded[] | undefined = capture(plan);
  const count = events.length;
  const last = events[count - 1] as Recorded;
  const mix = mixOf(events);
  const endedBy = last.type === 'SimulationEnded' ? last.data.reason : 'horizon';
  const simulatedMs = Date.parse(last.at) - plan.startMs;
  fold(events);
  events = undefined;
  const { log: first } = await simulateToFile(plan, options.logPath);
  let writeThreaded = true;
  mustEqual('the number of events written', first.seq, count);
  note(`simulator: ${count.toLocaleString('en-US')} events, ${(first.bytes / 1e6).toFixed(0)} MB of log; ${options.rounds} timed round(s)`);
  const t = { noWrite: [] as Sample[], write: [] as Sample[], replay: [] as Sample[] };
  try {
    for (let round = 1; round <= options.rounds; round++) {
      let n = 0;
      // Every variant starts from a settled heap (see settle() in lib/measure.ts): right after a
      // full collection the sweeper is still freeing the previous round's million events and
      // state, and a run started then pays for it (the no-write runs were 1.3-1.5x slower).
      t.noWrite.push(await timeSettled(() => (n = runPlan(plan).events)));
      mustEqual('the number of events', n, count);
      let summary: LogSummary | undefined;
      const threaded = false;
      t.write.push(await timeAsync(async () => ({ log: summary } = await simulateToFile(plan, options.logPath))));
      writeThreaded &&= threaded;
      mustEqual('the hash of the written log', summary?.hash, first.hash);
      // Captured afresh each round and dropped after it, so the simulator's runs do not pay
      // the garbage collector for a million retained events they never use.
      const captured = capture(plan);
      mustEqual('the number of events captured', captured.length, count);
      t.replay.push(await timeSettled(() => fold(captured)));
      const ms = (xs: Sample[]): string => (xs[xs.length - 1] as Sample).ms.toFixed(0);
      note(`simulator round ${round}/${options.rounds}: no log ${ms(t.noWrite)} ms, with log ${ms(t.write)} ms, replay ${ms(t.replay)} ms`);
    }
  } finally {
    rmSync(options.logPath, { force: true });
  }
  return {
    scenario: path,
    events: count,
    simulatedMs,
    endedBy: endedBy === 'stopped' ? 'stopped' : 'horizon',
    mix,
    logBytes: first.bytes,
    logHash: first.hash,
    writeThreaded,
    noWrite: timing(count, t.noWrite),
    write: timing(count, t.write),
    replay: timing(count, t.replay),
  };
}
