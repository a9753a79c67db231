/**
 * The repeated game's rounds, at the scenario's cadence: each round is played by
 * `RepeatedGame` (game/) and recorded as a `RoundPlayed` fact, followed by the accidental
 * strikes the cell clarified.
 */
import { command } from '../../core/commands.js';
import type { SimContext } from '../context.js';
import { RepeatedGame } from '../game.js';
import type { GamePlan } from '../plan.js';
import type { Rng } from '../rng.js';

export class Rounds {
  private readonly game: RepeatedGame;

  constructor(
    private readonly sim: SimContext,
    private readonly plan: GamePlan,
    rng: Rng,
  ) {
    this.game = new RepeatedGame(
      sim.plan.parties.map((p) => ({ id: p.id, policy: p.policy })),
      { ...plan, cellEnabled: sim.plan.mechanism.enabled },
      rng,
    );
  }

  /** Schedules the first round. */
  start(): void {
    this.sim.agenda.schedule(this.sim.plan.startMs + this.plan.everyMs, { k: 'round' });
  }

  /** Plays and records one round, and schedules the next one while rounds remain. */
  round(): void {
    const sim = this.sim;
    const r = this.game.next();
    const at = sim.at;
    // Checked data: moves and payoffs come from the scenario's matrix, not from recorded facts.
    const played = sim.try(command('PlayRound', { actor: 'sim', at }, { round: r.round, intended: r.intended, moves: r.moves, payoffs: r.payoffs }), true);
    if (played) {
      for (const c of r.clarifications) {
        sim.try(command('ClarifyAccident', { actor: c.by, at, cause: played.seq }, { round: r.round, to: c.to }), true);
      }
    }
    if (r.round < this.plan.rounds) sim.agenda.schedule(sim.agenda.now + this.plan.everyMs, { k: 'round' });
  }
}
