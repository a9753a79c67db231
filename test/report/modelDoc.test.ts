/**
 * docs/model.md cannot silently fall behind the outcomes: every metric name the summary and
 * `--json` report (as `flattenOutcomes` names it, record keys by their placeholder, and each
 * field of a race row) is in its Metrics section, and every name that section lists is one
 * the outcomes still have.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flattenOutcomes, type Outcomes } from '../../src/report/metrics.js';
import { runScenarioInMemory } from '../scenarios/run.js';

const DOC = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');

/** Records keyed by what the run holds (kinds, actors, levels, parties), and their placeholder. */
const RECORDS: ReadonlyArray<readonly [string, string]> = [
  ['incidents.byKind.', '<kind>'],
  ['incidents.byParty.', '<actor>'],
  ['ladder.timeAt.', '<level>'],
  ['ladder.firstAt.', '<level>'],
  ['game.meanPayoff.', '<party>'],
];

/** The documented name of an outcome key: a record key becomes its placeholder. */
function nameOf(key: string): string {
  const record = RECORDS.find(([prefix]) => key.startsWith(prefix));
  return record ? `${record[0]}${record[1]}` : key;
}

/** Every metric name `o` reports: its sweep columns and the fields of its race rows. */
function names(o: Outcomes): Set<string> {
  const out = new Set(Object.keys(flattenOutcomes(o)).map(nameOf));
  for (const row of o.races.rows) for (const field of Object.keys(row)) out.add(`races.rows[].${field}`);
  return out;
}

/** The names the Metrics section lists: every backticked name in a table row's first cell. */
function documented(): Set<string> {
  const section = DOC.slice(DOC.indexOf('\n## Metrics'), DOC.indexOf('\n## Modelling assumptions'));
  const out = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (cell === undefined || cell === 'name') continue;
    for (const m of cell.matchAll(/`([^`]+)`/g)) out.add(m[1] as string);
  }
  return out;
}

describe('docs/model.md', () => {
  it('documents every metric the outcomes report, and lists none they no longer have', async () => {
    // Paris has races (so race rows), the game scenario has the game columns.
    const emitted = new Set<string>();
    for (const file of ['paris-2026.yaml', 'noise-tit-for-tat-cell.yaml']) {
      const { outcomes } = await runScenarioInMemory(file, 42);
      for (const n of names(outcomes)) emitted.add(n);
    }
    expect(emitted.has('races.rows[].marginMs')).toBe(true);
    expect(emitted.has('game.meanPayoff.<party>')).toBe(true);
    const listed = documented();
    expect([...emitted].filter((n) => !listed.has(n))).toEqual([]);
    expect([...listed].filter((n) => !emitted.has(n))).toEqual([]);
  });

  it('is linked from the README, which defines both misunderstanding counts', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('(docs/model.md)');
    expect(readme).toMatch(/\*\*Consequential misunderstandings caught\*\*[^\n]*\n[^\n]*`consequentialMisunderstandingsCaught`/);
    expect(readme).toMatch(/\*\*Misunderstandings caught\*\* \(`misunderstandingsCaught`\)/);
  });
});
