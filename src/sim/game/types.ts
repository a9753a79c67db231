/**
 * Vocabulary of the repeated-interaction mode: the payoff matrix, the policies a party can
 * play, the settings of a run and what one round produces. Checks of user-supplied numbers
 * live here too, so that both the simulation and the analytic helper refuse the same input.
 */
import { UsageError } from '../../core/errors.js';
import type { Move } from '../../core/catalogue.js';

export type { Move } from '../../core/catalogue.js';

/**
 * A symmetric 2×2 payoff matrix, named as in the prisoner's dilemma literature: mutual
 * restraint pays R (reward), mutual strike P (punishment); a striker facing restraint gets
 * T (temptation) and the restrained side S (sucker's payoff).
 */
export interface Payoff {
  readonly R: number;
  readonly S: number;
  readonly T: number;
  readonly P: number;
}

/** Axelrod's matrix: T > R > P > S and 2R > T + S, the classic iterated prisoner's dilemma. */
export const DEFAULT_PAYOFF: Payoff = { R: 3, S: 0, T: 5, P: 1 };

/** Every policy kind a party can play in a round. */
export const GAME_POLICY_KINDS = [
  'scripted',
  'tit-for-tat',
  'generous-tit-for-tat',
  'hawk',
  'dove',
  'probabilistic',
] as const;
export type GamePolicyKind = (typeof GAME_POLICY_KINDS)[number];

/**
 * How a party chooses its intended move from what it perceived of the others last round.
 * All kinds have one round of memory, which is what makes the exact analysis possible.
 */
export interface GamePolicy {
  readonly kind: GamePolicyKind;
  /**
   * generous-tit-for-tat (ignored by other kinds): probability of restraining after a
   * perceived strike. Defaults to
   * 1/3, Nowak and Sigmund's value min(1 − (T−R)/(R−S), (R−P)/(T−P)) for the default matrix.
   */
  readonly generosity?: number;
  /** probabilistic (ignored by other kinds): probability of striking after a perceived strike (default 0.5). */
  readonly retaliate?: number;
}

/** Parameters of a repeated game. */
export interface GameSettings {
  /** How many rounds the run has (`RepeatedGame` refuses to play more). */
  readonly rounds: number;
  /** Probability that an intended move is flipped by accident, in either direction. */
  readonly epsilon: number;
  readonly payoff: Payoff;
  /**
   * Probability that an accidental strike (intended restraint, actual strike) is clarified
   * through the cell to a given other party before that party moves again.
   */
  readonly clarify: number;
  /** Without the cell nothing is ever clarified (the counterfactual). */
  readonly cellEnabled: boolean;
}

/** What one round produced. Records are keyed by party id, in the parties' order. */
export interface RoundOutcome {
  /** 1-based. */
  readonly round: number;
  readonly intended: Record<string, Move>;
  readonly moves: Record<string, Move>;
  /** Payoff of this round per party (mean of its pairwise payoffs when there are > 2 parties). */
  readonly payoffs: Record<string, number>;
  /** Accidental strikes explained through the cell: `by` struck by accident, `to` was told. */
  readonly clarifications: Array<{ readonly by: string; readonly to: string }>;
}

/** A probability supplied by a user: a finite number in [0, 1]. */
export function checkProbability(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new UsageError(`[game] ${name} must be a probability in [0, 1], got ${value}`, 'GAME');
  }
}

/**
 * Refuses a policy of unknown kind or whose parameters are not probabilities. A parameter
 * that the kind does not use is checked but ignored (tit-for-tat ignores `generosity`), so
 * a richer policy record, such as the simulator's, can be passed as it is.
 */
export function checkPolicy(policy: GamePolicy, where: string): void {
  if (!(GAME_POLICY_KINDS as readonly string[]).includes(policy.kind)) {
    throw new UsageError(`[game] ${where}.kind must be one of ${GAME_POLICY_KINDS.join(', ')}, got "${String(policy.kind)}"`, 'GAME');
  }
  if (policy.generosity !== undefined) checkProbability(`${where}.generosity`, policy.generosity);
  if (policy.retaliate !== undefined) checkProbability(`${where}.retaliate`, policy.retaliate);
}

/** Refuses settings a run could not honour. */
export function checkSettings(settings: GameSettings): void {
  if (!(Number.isSafeInteger(settings.rounds) && settings.rounds >= 0)) {
    throw new UsageError(`[game] rounds must be a non-negative integer, got ${settings.rounds}`, 'GAME');
  }
  checkProbability('epsilon', settings.epsilon);
  checkProbability('clarify', settings.clarify);
  for (const k of ['R', 'S', 'T', 'P'] as const) {
    if (!Number.isFinite(settings.payoff[k])) throw new UsageError(`[game] payoff.${k} must be a finite number`, 'GAME');
  }
}
