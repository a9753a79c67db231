/**
 * The simulator suite's part of the benchmark's JSON result (`simulator` in the `--json` last
 * line), and its targets. Rates are events per second at the median wall time, `cpu…` at the
 * median CPU time; ratios compare medians of runs interleaved round by round.
 */
import { round, variant } from '../lib/results.js';
import type { SimulatorResult } from './suite.js';

/** The targets: the simulator alone, and what writing the log may cost on top. */
export const SIMULATOR_TARGETS = {
  simEventsPerSec: 300_000,
  /** Writing the log may at most double the run time. */
  writeTimeRatioAtMost: 2,
} as const;

/** Builds the JSON object of a simulator run. */
export function simulatorResults(r: SimulatorResult) {
  const noWrite = variant(r.noWrite);
  const write = variant(r.write);
  const replay = variant(r.replay);
  const writeTimeRatio = round(write.medianMs / noWrite.medianMs, 3);
  const pass = {
    sim: noWrite.eventsPerSec >= SIMULATOR_TARGETS.simEventsPerSec,
    write: writeTimeRatio <= SIMULATOR_TARGETS.writeTimeRatioAtMost,
  };
  return {
    scenario: r.scenario,
    events: r.events,
    simulatedDays: round(r.simulatedMs / 86_400_000, 1),
    endedBy: r.endedBy,
    logBytes: r.logBytes,
    logHash: r.logHash,
    /** Whether the timed writes handed hashing and writing to a worker thread. */
    writeThreaded: r.writeThreaded,
    /** The V8 flags the suite's process set, as the `parley` executable sets them. */
    heapFlags: 'none',
    mix: r.mix,
    noWrite,
    write,
    replay,
    /** Time with the log written over time without (≤ 2 passes). */
    writeTimeRatio,
    cpuWriteTimeRatio: round(noWrite.cpuEventsPerSec / write.cpuEventsPerSec, 3),
    /** Simulation rate over replay rate of the same events. */
    simToReplay: round(noWrite.eventsPerSec / replay.eventsPerSec, 3),
    cpuSimToReplay: round(noWrite.cpuEventsPerSec / replay.cpuEventsPerSec, 3),
    targets: SIMULATOR_TARGETS,
    pass: { ...pass, all: pass.sim && pass.write },
  };
}

/** The JSON result type of the simulator suite. */
export type SimulatorResults = ReturnType<typeof simulatorResults>;
