/** The simulator suite's section of the readable report, printed from its JSON result. */
import { basename } from 'node:path';
import { int, mb, perSec, ratio, usPerEvent } from '../lib/format.js';
import type { SimulatorResults } from './results.js';

type Variant = SimulatorResults['noWrite'];

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

function header(first: string): string {
  return `  ${pad(first, 46)}${lpad('events', 10)}${lpad('median ms', 11)}${lpad('rate', 14)}${lpad('per event', 12)}${lpad('noise', 7)}${lpad('rate by CPU', 15)}`;
}

function row(label: string, v: Variant, note = ''): string {
  return `  ${pad(label, 46)}${lpad(int(v.events), 10)}${lpad(v.medianMs.toFixed(1), 11)}${lpad(perSec(v.eventsPerSec), 14)}${lpad(usPerEvent(v.eventsPerSec), 12)}${lpad(`±${(50 * v.spread).toFixed(0)}%`, 7)}${lpad(perSec(v.cpuEventsPerSec), 15)}${note}`;
}

const flag = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

/** Renders the simulator section (`null`: the suite did not run). */
export function renderSimulator(r: SimulatorResults | null): string[] {
  if (!r) return ['Simulator — not measured.'];
  const t = r.targets;
  return [
    `Simulator — ${basename(r.scenario)}: ${int(r.events)} events over ${r.simulatedDays} simulated days (ended by ${r.endedBy}), log ${mb(r.logBytes)};`,
    `  median of ${r.noWrite.runsMs.length} interleaved round(s) (no log, with log, replay, …) after one untimed run of each`,
    header('variant'),
    row('runPlan, no log written', r.noWrite, '  ← target'),
    row('runPlan, log streamed to a file (parley run)', r.write),
    row('Replayer.push over the same events (replay)', r.replay),
    `  with log / no log = ${ratio(r.writeTimeRatio)} the time (by CPU ${ratio(r.cpuWriteTimeRatio)})   simulation / replay = ${ratio(r.simToReplay)} the rate (by CPU ${ratio(r.cpuSimToReplay)})`,
    `  Every run recorded the same ${int(r.events)} events; every written log ended in hash ${r.logHash.slice(0, 16)}…`,
    `  The log was hashed and written ${r.writeThreaded ? 'on a worker thread once it started' : 'on the simulator’s thread'}; CPU time counts every thread.`,
    `  Heap set up as the parley executable sets it (src/cli/heapTuning.ts): ${r.heapFlags}.`,
    `  Mix: ${Object.entries(r.mix).slice(0, 10).map(([k, s]) => `${k} ${(100 * s).toFixed(1)}%`).join(', ')}, … (${Object.keys(r.mix).length} types)`,
    `  Target ≥ ${int(t.simEventsPerSec)} ev/s without writing: ${flag(r.pass.sim)} (${ratio(r.noWrite.eventsPerSec / t.simEventsPerSec)} of target);` +
      ` writing at most ${t.writeTimeRatioAtMost}× the time: ${flag(r.pass.write)} (${ratio(r.writeTimeRatio)})`,
  ];
}
