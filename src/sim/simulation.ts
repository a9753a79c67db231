/**
 * Running a plan: `runPlan` and what it returns. The loop itself is loop.ts; the procedures
 * it runs are procedures/*.ts; how parties and the supervisor decide is policies/*.ts.
 *
 * Pure given the plan: all randomness comes from the seeded, per-stream `Rng`.
 */
import type { EventData, Recorded } from '../core/catalogue.js';
import type { ParleyState } from '../core/state.js';
import { Simulation } from './loop.js';

export { MAX_REFUSALS_KEPT } from './loop.js';
import type { Plan, TimelineStep } from './plan.js';
import type { KnowledgeRead } from './knowledge.js';
import type { PartyPolicy, SupervisorPolicy } from './policies/index.js';

/** A scripted action the rules refused (e.g. a dispute while the cell is suspended). */
export interface Refusal {
  readonly at: string;
  readonly action: string;
  readonly code: string;
  readonly reason: string;
}

/** What a finished run returns besides the events it emitted. */
export interface RunResult {
  readonly state: ParleyState;
  readonly events: number;
  /** The first {@link MAX_REFUSALS_KEPT} scripted actions the rules refused. */
  readonly refused: readonly Refusal[];
  /** How many actions were refused in all (more than `refused` holds when it was cut). */
  readonly refusedCount: number;
  /** `stopped`: the run reached the plan's `maxEvents` before its horizon. */
  readonly endedBy: 'horizon' | 'stopped';
  /** The simulated instant the run reached: its horizon, or where it stopped. */
  readonly reachedAt: string;
}

/** Options of `runPlan`. */
export interface RunOptions {
  /** Called with every event as it is recorded, in order. */
  readonly onEvent?: (event: Recorded) => void;
  /**
   * Plays these policies for the parties named (by party id) instead of the built-in policy
   * their plan's `kind` names; the party's parameters stay the plan's.
   */
  readonly policies?: Readonly<Record<string, PartyPolicy>>;
  /** Plays this policy for the supervisor instead of the standard one. */
  readonly supervisor?: SupervisorPolicy;
  /**
   * Called with every fact a decision for a party (or the supervisor as a sender) reads, as
   * it reads it: what that decision rested on. Each is a fact the reader had observed by then
   * (see knowledge.ts); tests check it against the log.
   */
  readonly onKnowledgeRead?: (read: KnowledgeRead) => void;
  /**
   * Changes of course, each right after the event with its `atSeq` is recorded (what
   * `parley fork` asks for; in increasing `atSeq`). Until the first, the run is the plan's.
   */
  readonly forks?: readonly ForkPoint[];
}

/**
 * A change of course at an event of a run: from the instant of event `atSeq` on, the run
 * follows `plan`'s parameters, with `timeline`'s steps added; the log records the change as a
 * `ParametersChanged` fact right after event `atSeq` (unless `record` is absent: a fork that
 * changes nothing records nothing, and continues exactly as the run would have).
 *
 * What takes effect when: every decision taken from then on reads the new parameters (fog,
 * each party's policy and delays, the supervisor's, the mechanism's referral, suspension and
 * meeting-agenda rules, each generator's incident); what was already scheduled stays as it was
 * (a delivery, a retaliation, the next incident of each generator, the next regular meeting),
 * and a deadline comes from the rules in force when its message or dispute was recorded. The
 * random streams go on where they were (common random numbers) unless `seed` restarts them.
 */
export interface ForkPoint {
  readonly atSeq: number;
  /**
   * The plan from then on. Only parameters may differ from the running plan's: its parties
   * and supervisor (ids), tracks, period, ladder, game and timeline are the run's.
   */
  readonly plan: Plan;
  /** Steps added to the timeline, each at or after the instant of event `atSeq`. */
  readonly timeline: readonly TimelineStep[];
  /** Restart every random stream as the stream of the same name under this seed. */
  readonly seed?: number;
  /** What the `ParametersChanged` fact records besides the new rules (which come from `plan`). */
  readonly record?: Omit<EventData<'ParametersChanged'>, 'rules'>;
}

/**
 * Runs a plan to its horizon. Deterministic: same plan, same options, same events.
 * @throws {UsageError} when `options.policies` names a party the plan does not have, the
 *   plan names a policy kind that does not exist, or the plan cannot start a log at all (a
 *   plan from a scenario that passed validation always can).
 * @throws whatever a policy of `options` (or `onEvent`) throws: the run stops there.
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const plan = compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION });
 * const { state, events } = runPlan(plan);
 * // The same run with a policy of your own for one party: tit-for-tat that only answers severe acts.
 * const titForTat = partyPolicy('tit-for-tat');
 * if (!titForTat) throw new Error('no such policy');
 * const patient = runPlan(plan, { policies: { israel: { ...titForTat, retaliates: (self, seen, rng) => seen.severity > 0.8 && titForTat.retaliates(self, seen, rng) } } });
 * console.log(events, state.ladder?.peak, patient.state.ladder?.peak);
 */
export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
  return new Simulation(plan, options).run();
}

