/**
 * What the shipped scenarios are meant to show, checked as findings rather than golden
 * numbers: the repeated-interaction runs agree with the exact long-run values of their
 * Markov chain within a tolerance derived from the number of rounds, and the cell changes
 * the Paris run the way the counterfactual is meant to reveal, in at least 19 of seeds 1–20.
 */
import { describe, expect, it } from 'vitest';
import { averageTolerance, stationaryTwoParty } from '../../src/sim/game.js';
import type { PolicyKind } from '../../src/sim/plan.js';
import { runScenarioFile, runScenarioInMemory } from './run.js';

/** z = 4: a correct simulator fails this check with probability well under 1e-4. */
const Z = 4;

const bothRestrain = (s: { a: string; b: string }): number => (s.a === 'restrained' && s.b === 'restrained' ? 1 : 0);

describe('repeated interaction under noise', () => {
  for (const file of ['noise-tit-for-tat.yaml', 'noise-generous.yaml', 'noise-tit-for-tat-cell.yaml']) {
    it(`${file}: mutual restraint matches the exact long-run value within z·σ/√N`, async () => {
      const run = await runScenarioFile(file);
      const game = run.plan.game;
      const [a, b] = run.plan.parties;
      if (!game || !a || !b) throw new Error('a game scenario has two parties and a game block');
      const policy = (p: typeof a) => ({ kind: p.policy.kind as PolicyKind, generosity: p.policy.generosity });
      const exact = stationaryTwoParty(policy(a), policy(b), game.epsilon, game.clarify, run.plan.mechanism.enabled, game.payoff);
      // The tolerance comes from the chain's asymptotic variance (autocorrelation included)
      // and the number of rounds, plus the start-up bias bound.
      const tolerance = averageTolerance(exact.stats(bothRestrain), game.rounds, Z);
      const rate = run.outcomes.game?.mutualRestraintRate ?? Number.NaN;
      expect(Math.abs(rate - exact.mutualRestraint)).toBeLessThanOrEqual(tolerance);
      if (file === 'noise-tit-for-tat.yaml') {
        expect(exact.mutualRestraint).toBeCloseTo(0.25, 10);
        expect(exact.meanPayoff).toBeCloseTo(2.25, 10);
      }
    });
  }

  it('generous tit-for-tat and the cell both keep far more mutual restraint than plain tit-for-tat', async () => {
    const tft = (await runScenarioFile('noise-tit-for-tat.yaml')).outcomes.game?.mutualRestraintRate ?? 1;
    const gtft = (await runScenarioFile('noise-generous.yaml')).outcomes.game?.mutualRestraintRate ?? 0;
    const cell = (await runScenarioFile('noise-tit-for-tat-cell.yaml')).outcomes.game?.mutualRestraintRate ?? 0;
    expect(gtft).toBeGreaterThan(2 * tft);
    expect(cell).toBeGreaterThan(2 * tft);
  });
});

describe('the Paris counterfactual', () => {
  it('over seeds 1–20, without the cell misattributions turn into retaliation; with it they are caught', async () => {
    const SEEDS = 20;
    const held = { caught: 0, fewerAccidental: 0, fewerRetaliations: 0, lowerPeak: 0, noCellEndsInConflict: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const withCell = (await runScenarioInMemory('paris-2026.yaml', seed)).outcomes;
      const without = (await runScenarioInMemory('paris-2026-no-cell.yaml', seed)).outcomes;
      if (withCell.misunderstandingsCaught > 0 && without.misunderstandingsCaught === 0) held.caught += 1;
      if (without.accidentalEscalations > withCell.accidentalEscalations) held.fewerAccidental += 1;
      if (without.incidents.retaliations > withCell.incidents.retaliations) held.fewerRetaliations += 1;
      if ((without.ladder.peakIndex ?? 0) > (withCell.ladder.peakIndex ?? 0)) held.lowerPeak += 1;
      if (without.ladder.level === 'conflict') held.noCellEndsInConflict += 1;
    }
    // Each comparison holds in at least 19 of 20 paired seeds.
    expect(held.caught).toBeGreaterThanOrEqual(19);
    expect(held.fewerAccidental).toBeGreaterThanOrEqual(19);
    expect(held.fewerRetaliations).toBeGreaterThanOrEqual(19);
    expect(held.lowerPeak).toBeGreaterThanOrEqual(19);
    // The ladder cools: the counterfactual does not end at the top in every seed by construction.
    expect(held.noCellEndsInConflict).toBeLessThan(SEEDS);
  });

  it('the same scenario and seed give the same log; another seed gives another', async () => {
    const a = await runScenarioFile('paris-2026.yaml');
    const b = await runScenarioFile('paris-2026.yaml');
    const c = await runScenarioFile('paris-2026.yaml', 43);
    expect(b.logSha256).toBe(a.logSha256);
    expect(c.logSha256).not.toBe(a.logSha256);
  });
});
