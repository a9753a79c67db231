/**
 * The ladder cooling down with time (core/cooling.ts): the clock records the decay of the
 * pressure up to "now" before anything else changes the pressure, and at the instant the
 * decayed pressure falls below the threshold of the level it stands at, so the level moves
 * down in the log when it does. Every record is a `CoolLadder` command whose `delta`
 * `decide` computes from the ladder's cooling rule: replay needs no clock.
 */
import type { Recorded } from '../../core/catalogue.js';
import type { CommandType } from '../../core/commands.js';
import { command } from '../../core/commands.js';
import { coolsBelowAt } from '../../core/cooling.js';
import { parseInstant } from '../../core/time.js';
import type { SimContext } from '../context.js';

/** Commands whose fact may change the pressure: the decay is recorded before each. */
const PRESSURE_COMMANDS = new Set<CommandType>([
  'RecordIncident',
  'TakeDeescalationStep',
  'ReachSettlement',
  'AcceptRuling',
  'EscalateDispute',
]);

export class Cooling {
  /**
   * The pressure, and when it was recorded, that the pending crossing was scheduled from: a
   * later change makes that crossing stale (two changes can share an instant).
   */
  private scheduledFrom: string | undefined;
  private scheduledPressure = Number.NaN;
  private readonly on: boolean;

  constructor(private readonly sim: SimContext) {
    this.on = sim.plan.ladder.cooling !== 'none';
  }

  /** Records the decay up to now if `type` may change the pressure. */
  before(type: CommandType): void {
    if (this.on && PRESSURE_COMMANDS.has(type)) this.cool();
  }

  /** Records the decay up to `at` (default now); nothing when nothing has cooled. */
  cool(at: string = this.sim.at): void {
    const ladder = this.sim.state.ladder;
    if (!this.on || !ladder || ladder.pressureAt === at || ladder.machine.context.pressure <= 0) return;
    this.sim.try(command('CoolLadder', { actor: 'sim', at }, {}));
  }

  /** After each fact: if the pressure was recorded anew, schedules the instant its level falls. */
  recorded(_e: Recorded): void {
    const ladder = this.sim.state.ladder;
    const cooling = this.sim.plan.ladder.cooling;
    const pressure = ladder?.machine.context.pressure;
    if (!this.on || !ladder || (ladder.pressureAt === this.scheduledFrom && pressure === this.scheduledPressure)) return;
    this.scheduledFrom = ladder.pressureAt;
    this.scheduledPressure = pressure as number;
    const threshold = this.sim.plan.ladder.thresholds[ladder.levelIndex] ?? 0;
    const at = coolsBelowAt(cooling, pressure as number, parseInstant(ladder.pressureAt) as number, threshold);
    if (at !== undefined && at <= this.sim.plan.endMs) this.sim.agenda.schedule(at, { k: 'cool', from: ladder.pressureAt, pressure: pressure as number });
  }

  /** The level's threshold is crossed now, unless the pressure changed since the crossing was scheduled. */
  due(from: string, pressure: number): void {
    const ladder = this.sim.state.ladder;
    if (ladder?.pressureAt === from && ladder.machine.context.pressure === pressure) this.cool();
  }
}
