/**
 * The Paris scenario with hostile text everywhere a scenario author can type text: party,
 * supervisor and scenario names, and the `where:` of incidents. A report must show all of it
 * as text and run none of it.
 */
import { readFileSync } from 'node:fs';
import type { Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runPlan } from '../../src/sim/simulation.js';
import { PARLEY_VERSION } from '../../src/version.js';

export const HOSTILE = {
  scenario: '<script>alert(0)</script> Paris & co',
  syria: '<img src=x onerror=alert(1)>',
  israel: '</script><script>alert(2)</script>',
  supervisor: '<!-- <svg onload=alert(4)> -->',
  where: '"><svg onload=alert(3)>\u2028',
} as const;

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url);

/** The scenario's YAML text (JSON strings are YAML double-quoted scalars). */
export function hostileScenario(): string {
  const q = (s: string): string => JSON.stringify(s);
  return readFileSync(PARIS, 'utf8')
    .replace(/^name: .*$/m, `name: ${q(HOSTILE.scenario)}`)
    .replace(/^ {4}name: Syria$/m, `    name: ${q(HOSTILE.syria)}`)
    .replace(/^ {4}name: Israel$/m, `    name: ${q(HOSTILE.israel)}`)
    .replace(/^ {2}name: United States$/m, `  name: ${q(HOSTILE.supervisor)}`)
    .replace(/where: Quneitra countryside/, `where: ${q(HOSTILE.where)}`)
    .replace(/where: Golan line of contact/, `where: ${q(HOSTILE.where)}`);
}

/** The events of a run of {@link hostileScenario}. */
export function hostileEvents(): Recorded[] {
  const loaded = parseScenario(hostileScenario(), 'hostile.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.message}`).join('\n'));
  const plan = compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: PARLEY_VERSION });
  const events: Recorded[] = [];
  runPlan(plan, { onEvent: (e) => void events.push(e) });
  return events;
}
