/**
 * Repeated-interaction mode: the game-theoretic core of Parley. Parties play rounds of
 * restrain-or-strike under accidents, optionally with a cell that clarifies accidental
 * strikes; `stationaryTwoParty` gives the exact long-run values the simulation tends to.
 */
export { RepeatedGame } from './game/repeatedGame.js';
export type { GameParty } from './game/repeatedGame.js';
export { stationaryTwoParty, twoPartyChain, moveOf } from './game/twoParty.js';
export type { PartyState, TwoPartyChain, TwoPartyStationary } from './game/twoParty.js';
export { averageTolerance, closedClasses, longRun, reachable, solveLinear, stationary } from './game/markov.js';
export type { LongRun, Transition } from './game/markov.js';
export { DEFAULT_GENEROSITY, DEFAULT_RETALIATE, intend, strikeChances } from './game/policy.js';
export type { StrikeChances } from './game/policy.js';
export { pairPayoff, roundPayoffs } from './game/payoff.js';
export { roundFacts } from './game/facts.js';
export { DEFAULT_PAYOFF, GAME_POLICY_KINDS, checkPolicy, checkProbability, checkSettings } from './game/types.js';
export type { GamePolicy, GamePolicyKind, GameSettings, Move, Payoff, RoundOutcome } from './game/types.js';
