/**
 * The simulator benchmark's workload: a scenario file (by default bench/sim/workload.yaml,
 * Paris 2026 at a high incident rate), loaded, validated and compiled exactly as `parley run`
 * does, so the timed runs are the runs a user gets.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScenario } from '../../src/scenario/compile.js';
import { formatIssue, loadScenario } from '../../src/scenario/load.js';
import type { Plan } from '../../src/sim/plan.js';
import { PARLEY_VERSION } from '../../src/version.js';

const DEFAULT_FILE = join('bench', 'sim', 'workload.yaml');

/**
 * bench/sim/workload.yaml, found by walking up from this module, so the same code works
 * when run from the sources and from the compiled bench (where the YAML is not copied).
 */
export function defaultWorkloadPath(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`bench: cannot find ${DEFAULT_FILE} in ${start} or above`);
  }
}

/** A compiled workload and what it was compiled from. */
export interface Workload {
  readonly path: string;
  readonly plan: Plan;
}

/**
 * Loads and compiles `path`. `maxEvents` caps the run (it then ends with `SimulationEnded`
 * reason `stopped`, as `parley run --max-events` does); without it the run goes to the horizon.
 * @throws {Error} listing every problem when the scenario is invalid.
 */
export async function loadWorkload(path: string, maxEvents?: number): Promise<Workload> {
  const full = resolve(path);
  const result = await loadScenario(full);
  if (!result.ok) throw new Error(`bench: invalid scenario\n  ${result.issues.map(formatIssue).join('\n  ')}`);
  const plan = compileScenario(result.scenario, {
    hash: result.hash,
    parleyVersion: PARLEY_VERSION,
    ...(maxEvents === undefined ? {} : { maxEvents }),
  });
  return { path: full, plan };
}
