/**
 * The simulation loop. A virtual-time agenda (scripted timeline, incident generators,
 * deadlines, meetings, rounds) hands each due task to the procedure it belongs to
 * (procedures/*.ts); procedures and party policies turn observations into commands; `decide`
 * checks them; accepted facts are sequenced, folded into the state and emitted; each new
 * fact may start the next step of a procedure (`react`). Deadlines that elapse are recorded
 * as events, so a log replays without any clock.
 *
 * This file is the run itself (`Simulation`: start, drain, end, and the context procedures
 * use); which procedure a due task or a recorded fact goes to is dispatch.ts, and how a fork
 * switches the run's course is course.ts.
 *
 * Pure given the plan: all randomness comes from the seeded, per-stream `Rng`.
 */
import { DomainError, UsageError } from '../core/errors.js';
import type { Recorded, Track } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { command } from '../core/commands.js';
import { decide, type DecideOptions } from '../core/decide.js';
import { Replayer } from '../core/replay.js';
import type { ParleyState } from '../core/state.js';
import type { Party, Supervisor } from './actors.js';
import { Agenda } from './agenda.js';
import type { SimContext } from './context.js';
import { InstantFormatter } from './instants.js';
import { Knowledge } from './knowledge.js';
import { courseOf, switchCourse, type Course } from './course.js';
import { react, runTask } from './dispatch.js';
import { logStartedData } from './logStart.js';
import type { Plan } from './plan.js';
import { Cooling } from './procedures/cooling.js';
import { Disputes } from './procedures/disputes.js';
import { Incidents } from './procedures/incidents.js';
import { Meetings } from './procedures/meetings.js';
import { Messages } from './procedures/messages.js';
import { Rounds } from './procedures/rounds.js';
import { Suspension } from './procedures/suspension.js';
import { Rng } from './rng.js';
import { Streams } from './streams.js';
import type { Task } from './tasks.js';
import type { ForkPoint, Refusal, RunOptions, RunResult } from './simulation.js';

/** `decide` options, allocated once: see `Simulation.submit`. */
const CHECKED: DecideOptions = { validateData: true };
const TRUSTED: DecideOptions = { validateData: false };

/** Refused actions a run keeps (the first ones); the rest are only counted. */
export const MAX_REFUSALS_KEPT = 100;

/** One run of a plan (see `runPlan`). */
export class Simulation implements SimContext {
  readonly agenda: Agenda<Task>;
  readonly streams: Streams;
  private readonly rng: Rng;
  readonly parties: readonly string[];
  readonly businessTrack: Track;
  private readonly instants = new InstantFormatter();
  readonly messages: Messages;
  readonly disputes: Disputes;
  readonly incidents: Incidents;
  readonly meetings: Meetings;
  readonly suspension: Suspension;
  readonly cooling: Cooling;
  readonly knowledge: Knowledge;
  private readonly rounds: Rounds | undefined;
  private readonly replayer = new Replayer();
  /** The plan in force and its actors: the run's, or those a fork switched to (course.ts). */
  private course: Course;
  private readonly options: RunOptions;
  /** Forks still to come, in seq order. */
  private readonly forks: readonly ForkPoint[];
  private nextFork = 0;
  /** The agenda has run its last step: only the end's bookkeeping is recorded from now on. */
  private drained = false;
  private readonly onEvent: ((e: Recorded) => void) | undefined;
  private readonly refused: Refusal[] = [];
  private refusedCount = 0;
  private readonly reserved = new Set<string>();
  private readonly counters = new Map<string, number>();
  /** `at` text of the agenda time it was last formatted for: many commands share one instant. */
  private atMs = Number.NaN;
  private atText = '';
  /** Where the run was when it reached `plan.maxEvents`; undefined while it runs on. */
  private stoppedAtMs: number | undefined;

  constructor(plan: Plan, options: RunOptions) {
    this.options = options;
    this.forks = options.forks ?? [];
    this.onEvent = options.onEvent;
    this.agenda = new Agenda(plan.startMs);
    const rng = Rng.seeded(plan.seed);
    this.rng = rng;
    this.streams = new Streams(rng);
    this.course = courseOf(plan, options, this.streams);
    const tracks = plan.mechanism.tracks;
    this.businessTrack = tracks.includes('deescalation') ? 'deescalation' : (tracks[0] as Track);
    this.parties = plan.parties.map((p) => p.id);
    const onRead = options.onKnowledgeRead;
    this.knowledge = new Knowledge(
      [...this.parties, plan.supervisor.id],
      () => this.replayer.peek(),
      onRead === undefined ? undefined : (reader, fact) => onRead({ reader, fact, atSeq: this.replayer.seq }),
    );
    for (const step of plan.timeline) {
      if ('id' in step.action) this.reserved.add(step.action.id);
    }
    this.messages = new Messages(this);
    this.disputes = new Disputes(this);
    this.incidents = new Incidents(this);
    this.meetings = new Meetings(this);
    this.suspension = new Suspension(this);
    this.cooling = new Cooling(this);
    this.rounds = plan.game ? new Rounds(this, plan.game, rng.split('game')) : undefined;
  }

  get state(): ParleyState {
    return this.replayer.peek();
  }

  get plan(): Plan {
    return this.course.plan;
  }

  get supervisor(): Supervisor {
    return this.course.supervisor;
  }

  get at(): string {
    const now = this.agenda.now;
    if (now !== this.atMs) {
      this.atMs = now;
      this.atText = this.instants.format(now);
    }
    return this.atText;
  }

  run(): RunResult {
    this.start();
    // Drains until the horizon, or until the event limit stops the run. An error thrown by a
    // task (a user's policy, a listener) stops the drain and is thrown from `run`: rxjs would
    // report it later as an uncaught exception, and the run would end as if complete.
    let failure: { readonly error: unknown } | undefined;
    const sub = this.agenda
      .drain$(this.plan.endMs, () => failure === undefined && this.stoppedAtMs === undefined)
      .subscribe((due) => {
        try {
          runTask(this, this.rounds, due.task);
        } catch (error) {
          failure = { error };
        }
      });
    sub.unsubscribe();
    this.drained = true;
    if (failure) throw failure.error;
    const stopped = this.stoppedAtMs !== undefined;
    const reachedAt = this.instants.format(this.stoppedAtMs ?? this.plan.endMs);
    // The ladder's decay up to the horizon, so the final pressure is the one at the end.
    if (!stopped) this.cooling.cool(reachedAt);
    this.submit(command('EndSimulation', { actor: 'sim', at: reachedAt }, { reason: stopped ? 'stopped' : 'horizon' }), true);
    return {
      // The live state, not a copy: nothing folds into it any more, and copying the whole
      // state of a long run costs as much as simulating a sizeable part of it.
      state: this.replayer.peek(),
      events: this.replayer.seq,
      refused: this.refused,
      refusedCount: this.refusedCount,
      endedBy: stopped ? 'stopped' : 'horizon',
      reachedAt,
    };
  }

  // --- the context procedures use ---------------------------------------------------------

  party(id: string): Party | undefined {
    return this.course.parties.get(id);
  }

  submit(cmd: Command, validate: boolean): Recorded | undefined | DomainError {
    this.cooling.before(cmd.type);
    const result = decide(cmd, this.state, validate || this.course.checkAll ? CHECKED : TRUSTED);
    if (result instanceof DomainError) return result;
    let first: Recorded | undefined;
    for (const f of result) {
      // `decide` built `f` for this call alone: sequence it in place rather than copy it (the
      // key order, and so every printed form, is the same as a copy with `seq` added last).
      (f as { seq?: number }).seq = this.replayer.seq + 1;
      const e = f as Recorded;
      this.replayer.push(e);
      this.onEvent?.(e);
      if (this.forks[this.nextFork]?.atSeq === e.seq) this.fork(e);
      if (this.replayer.seq >= this.plan.maxEvents) this.stoppedAtMs ??= this.agenda.now;
      react(this, e);
      first ??= e;
    }
    return first;
  }

  try(cmd: Command, validate = false): Recorded | undefined {
    const r = this.submit(cmd, validate);
    return r instanceof DomainError ? undefined : r;
  }

  refuse(action: string, error: DomainError): void {
    // Kept per run: bounded, however many a long run refuses.
    this.refusedCount += 1;
    if (this.refused.length < MAX_REFUSALS_KEPT) this.refused.push({ at: this.at, action, code: error.code, reason: error.message });
  }

  nextId(prefix: string): string {
    for (;;) {
      const n = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, n);
      const id = `${prefix}-${n}`;
      if (!this.reserved.has(id)) return id;
    }
  }

  cellActive(): boolean {
    const v = this.state.cell?.machine.value;
    return typeof v === 'object' && v !== null && 'active' in v;
  }

  reserve(id: string): void {
    this.reserved.add(id);
  }

  /** Switches course right after event `e`, as the next fork asks (course.ts). */
  private fork(e: Recorded): void {
    const f = this.forks[this.nextFork++] as ForkPoint;
    const before = this.course.plan;
    switchCourse(this, this.rng, before, f, e, this.drained, () => (this.course = courseOf(f.plan, this.options, this.streams)));
  }

  // --- the loop ---------------------------------------------------------------------------

  /** The log's first event, the cell set up, and every procedure's first step on the agenda. */
  private start(): void {
    const p = this.plan;
    const at = this.at;
    const started = this.submit(command('StartLog', { actor: 'sim', at }, logStartedData(p, at)), true);
    // Nothing can follow a log that did not start: every later command would be refused.
    if (started instanceof DomainError) throw new UsageError(`[sim] the plan cannot start a log: ${started.message}`, 'PLAN');
    if (p.mechanism.enabled) {
      this.try(command('ProposeCell', { actor: p.supervisor.id, at }, { tracks: [...p.mechanism.tracks] }), true);
      this.try(command('EstablishCell', { actor: p.supervisor.id, at }, {}), true);
      this.try(command('ActivateCell', { actor: 'cell', at }, {}), true);
      this.meetings.start();
    }
    for (const step of p.timeline) this.agenda.schedule(step.atMs, { k: 'timeline', step });
    this.incidents.start();
    this.rounds?.start();
  }
}
