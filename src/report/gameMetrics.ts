/**
 * Game metrics of a run that plays repeated-interaction rounds: mutual restraint and mutual
 * strikes, accidents and their clarification, and the mean payoff per party.
 */
import type { ParleyState } from '../core/state.js';
import { ratio } from './stats.js';

/** Repeated-interaction (game) rounds. */
export interface GameMetrics {
  readonly rounds: number;
  readonly mutualRestraint: number;
  readonly mutualStrike: number;
  /** `mutualRestraint / rounds`; `null` before the first round. */
  readonly mutualRestraintRate: number | null;
  readonly mutualStrikeRate: number | null;
  /** Moves that differed from the intended move. */
  readonly accidents: number;
  /** Accidents the other side was told about (`AccidentClarified`). */
  readonly clarifiedAccidents: number;
  /** Total payoff over rounds, per party (keys sorted); `null` before the first round. */
  readonly meanPayoff: Readonly<Record<string, number | null>>;
}

/** The game metrics of `s`; `null` unless the run plays repeated-interaction rounds. */
export function game(s: ParleyState): GameMetrics | null {
  const g = s.game;
  if (!g && !s.meta?.game) return null;
  const rounds = g?.rounds ?? 0;
  const payoffs = g?.payoffs ?? {};
  const meanPayoff: Record<string, number | null> = {};
  for (const p of [...Object.keys(s.meta?.parties ?? {}), ...Object.keys(payoffs)].sort()) {
    meanPayoff[p] = ratio(payoffs[p] ?? 0, rounds);
  }
  return {
    rounds,
    mutualRestraint: g?.mutualRestraint ?? 0,
    mutualStrike: g?.mutualStrike ?? 0,
    mutualRestraintRate: ratio(g?.mutualRestraint ?? 0, rounds),
    mutualStrikeRate: ratio(g?.mutualStrike ?? 0, rounds),
    accidents: g?.accidents ?? 0,
    clarifiedAccidents: g?.clarified ?? 0,
    meanPayoff,
  };
}

/** What a run without rounds contributes, so every run of a sweep has the same game columns. */
export const NO_GAME: { readonly [K in keyof GameMetrics]: GameMetrics[K] extends number | null ? null : object } = {
  rounds: null,
  mutualRestraint: null,
  mutualStrike: null,
  mutualRestraintRate: null,
  mutualStrikeRate: null,
  accidents: null,
  clarifiedAccidents: null,
  meanPayoff: {},
};
