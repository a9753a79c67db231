/**
 * The benchmark's workload, built the same way in the parent and in every child process
 * (deterministic: same seed, same log), so children need no event data over IPC.
 */
import type { Recorded } from '../../src/core/catalogue.js';
import { buildLog } from '../workload/copies.js';
import { generateUnit, type Unit } from '../workload/unit.js';

/** Seed and size of the generated episode every log is built from. */
export interface WorkloadSpec {
  readonly seed: number;
  readonly unitSteps: number;
}

/** The default episode: ~5,400 events of mixed mechanism traffic. */
export const DEFAULT_SPEC: WorkloadSpec = { seed: 20260106, unitSteps: 20_000 };

const units = new Map<string, Unit>();

/** The episode for `spec` (memoized: generating it takes about a second). */
export function unitFor(spec: WorkloadSpec): Unit {
  const key = `${spec.seed}/${spec.unitSteps}`;
  let unit = units.get(key);
  if (!unit) units.set(key, (unit = generateUnit({ seed: spec.seed, steps: spec.unitSteps })));
  return unit;
}

/** The first `events` events of the benchmark log, in memory. */
export function logFor(spec: WorkloadSpec, events: number): Recorded[] {
  return buildLog(unitFor(spec), events);
}
