/**
 * The Markov-chain tools behind the game's analytic values and its tests' error bars,
 * checked against textbook closed forms and brute force.
 */
import { UsageError } from '../../src/core/errors.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GamePolicy, Transition } from '../../src/sim/game.js';
import {
  GAME_POLICY_KINDS,
  closedClasses,
  longRun,
  reachable,
  solveLinear,
  stationary,
  stationaryTwoParty,
} from '../../src/sim/game.js';

/** The two-state chain 0 → 1 with probability a, 1 → 0 with probability b. */
const twoState = (a: number, b: number): Transition => [
  [1 - a, a],
  [b, 1 - b],
];

/** Distribution after `steps` steps from `start`. */
function after(P: Transition, start: number, steps: number): number[] {
  let mu: number[] = P.map((_, i) => (i === start ? 1 : 0));
  for (let t = 0; t < steps; t++) mu = P.map((_, j) => mu.reduce((s, m, i) => s + m * (P[i]?.[j] as number), 0));
  return mu;
}

describe('linear algebra and structure', () => {
  it('solves a regular system and refuses a singular one', () => {
    const x = solveLinear([[2, 1, 0], [1, 3, 1], [0, 1, 4]], [3, 5, 5]);
    x.forEach((v) => expect(v).toBeCloseTo(1, 12));
    expect(() => solveLinear([[1, 2], [2, 4]], [1, 2])).toThrow(UsageError);
  });

  it('finds reachable states and closed classes', () => {
    // 0 → {1, 2}; 1 absorbing; 2 ↔ 3.
    const P: Transition = [
      [0, 0.5, 0.5, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ];
    expect(reachable(P, 2)).toEqual([2, 3]);
    expect(reachable(P, 0)).toEqual([0, 1, 2, 3]);
    expect(closedClasses(P)).toEqual([[1], [2, 3]]);
    expect(() => stationary(P)).toThrow('2 closed classes');
  });
});

describe('stationary', () => {
  it('matches the two-state closed form, even for very rare transitions', () => {
    for (const [a, b] of [[0.3, 0.1], [1e-12, 2e-12], [1, 1]] as const) {
      const pi = stationary(twoState(a, b));
      expect(pi[0]).toBeCloseTo(b / (a + b), 14);
      expect(pi[1]).toBeCloseTo(a / (a + b), 14);
    }
  });

  it('gives transient states no weight', () => {
    expect(stationary([[0.5, 0.5, 0], [0, 0.2, 0.8], [0, 0.6, 0.4]])).toEqual([0, expect.closeTo(3 / 7, 14), expect.closeTo(4 / 7, 14)]);
  });

  it('is a fixed point of every two-party chain', () => {
    const policy = fc.record({
      kind: fc.constantFrom(...GAME_POLICY_KINDS),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
    }).map(({ kind, p }): GamePolicy =>
      kind === 'generous-tit-for-tat' ? { kind, generosity: p } : kind === 'probabilistic' ? { kind, retaliate: p } : { kind },
    );
    const unit = fc.double({ min: 0.001, max: 0.999, noNaN: true });
    fc.assert(
      fc.property(policy, policy, unit, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (a, b, eps, c, cell) => {
        const r = stationaryTwoParty(a, b, eps, c, cell);
        const P = r.chain.transition;
        P.forEach((row) => expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12));
        const pi = r.distribution;
        expect(pi.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
        P.forEach((_, j) => expect(pi.reduce((s, p, i) => s + p * (P[i]?.[j] as number), 0)).toBeCloseTo(pi[j] as number, 12));
        const joint = Object.values(r.joint).reduce((s, p) => s + p, 0);
        expect(joint).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('longRun', () => {
  it('matches the two-state asymptotic variance π₀π₁(1 + λ)/(1 − λ), λ = 1 − a − b', () => {
    for (const [a, b] of [[0.3, 0.1], [0.01, 0.02], [0.9, 0.8]] as const) {
      const P = twoState(a, b);
      const s = longRun(P, stationary(P), [0, 1]);
      const p1 = a / (a + b);
      const l = 1 - a - b;
      expect(s.mean).toBeCloseTo(p1, 12);
      expect(s.asymptoticVariance).toBeCloseTo((p1 * (1 - p1) * (1 + l)) / (1 - l), 9);
    }
  });

  it('bounds the start-up bias of the average by B/N, periodic chains included', () => {
    const chains: Transition[] = [
      twoState(0.05, 0.02),
      [[0, 1], [1, 0]],
      [[0.5, 0.5, 0], [0, 0.2, 0.8], [0, 0.6, 0.4]],
    ];
    for (const P of chains) {
      const pi = stationary(P);
      const f = P.map((_, i) => i * i - 1);
      const s = longRun(P, pi, f);
      for (const start of P.keys()) {
        let sum = 0;
        for (let t = 1; t <= 300; t++) {
          sum += after(P, start, t).reduce((acc, m, i) => acc + m * (f[i] as number), 0) - s.mean;
          expect(Math.abs(sum / t)).toBeLessThanOrEqual(s.biasBound / t + 1e-12);
        }
      }
    }
  });

  it('has zero variance for a function constant on the closed class', () => {
    const P: Transition = [[0.5, 0.5, 0], [0, 0.2, 0.8], [0, 0.6, 0.4]];
    expect(longRun(P, stationary(P), [7, 1, 1]).asymptoticVariance).toBeCloseTo(0, 12);
  });
});
