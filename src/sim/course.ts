/**
 * The course a run follows: its plan's parameters and the actors cast from them. A run keeps
 * one course from start to end, unless a fork (`parley fork`, a `ForkPoint`) switches it
 * right after an event: from then on every decision reads the new course; the random streams
 * go on where they were (restarted only for a new seed); what was already scheduled stays.
 */
import type { Recorded } from '../core/catalogue.js';
import { command, type Command } from '../core/commands.js';
import { DomainError, UsageError } from '../core/errors.js';
import { cast, type Party, Supervisor } from './actors.js';
import type { Agenda } from './agenda.js';
import { mechanismRules } from './logStart.js';
import type { Plan } from './plan.js';
import { standardSupervisor } from './policies/index.js';
import type { Rng } from './rng.js';
import type { ForkPoint, RunOptions } from './simulation.js';
import type { Streams } from './streams.js';
import type { Task } from './tasks.js';
import { planDataIsValid } from './trust.js';

/** A plan's parameters in force, and the actors that play them. */
export interface Course {
  readonly plan: Plan;
  readonly parties: ReadonlyMap<string, Party>;
  readonly supervisor: Supervisor;
  /** Check every command's data: the plan itself carries data the catalogue refuses. */
  readonly checkAll: boolean;
}

/** The course of `plan`: its actors drawing from the run's (named, cached) streams. */
export function courseOf(plan: Plan, options: RunOptions, streams: Streams): Course {
  return {
    plan,
    parties: cast(plan, options.policies ?? {}, streams),
    supervisor: new Supervisor(plan.supervisor, options.supervisor ?? standardSupervisor, streams),
    checkAll: !planDataIsValid(plan),
  };
}

/** What a fork changes in a run besides its course. */
export interface ForkHost {
  readonly agenda: Agenda<Task>;
  /** Keeps `id` from the ids the run makes up (an injected entry's own). */
  reserve(id: string): void;
  submit(cmd: Command, validate: boolean): Recorded | undefined | DomainError;
}

/**
 * Sets a run on the course of fork `f`, right after event `e` (whose instant is the fork's):
 * the streams restarted when `f` asks, its timeline's steps on the agenda, a regular meeting
 * where there was no cadence and now is one (a changed cadence applies after the next), and
 * the change recorded (`ParametersChanged`) when `f` records one. `setCourse` is called with
 * the new course before the record, so the record is decided on it. `drained`: the agenda has
 * run its last step (`e` is the ladder's cooling up to the horizon), so added steps could not run.
 * @throws {UsageError} for added steps after the last step, or a change the rules refuse to record.
 */
export function switchCourse(host: ForkHost, rng: Rng, before: Plan, f: ForkPoint, e: Recorded, drained: boolean, setCourse: () => void): void {
  if (drained && f.timeline.length > 0) {
    throw new UsageError(`[sim] the fork at seq ${e.seq} comes after the run's last step (only its end follows): an injected entry would never run; fork at an earlier event`, 'PLAN');
  }
  if (f.seed !== undefined) rng.reseed(f.seed);
  setCourse();
  const every = f.plan.mechanism.meetings.everyMs;
  if (f.plan.mechanism.enabled && before.mechanism.meetings.everyMs === null && every !== null) {
    host.agenda.schedule(host.agenda.now + every, { k: 'meeting' });
  }
  for (const step of f.timeline) {
    if ('id' in step.action) host.reserve(step.action.id);
    host.agenda.schedule(step.atMs, { k: 'timeline', step });
  }
  if (!f.record) return;
  const data = { ...f.record, rules: mechanismRules(f.plan.mechanism) };
  const r = host.submit(command('ChangeParameters', { actor: 'sim', at: e.at }, data), true);
  if (r instanceof DomainError) throw new UsageError(`[sim] the fork at seq ${e.seq} cannot be recorded: ${r.message}`, 'PLAN');
}
