/**
 * Runs a shipped scenario the way `parley run` does, in-process: load, compile, simulate
 * with the log streamed to a file, then the outcomes and expectations. Shared by the golden
 * tests and the CLI tests.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Recorded } from '../../src/core/catalogue.js';
import { createLogFile } from '../../src/log/writer.js';
import { checkExpectations } from '../../src/report/expectations.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { runPlan } from '../../src/sim/simulation.js';
import { PARLEY_VERSION } from '../../src/version.js';

export const SCENARIO_DIR = new URL('../../scenarios/', import.meta.url).pathname;

/** Everything a shipped-scenario test looks at. */
export async function runScenarioFile(file: string, seed?: number) {
  const loaded = await loadScenario(join(SCENARIO_DIR, file));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.message}`).join('\n'));
  const scenario: Scenario = loaded.scenario;
  const plan = compileScenario(scenario, { hash: loaded.hash, source: loaded.source, parleyVersion: PARLEY_VERSION, ...(seed === undefined ? {} : { seed }) });
  const logPath = join(mkdtempSync(join(tmpdir(), 'parley-golden-')), `${file}.jsonl`);
  const writer = await createLogFile(logPath);
  const events: Recorded[] = [];
  const result = runPlan(plan, {
    onEvent: (e) => {
      events.push(e);
      writer.append(e);
    },
  });
  await writer.commit();
  const outcomes = computeOutcomes(result.state);
  const expectations = checkExpectations(scenario.expect, outcomes, plan.ladder.levels);
  const logSha256 = createHash('sha256').update(readFileSync(logPath)).digest('hex');
  return { scenario, plan, result, events, outcomes, expectations, logPath, logSha256 };
}

/**
 * Runs a shipped scenario in-process at `seed` without writing a log (for checks over many
 * seeds), keeping its events.
 */
export async function runScenarioInMemory(file: string, seed: number) {
  const loaded = await loadScenario(join(SCENARIO_DIR, file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const plan = compileScenario(loaded.scenario, { hash: loaded.hash, source: loaded.source, parleyVersion: PARLEY_VERSION, seed });
  const events: Recorded[] = [];
  const result = runPlan(plan, { onEvent: (e) => events.push(e) });
  const outcomes = computeOutcomes(result.state);
  const expectations = checkExpectations(loaded.scenario.expect, outcomes, plan.ladder.levels);
  return { plan, result, events, outcomes, expectations };
}
