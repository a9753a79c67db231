/**
 * The repeated game against the exact theory.
 *
 * How the tolerances are derived (none is hand-picked). Every quantity checked is the
 * average over N rounds of a function f of the chain's state (the mutual-restraint indicator,
 * a party's payoff, the number of clarifications). For an ergodic finite chain the Markov
 * chain central limit theorem gives √N (average − π f) → Normal(0, σ²), where
 *   σ² = Var_π f + 2 Σ_{k≥1} Cov_π(f(X₀), f(X_k))
 * is the asymptotic variance: the i.i.d. variance inflated by the chain's autocorrelation
 * (for tit-for-tat at ε = 0.01 a strike echoes for ~50 rounds, and σ² is ~80× Var_π f).
 * `longRun` computes σ² exactly from the transition matrix through the Poisson equation,
 * and also a bound B/N on the bias of starting from round 1 instead of from π. So
 *   tolerance = z · σ / √N + B / N,   z = 4,
 * which a correct simulation exceeds with probability ≈ 6·10⁻⁵ per check. Seeds are fixed,
 * so the tests are deterministic; z = 4 just means a pass is not a lucky seed.
 *
 * N = 200 000 rounds per run keeps each run well under a second and every tolerance below
 * 0.04 on the restraint rate (0.036 at worst, TFT at ε = 0.01), while the effects tested
 * are ≥ 0.19 (cell at clarify 0.5) and 0.52 (GTFT vs TFT at ε = 0.05); each test also
 * asserts that its tolerance is small against the effect it claims to see.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GamePolicy, LongRun, PartyState, TwoPartyStationary } from '../../src/sim/game.js';
import { DEFAULT_PAYOFF, RepeatedGame, averageTolerance, moveOf, pairPayoff, stationaryTwoParty } from '../../src/sim/game.js';
import { Rng } from '../../src/sim/rng.js';

const N = 200_000;
const Z = 4;
const TFT: GamePolicy = { kind: 'tit-for-tat' };
const GTFT: GamePolicy = { kind: 'generous-tit-for-tat', generosity: 1 / 3 };
const EPSILONS = [0.01, 0.05, 0.2];

type S = { readonly a: PartyState; readonly b: PartyState };
const bothRestrain = (s: S): number => (moveOf(s.a) === 'restrain' && moveOf(s.b) === 'restrain' ? 1 : 0);
const payA = (s: S): number => pairPayoff(DEFAULT_PAYOFF, moveOf(s.a), moveOf(s.b));
const payB = (s: S): number => pairPayoff(DEFAULT_PAYOFF, moveOf(s.b), moveOf(s.a));
const clarified = (s: S): number => (s.a === 'clarified' ? 1 : 0) + (s.b === 'clarified' ? 1 : 0);

/** Running averages of one simulated run. */
interface Averages {
  readonly mutualRestraint: number;
  readonly payoffA: number;
  readonly payoffB: number;
  readonly clarifications: number;
}

const runs = new Map<string, Averages>();

/** Plays N rounds (memoised: several tests compare the same runs). */
function simulate(a: GamePolicy, b: GamePolicy, epsilon: number, clarify: number, cellEnabled: boolean): Averages {
  const key = JSON.stringify([a, b, epsilon, clarify, cellEnabled]);
  const known = runs.get(key);
  if (known) return known;
  const game = new RepeatedGame(
    [
      { id: 'a', policy: a },
      { id: 'b', policy: b },
    ],
    { rounds: N, epsilon, payoff: DEFAULT_PAYOFF, clarify, cellEnabled },
    Rng.seeded(20260106).split('game'),
  );
  let rr = 0;
  let pa = 0;
  let pb = 0;
  let cl = 0;
  for (const r of game) {
    if (r.moves.a === 'restrain' && r.moves.b === 'restrain') rr += 1;
    pa += r.payoffs.a as number;
    pb += r.payoffs.b as number;
    cl += r.clarifications.length;
  }
  const out = { mutualRestraint: rr / N, payoffA: pa / N, payoffB: pb / N, clarifications: cl / N };
  runs.set(key, out);
  return out;
}

/** Asserts |observed − π f| ≤ tolerance(N) and returns the tolerance. */
function expectWithin(observed: number, stats: LongRun): number {
  const tol = averageTolerance(stats, N, Z);
  expect(Math.abs(observed - stats.mean), `observed ${observed}, exact ${stats.mean}, tolerance ${tol}`).toBeLessThanOrEqual(tol);
  return tol;
}

/** Checks every average of a run against the exact chain; returns the restraint tolerance. */
function expectMatches(sim: Averages, exact: TwoPartyStationary): number {
  const tol = expectWithin(sim.mutualRestraint, exact.stats(bothRestrain));
  expectWithin(sim.payoffA, exact.stats(payA));
  expectWithin(sim.payoffB, exact.stats(payB));
  expectWithin(sim.clarifications, exact.stats(clarified));
  return tol;
}

describe('stationaryTwoParty', () => {
  it('gives 25 % mutual restraint and 2.25 mean payoff for tit-for-tat pairs at any ε in (0, 1)', () => {
    const check = (eps: number): void => {
      const r = stationaryTwoParty(TFT, TFT, eps, 0, false);
      expect(r.mutualRestraint).toBeCloseTo(0.25, 12);
      expect(r.mutualStrike).toBeCloseTo(0.25, 12);
      expect(r.joint['restrain/strike']).toBeCloseTo(0.25, 12);
      expect(r.meanPayoff).toBeCloseTo(2.25, 12);
      expect(r.payoffs[0]).toBeCloseTo(2.25, 12);
      expect(r.payoffs[1]).toBeCloseTo(2.25, 12);
    };
    for (const eps of [1e-6, 0.01, 0.05, 0.2, 0.5, 0.9, 1 - 1e-6]) check(eps);
    fc.assert(fc.property(fc.double({ min: 1e-4, max: 1 - 1e-4, noNaN: true }), (eps) => check(eps)));
  });

  it('ignores clarify when the cell is disabled', () => {
    expect(stationaryTwoParty(TFT, TFT, 0.05, 1, false).mutualRestraint).toBeCloseTo(0.25, 12);
  });

  it('matches the closed form for tit-for-tat with the cell', () => {
    // Each party's perceived move is a two-state chain: an unclarified accident (ε(1−c))
    // starts an echo, an accident on a retaliation (ε) ends it, so P(perceived strike) =
    // (1−c)/(2−c) whatever ε; a party restrains with q = π_R(1−ε) + π_S ε, independently.
    for (const eps of EPSILONS) {
      for (const c of [0.25, 0.5, 1]) {
        const piS = (1 - c) / (2 - c);
        const q = (1 - piS) * (1 - eps) + piS * eps;
        const r = stationaryTwoParty(TFT, TFT, eps, c, true);
        expect(r.mutualRestraint).toBeCloseTo(q * q, 12);
        const { R, S, T, P } = DEFAULT_PAYOFF;
        expect(r.meanPayoff).toBeCloseTo(q * q * R + q * (1 - q) * (S + T) + (1 - q) ** 2 * P, 12);
        expect(r.clarifications).toBeCloseTo(2 * (1 - piS) * eps * c, 12);
      }
    }
  });

  it('matches the closed form for generous tit-for-tat without the cell', () => {
    // Each party strikes with ε after restraint and with (1−g)(1−ε)+gε after a strike.
    for (const eps of EPSILONS) {
      const g = 1 / 3;
      const afterStrike = (1 - g) * (1 - eps) + g * eps;
      const piS = eps / (eps + 1 - afterStrike);
      expect(stationaryTwoParty(GTFT, GTFT, eps, 0, false).mutualRestraint).toBeCloseTo((1 - piS) ** 2, 12);
    }
  });

  it('matches the closed form for hawk against dove', () => {
    const eps = 0.1;
    const r = stationaryTwoParty({ kind: 'hawk' }, { kind: 'dove' }, eps, 1, true);
    expect(r.mutualRestraint).toBeCloseTo(eps * (1 - eps), 12);
    expect(r.joint['strike/restrain']).toBeCloseTo((1 - eps) ** 2, 12);
    // Every strike of the dove is an accident and is clarified; the hawk's never are.
    expect(r.clarifications).toBeCloseTo(eps, 12);
  });

  it('computes the asymptotic variance of the tit-for-tat chain exactly', () => {
    // f = [both restrain] is a product of two independent ±1-flip chains with λ = 1 − 2ε:
    // Cov(f₀, f_k) = λ^k/8 + λ^{2k}/16, so σ² = 3/16 + 2(λ/(8(1−λ)) + λ²/(16(1−λ²))).
    for (const eps of EPSILONS) {
      const l = 1 - 2 * eps;
      const sigma2 = 3 / 16 + 2 * (l / (8 * (1 - l)) + (l * l) / (16 * (1 - l * l)));
      expect(stationaryTwoParty(TFT, TFT, eps, 0, false).stats(bothRestrain).asymptoticVariance).toBeCloseTo(sigma2, 9);
    }
  });
});

describe('RepeatedGame converges to the exact long-run values', () => {
  it.each(EPSILONS)('tit-for-tat pairs without the cell: mutual restraint 0.25, payoff 2.25 (ε = %s)', (eps) => {
    const exact = stationaryTwoParty(TFT, TFT, eps, 0, false);
    expect(exact.mutualRestraint).toBeCloseTo(0.25, 12);
    const sim = simulate(TFT, TFT, eps, 0, false);
    const tol = expectMatches(sim, exact);
    expect(sim.clarifications).toBe(0);
    expect(tol).toBeLessThan(0.04);
  });

  it('generous tit-for-tat keeps far more mutual restraint than tit-for-tat', () => {
    const eps = 0.05;
    const exact = stationaryTwoParty(GTFT, GTFT, eps, 0, false);
    const tol = expectMatches(simulate(GTFT, GTFT, eps, 0, false), exact);
    // The gap to 25 % is many tolerances wide, so the simulation alone shows it.
    expect(exact.mutualRestraint - 0.25).toBeGreaterThan(10 * tol);
    expect(simulate(GTFT, GTFT, eps, 0, false).mutualRestraint).toBeGreaterThan(0.7);
  });

  describe.each(EPSILONS)('the cell, ε = %s', (eps) => {
    it.each([0.5, 1])('clarify = %s raises mutual restraint and payoffs to the exact values', (c) => {
      const off = simulate(TFT, TFT, eps, c, false);
      const on = simulate(TFT, TFT, eps, c, true);
      const exactOff = stationaryTwoParty(TFT, TFT, eps, c, false);
      const exactOn = stationaryTwoParty(TFT, TFT, eps, c, true);
      const tolOff = expectMatches(off, exactOff);
      const tolOn = expectMatches(on, exactOn);
      // Meaningful: the exact effect exceeds both bands together, so "higher" is not noise.
      expect(exactOn.mutualRestraint - exactOff.mutualRestraint).toBeGreaterThan(2 * (tolOn + tolOff));
      expect(on.mutualRestraint).toBeGreaterThan(off.mutualRestraint + tolOn + tolOff);
      expect((on.payoffA + on.payoffB) / 2).toBeGreaterThan((off.payoffA + off.payoffB) / 2);
      expect(on.clarifications).toBeGreaterThan(0);
    });
  });

  it('matches the exact 9-state chain for asymmetric policies with partial clarification', () => {
    const a: GamePolicy = { kind: 'probabilistic', retaliate: 0.7 };
    const b: GamePolicy = { kind: 'generous-tit-for-tat', generosity: 0.2 };
    const exact = stationaryTwoParty(a, b, 0.1, 0.5, true);
    expect(exact.chain.states).toHaveLength(9);
    expectMatches(simulate(a, b, 0.1, 0.5, true), exact);
  });
});
