/**
 * Probability expectations (`expect: - probability: { <check>, atLeast, atMost }`): the
 * schema's rules, judged on the share of runs where the check held, ignored by a single run.
 */
import { describe, expect, it } from 'vitest';
import { checkExpectations, judgeProbability } from '../../src/report/expectations.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { initialState } from '../../src/core/state.js';
import { innerCheck, probabilityChecks } from '../../src/scenario/expect.js';
import { parseScenario } from '../../src/scenario/load.js';
import { PARIS_FILE } from './fixtures.js';
import { readFileSync } from 'node:fs';

const withExpect = (lines: string) =>
  parseScenario(readFileSync(PARIS_FILE, 'utf8').replace(/expect:\n[\s\S]*$/, `expect:\n${lines}\n`), 'p.yaml');

describe('probability expectations in a scenario', () => {
  it('accepts one check with atLeast and/or atMost beside single-run checks', () => {
    const r = withExpect('  - { ladderPeakAtMost: crisis }\n  - probability: { ladderPeakAtMost: crisis, atLeast: 0.7 }\n  - probability: { cellSuspended: true, atMost: 0.1, atLeast: 0 }');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const checks = probabilityChecks(r.scenario.expect);
    expect(checks).toEqual([{ ladderPeakAtMost: 'crisis', atLeast: 0.7 }, { cellSuspended: true, atMost: 0.1, atLeast: 0 }]);
    expect(checks.map(innerCheck)).toEqual([{ ladderPeakAtMost: 'crisis' }, { cellSuspended: true }]);
  });

  it.each([
    ['probability: { atLeast: 0.7 }', /a probability needs one check/],
    ['probability: { ladderPeakAtMost: crisis }', /give atLeast, atMost or both/],
    ['probability: { ladderPeakAtMost: crisis, incidentsAtMost: 3, atLeast: 0.5 }', /one check per list item/],
    ['probability: { ladderPeakAtMost: crisis, atLeast: 0.8, atMost: 0.2 }', /atMost \(0\.2\) is below atLeast \(0\.8\)/],
    ['probability: { ladderPeakAtMost: crisis, atLeast: 1.5 }', /probability\.atLeast/],
    ['probability: { ladderPeakAtMots: crisis, atLeast: 0.5 }', /did you mean "ladderPeakAtMost"/],
  ])('refuses %s with its path', (item, message) => {
    const r = withExpect(`  - ${item}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(message);
  });

  it('is not judged by a single run', () => {
    const report = checkExpectations([{ probability: { ladderPeakAtMost: 'calm', atLeast: 1 } }, { incidentsAtMost: 0 }], computeOutcomes(initialState()), ['calm']);
    expect(report.results.map((r) => r.expectation)).toEqual(['incidentsAtMost: 0']);
  });
});

describe('judgeProbability', () => {
  const e = { probability: { ladderPeakAtMost: 'crisis', atLeast: 0.7, atMost: 0.9 } } as const;

  it('holds when the observed share is within the bounds, and says so with the interval', () => {
    expect(judgeProbability(e, 80, 100, [0.71, 0.87])).toEqual({
      expectation: 'probability: { ladderPeakAtMost: crisis, atLeast: 0.7, atMost: 0.9 }',
      ok: true,
      actual: 'held in 80 of 100 runs: 0.8 (95 % interval 0.71–0.87)',
    });
    expect(judgeProbability(e, 70, 100, null).ok).toBe(true);
    expect(judgeProbability(e, 69, 100, null).ok).toBe(false);
    expect(judgeProbability(e, 91, 100, null).ok).toBe(false);
  });

  it('fails without successful runs', () => {
    expect(judgeProbability(e, 0, 0, null)).toMatchObject({ ok: false, actual: 'no successful runs' });
  });
});
