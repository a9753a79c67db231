/**
 * Payoffs of a round. With two parties a party's payoff is its entry of the matrix; with
 * more, each party plays the 2×2 game against every other one and gets the mean, which keeps
 * payoffs on the matrix's scale whatever the number of parties.
 */
import type { Move, Payoff } from './types.js';

/** What `mine` earns against `theirs`. */
export function pairPayoff(payoff: Payoff, mine: Move, theirs: Move): number {
  if (mine === 'restrain') return theirs === 'restrain' ? payoff.R : payoff.S;
  return theirs === 'restrain' ? payoff.T : payoff.P;
}

/** Each party's payoff: the mean of its pairwise payoffs against every other party. */
export function roundPayoffs(payoff: Payoff, moves: readonly Move[]): number[] {
  const n = moves.length;
  return moves.map((mine, i) => {
    let sum = 0;
    for (let j = 0; j < n; j++) if (j !== i) sum += pairPayoff(payoff, mine, moves[j] as Move);
    return sum / (n - 1);
  });
}
