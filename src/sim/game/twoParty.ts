/**
 * The exact long-run behaviour of a two-party game, as a Markov chain.
 *
 * State space. Policies have one round of memory, but what they remember is what they
 * PERCEIVED, while payoffs depend on what was actually DONE; with the cell the two differ.
 * So each party's state after a round is one of
 *   restrained  — it restrained (and was seen to),
 *   struck      — it struck and the other side perceived a strike,
 *   clarified   — it struck by accident and the cell told the other side so before it moved,
 * and the chain runs on the 9 pairs. The next round depends only on the perceptions (the
 * other side is provoked iff the state is `struck`); the moves and payoffs only on the
 * actual moves (`restrained` vs the other two). Without the cell `clarified` never occurs
 * and the chain reduces to the familiar 4-state chain on (A move, B move).
 */
import type { StrikeChances } from './policy.js';
import { strikeChances } from './policy.js';
import { pairPayoff } from './payoff.js';
import type { LongRun } from './markov.js';
import { longRun, reachable, stationary } from './markov.js';
import type { GamePolicy, Move, Payoff } from './types.js';
import { DEFAULT_PAYOFF, checkPolicy, checkProbability } from './types.js';

/** What a party did last round, and how the other side perceived it. */
export type PartyState = 'restrained' | 'struck' | 'clarified';
const PARTY_STATES: readonly PartyState[] = ['restrained', 'struck', 'clarified'];

/** The move a party state stands for. */
export function moveOf(s: PartyState): Move {
  return s === 'restrained' ? 'restrain' : 'strike';
}

/** The two-party chain restricted to the states reachable from the first round. */
export interface TwoPartyChain {
  /** `states[i]` is the state after a round: what A and B did and how it was perceived. */
  readonly states: ReadonlyArray<{ readonly a: PartyState; readonly b: PartyState }>;
  /** Row-stochastic transition matrix over `states`. */
  readonly transition: ReadonlyArray<ReadonlyArray<number>>;
  /** Index of the virtual round 0 (both restrained: nobody is provoked in round 1). */
  readonly start: number;
}

/**
 * Probabilities of a party's next state given whether it is provoked: it intends to strike
 * with probability s, the move flips with probability ε, and an accidental strike is
 * clarified with probability c (0 without the cell). An accidental restraint needs no
 * clarification: it is seen as restraint.
 */
function partyStep(ch: StrikeChances, provoked: boolean, epsilon: number, c: number): Record<PartyState, number> {
  const s = provoked ? ch.provoked : ch.calm;
  return {
    restrained: s * epsilon + (1 - s) * (1 - epsilon),
    struck: s * (1 - epsilon) + (1 - s) * epsilon * (1 - c),
    clarified: (1 - s) * epsilon * c,
  };
}

/** Builds the chain of a two-party game (see the module comment for the state space). */
export function twoPartyChain(
  policyA: GamePolicy,
  policyB: GamePolicy,
  epsilon: number,
  clarify: number,
  cellEnabled: boolean,
): TwoPartyChain {
  checkPolicy(policyA, 'policyA');
  checkPolicy(policyB, 'policyB');
  checkProbability('epsilon', epsilon);
  checkProbability('clarify', clarify);
  const c = cellEnabled ? clarify : 0;
  const chA = strikeChances(policyA);
  const chB = strikeChances(policyB);
  const all = PARTY_STATES.flatMap((a) => PARTY_STATES.map((b) => ({ a, b })));
  const full = all.map(({ a, b }) => {
    // A reacts to how it perceived B, and B to how it perceived A.
    const nextA = partyStep(chA, b === 'struck', epsilon, c);
    const nextB = partyStep(chB, a === 'struck', epsilon, c);
    return all.map((s) => nextA[s.a] * nextB[s.b]);
  });
  const startFull = all.findIndex((s) => s.a === 'restrained' && s.b === 'restrained');
  const keep = reachable(full, startFull);
  return {
    states: keep.map((i) => all[i] as { a: PartyState; b: PartyState }),
    transition: keep.map((i) => keep.map((j) => (full[i] as number[])[j] as number)),
    start: keep.indexOf(startFull),
  };
}

/** The long-run behaviour of a two-party game. */
export interface TwoPartyStationary {
  readonly chain: TwoPartyChain;
  /** Stationary distribution over `chain.states`. */
  readonly distribution: readonly number[];
  /** Long-run share of rounds with each (A move, B move), keyed `"<A move>/<B move>"`. */
  readonly joint: Readonly<Record<`${Move}/${Move}`, number>>;
  readonly mutualRestraint: number;
  readonly mutualStrike: number;
  /** Mean payoff per round of A and of B. */
  readonly payoffs: readonly [number, number];
  /** Mean of the two parties' mean payoffs. */
  readonly meanPayoff: number;
  /** Mean number of accidental strikes clarified through the cell per round. */
  readonly clarifications: number;
  /** Long-run statistics (mean, asymptotic variance, bias bound) of any function of the state. */
  stats(f: (s: { readonly a: PartyState; readonly b: PartyState }) => number): LongRun;
}

/**
 * The exact long-run (stationary) behaviour of two parties with one-round-memory policies,
 * from the 9-state chain restricted to the states reachable from round 1. It is the limit of
 * the running averages of `RepeatedGame` as the number of rounds grows. For ε in (0, 1) the
 * chain always has a single closed class (both restraining can follow any state); at ε = 0
 * or 1 a UsageError is thrown if the long run would depend on early chance.
 * @example
 * const tft = { kind: 'tit-for-tat' } as const;
 * stationaryTwoParty(tft, tft, 0.05, 0, false).mutualRestraint; // 0.25 for any ε in (0, 1)
 * stationaryTwoParty(tft, tft, 0.05, 1, true).mutualRestraint;  // (1 − ε)² = 0.9025
 */
export function stationaryTwoParty(
  policyA: GamePolicy,
  policyB: GamePolicy,
  epsilon: number,
  clarify: number,
  cellEnabled: boolean,
  payoff: Payoff = DEFAULT_PAYOFF,
): TwoPartyStationary {
  const chain = twoPartyChain(policyA, policyB, epsilon, clarify, cellEnabled);
  const pi = stationary(chain.transition);
  const expect = (f: (s: { a: PartyState; b: PartyState }) => number): number =>
    chain.states.reduce((sum, s, i) => sum + (pi[i] as number) * f(s), 0);
  const share = (a: Move, b: Move): number => expect((s) => (moveOf(s.a) === a && moveOf(s.b) === b ? 1 : 0));
  const payA = expect((s) => pairPayoff(payoff, moveOf(s.a), moveOf(s.b)));
  const payB = expect((s) => pairPayoff(payoff, moveOf(s.b), moveOf(s.a)));
  const joint = {
    'restrain/restrain': share('restrain', 'restrain'),
    'restrain/strike': share('restrain', 'strike'),
    'strike/restrain': share('strike', 'restrain'),
    'strike/strike': share('strike', 'strike'),
  };
  return {
    chain,
    distribution: pi,
    joint,
    mutualRestraint: joint['restrain/restrain'],
    mutualStrike: joint['strike/strike'],
    payoffs: [payA, payB],
    meanPayoff: (payA + payB) / 2,
    clarifications: expect((s) => (s.a === 'clarified' ? 1 : 0) + (s.b === 'clarified' ? 1 : 0)),
    stats: (f) => longRun(chain.transition, pi, chain.states.map(f)),
  };
}
