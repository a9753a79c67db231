/**
 * The repeated-interaction mode: rounds in which every party restrains or strikes, accidents
 * flip intended moves, and the cell may clarify an accidental strike before the others answer
 * it. Each party acts on what it PERCEIVED of the others' last moves, which is where the cell
 * makes a difference: a clarified accident is perceived as the restraint that was intended.
 */
import { UsageError } from '../../core/errors.js';
import { idProblem } from '../../core/ids.js';
import type { Rng } from '../rng.js';
import { roundPayoffs } from './payoff.js';
import type { StrikeChances } from './policy.js';
import { intend, strikeChances } from './policy.js';
import type { GamePolicy, GameSettings, Move, RoundOutcome } from './types.js';
import { checkPolicy, checkSettings } from './types.js';

/** A party of the game and the policy it plays. */
export interface GameParty {
  readonly id: string;
  readonly policy: GamePolicy;
}

/**
 * A seeded repeated game. Randomness comes from named sub-streams of the given `Rng`, one per
 * concern (`policy/<id>`, `accident/<id>`, `clarify/<by>/<to>`), so what one party draws
 * never shifts another party's accidents, and turning the cell on or off leaves the policy
 * and accident draws of the run untouched (a clean counterfactual under the same seed).
 * @example
 * const game = new RepeatedGame(
 *   [{ id: 'syria', policy: { kind: 'tit-for-tat' } }, { id: 'israel', policy: { kind: 'hawk' } }],
 *   { rounds: 100, epsilon: 0.05, payoff: DEFAULT_PAYOFF, clarify: 0.5, cellEnabled: true },
 *   Rng.seeded(42).split('game'),
 * );
 * for (const r of game) console.log(r.round, r.moves, r.payoffs);
 */
export class RepeatedGame implements Iterable<RoundOutcome> {
  private readonly ids: readonly string[];
  private readonly chances: readonly StrikeChances[];
  private readonly policyRng: readonly Rng[];
  private readonly accidentRng: readonly Rng[];
  /** `clarifyRng[by][to]`; empty when the cell is disabled (nothing is ever drawn). */
  private readonly clarifyRng: readonly (readonly Rng[])[];
  /** `provoked[i]`: party i perceived at least one strike last round. Nobody has at the start. */
  private provoked: boolean[];
  private playedRounds = 0;

  constructor(
    parties: ReadonlyArray<GameParty>,
    private readonly settings: GameSettings,
    rng: Rng,
  ) {
    checkSettings(settings);
    if (parties.length < 2) throw new UsageError(`[game] a game needs at least 2 parties, got ${parties.length}`, 'GAME');
    const seen = new Set<string>();
    parties.forEach((p, i) => {
      const problem = idProblem(p.id);
      if (problem) throw new UsageError(`[game] parties[${i}].id: ${problem}`, 'GAME');
      if (seen.has(p.id)) throw new UsageError(`[game] parties[${i}].id: "${p.id}" appears twice`, 'GAME');
      seen.add(p.id);
      checkPolicy(p.policy, `parties[${i}].policy`);
    });
    this.ids = parties.map((p) => p.id);
    this.chances = parties.map((p) => strikeChances(p.policy));
    this.policyRng = this.ids.map((id) => rng.split('policy').split(id));
    this.accidentRng = this.ids.map((id) => rng.split('accident').split(id));
    this.clarifyRng = settings.cellEnabled
      ? this.ids.map((by) => this.ids.map((to) => rng.split('clarify').split(by).split(to)))
      : [];
    this.provoked = this.ids.map(() => false);
  }

  /** Rounds played so far. */
  get played(): number {
    return this.playedRounds;
  }

  /** True once `settings.rounds` rounds have been played. */
  get done(): boolean {
    return this.playedRounds >= this.settings.rounds;
  }

  /**
   * Plays the next round: intended moves from each policy (given what each party perceived
   * last round), accidents flipping each intended move independently with probability ε,
   * payoffs from the matrix, then the cell's clarifications of accidental strikes.
   * Throws a UsageError past `settings.rounds`.
   */
  next(): RoundOutcome {
    if (this.done) throw new UsageError(`[game] all ${this.settings.rounds} rounds have been played`, 'GAME');
    this.playedRounds += 1;
    const n = this.ids.length;
    const { epsilon, clarify } = this.settings;
    const wanted: Move[] = [];
    const actual: Move[] = [];
    for (let i = 0; i < n; i++) {
      const w = intend(this.chances[i] as StrikeChances, this.provoked[i] as boolean, this.policyRng[i] as Rng);
      wanted.push(w);
      actual.push((this.accidentRng[i] as Rng).chance(epsilon) ? flip(w) : w);
    }
    const clarifications: Array<{ by: string; to: string }> = [];
    const provoked = this.ids.map(() => false);
    for (let by = 0; by < n; by++) {
      if (actual[by] !== 'strike') continue;
      const accidental = wanted[by] === 'restrain';
      for (let to = 0; to < n; to++) {
        if (to === by) continue;
        // Only an accident can be explained away: an intended strike is seen for what it is.
        if (accidental && this.settings.cellEnabled && (this.clarifyRng[by]?.[to] as Rng).chance(clarify)) {
          clarifications.push({ by: this.ids[by] as string, to: this.ids[to] as string });
        } else {
          provoked[to] = true;
        }
      }
    }
    this.provoked = provoked;
    const payoffs = roundPayoffs(this.settings.payoff, actual);
    return {
      round: this.playedRounds,
      intended: this.record(wanted),
      moves: this.record(actual),
      payoffs: this.record(payoffs),
      clarifications,
    };
  }

  /** Plays the remaining rounds. */
  *[Symbol.iterator](): Iterator<RoundOutcome> {
    while (!this.done) yield this.next();
  }

  private record<T>(values: readonly T[]): Record<string, T> {
    const out: Record<string, T> = {};
    this.ids.forEach((id, i) => {
      out[id] = values[i] as T;
    });
    return out;
  }
}

function flip(m: Move): Move {
  return m === 'strike' ? 'restrain' : 'strike';
}
