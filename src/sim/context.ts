/**
 * What the simulation's procedures share: the plan, the virtual-time agenda and its tasks,
 * the random streams, the live state, and the way to put a command to `decide`. The loop
 * (loop.ts) implements it; each procedure (procedures/*.ts) receives it and reaches
 * its sibling procedures through it, so a step of one procedure can start a step of another
 * (an observed incident becomes a protest, a dispute, a meeting request) in the same order
 * as the procedure describes it.
 */
import type { Recorded, Track } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import type { DomainError } from '../core/errors.js';
import type { ParleyState } from '../core/state.js';
import type { Party, Supervisor } from './actors.js';
import type { Agenda } from './agenda.js';
import type { Knowledge } from './knowledge.js';
import type { Plan } from './plan.js';
import type { Cooling } from './procedures/cooling.js';
import type { Disputes } from './procedures/disputes.js';
import type { Incidents } from './procedures/incidents.js';
import type { Meetings } from './procedures/meetings.js';
import type { Messages } from './procedures/messages.js';
import type { Suspension } from './procedures/suspension.js';
import type { Streams } from './streams.js';
import type { Task } from './tasks.js';

/** The simulation as its procedures see it. */
export interface SimContext {
  readonly plan: Plan;
  /** Party ids, in the scenario's order. */
  readonly parties: readonly string[];
  readonly agenda: Agenda<Task>;
  readonly streams: Streams;
  /** The track protests, warnings and disputes go on. */
  readonly businessTrack: Track;
  /** The live state after the last recorded event (never modify it). */
  readonly state: ParleyState;
  /** The agenda's current instant, formatted for commands. */
  readonly at: string;

  readonly messages: Messages;
  readonly disputes: Disputes;
  readonly incidents: Incidents;
  readonly meetings: Meetings;
  readonly suspension: Suspension;
  readonly cooling: Cooling;

  /** What each party could know: every decision for a party reads the run through it. */
  readonly knowledge: Knowledge;

  /** The supervisor, as its policy makes it act. */
  readonly supervisor: Supervisor;

  /** A party, or undefined for an id that is not one (the supervisor, `world`). */
  party(id: string): Party | undefined;
  /**
   * Decides and records `cmd`; returns its first recorded event, or why it was refused.
   * `validate` asks `decide` to check the data against the catalogue (see trust.ts).
   */
  submit(cmd: Command, validate: boolean): Recorded | undefined | DomainError;
  /** Submits an internal command; a refusal just means the moment has passed. */
  try(cmd: Command, validate?: boolean): Recorded | undefined;
  /** Keeps a scripted action the rules refused, for the run's report. */
  refuse(action: string, error: DomainError): void;
  /** A fresh id `<prefix>-<n>` that no scripted step reserves. */
  nextId(prefix: string): string;
  /** True while the cell is active (not proposed, suspended or dissolved). */
  cellActive(): boolean;
}
