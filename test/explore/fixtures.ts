/** Scenario files and grids the explore tests share. */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.js';
import { prepareGrid, type Grid, type ScenarioSource } from '../../src/explore/prepare.js';

export const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
export const PARIS_FILE = `${SCENARIOS}paris-2026.yaml`;

/** A shipped scenario (or any text) as a validated source. */
export function source(file: string, text = readFileSync(file, 'utf8')): ScenarioSource {
  const r = parseScenario(text, file);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return { file, source: r.source, hash: r.hash, scenario: r.scenario };
}

/** The grid of `sets` over the Paris scenario. */
export const parisGrid = (sets: readonly string[] = []): Grid => prepareGrid(source(PARIS_FILE), sets);
