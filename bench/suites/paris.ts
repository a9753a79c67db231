/**
 * Simulated runs per second of the shipped Paris scenario, as a sweep makes them: in-process,
 * warm, no log written. Each run compiles the scenario with its own seed (as a sweep over
 * seeds does) and simulates it to the horizon; the cost per run is the plan, the state and
 * the simulation, which is what thousands of small runs pay.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScenario } from '../../src/scenario/compile.js';
import { formatIssue, parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { runPlan } from '../../src/sim/simulation.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { int } from '../lib/format.js';
import { median, timeSettled, type Sample } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { Suite } from '../lib/suite.js';

const FILE = join('scenarios', 'paris-2026.yaml');
/** Runs before timing: a fresh thread's first few hundred runs are JIT warm-up. */
const WARM_UP_RUNS = 300;

/** scenarios/paris-2026.yaml, found by walking up from this module (sources or compiled bench). */
function scenarioPath(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      readFileSync(join(dir, FILE));
      return join(dir, FILE);
    } catch {
      // not in this folder: look one up
    }
  }
  throw new Error(`cannot find ${FILE} above ${start}`);
}

/** The shipped Paris scenario, validated, with its hash. */
export function loadParis(): { scenario: Scenario; hash: string } {
  const path = scenarioPath();
  const result = parseScenario(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`invalid scenario: ${result.issues.map(formatIssue).join('; ')}`);
  return { scenario: result.scenario, hash: result.hash };
}

/** `count` runs with seeds from `firstSeed`; returns the events they recorded. */
function runs(scenario: Scenario, hash: string, firstSeed: number, count: number): number {
  let events = 0;
  for (let i = 0; i < count; i++) {
    events += runPlan(compileScenario(scenario, { hash, parleyVersion: PARLEY_VERSION, seed: firstSeed + i })).events;
  }
  return events;
}

export const suite: Suite = {
  name: 'paris',
  title: 'simulated Paris runs per second, in-process, no log',
  async run({ options }) {
    const { scenario, hash } = loadParis();
    note(`paris: ${WARM_UP_RUNS} warm-up runs`);
    runs(scenario, hash, 1_000_000, WARM_UP_RUNS);
    const samples: Sample[] = [];
    let events = 0;
    for (let round = 1; round <= options.rounds; round++) {
      // The same seeds every round, so every round does the same work.
      samples.push(await timeSettled(() => (events = runs(scenario, hash, 1, options.runs))));
      note(`paris round ${round}/${options.rounds}`);
    }
    const ms = median(samples.map((s) => s.ms));
    const cpuMs = median(samples.map((s) => s.cpuMs));
    const runsPerSec = (options.runs * 1000) / ms;
    const cpuRunsPerSec = (options.runs * 1000) / cpuMs;
    return {
      lines: [
        `3. Simulated runs — scenarios/paris-2026.yaml, seeds 1–${int(options.runs)}, compiled and run in-process, no log, warm;`,
        `   ${(events / options.runs).toFixed(0)} events per run on average; median of ${options.rounds} rounds of ${int(options.runs)} runs.`,
        `   ${runsPerSec.toFixed(0)} runs/s (${(ms / options.runs).toFixed(3)} ms per run); by CPU time ${cpuRunsPerSec.toFixed(0)} runs/s.`,
      ],
      json: {
        scenario: FILE,
        runs: options.runs,
        eventsPerRun: Number((events / options.runs).toFixed(1)),
        runsPerSec: Number(runsPerSec.toFixed(1)),
        cpuRunsPerSec: Number(cpuRunsPerSec.toFixed(1)),
        msPerRun: Number((ms / options.runs).toFixed(4)),
        roundsMs: samples.map((s) => Number(s.ms.toFixed(1))),
      },
    };
  },
};
