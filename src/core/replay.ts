/**
 * Replay: fold a sequence of events (or a prefix of it) into the state it describes.
 *
 * `Replayer` owns a private, mutable copy of the state and applies each event in place; the
 * state only leaves it through `state()`, as a deep copy, so the fold stays a pure function
 * of (starting state, events) while paying no copy per event. `replay()` is the one-call form.
 */
import { applyEvent, IN_PLACE } from './apply.js';
import type { Recorded } from './catalogue.js';
import type { Mutable, ParleyState } from './state.js';
import { initialState } from './state.js';

/** Options of `replay`. */
export interface ReplayOptions {
  /** Stop after the event with this seq (inclusive). */
  readonly untilSeq?: number;
  /** Start from this state (a snapshot) instead of the initial one. */
  readonly from?: ParleyState;
}

/** Incremental fold: push events one at a time, read the state whenever needed. */
export class Replayer {
  private readonly draft: Mutable<ParleyState>;

  constructor(from: ParleyState = initialState()) {
    // A private copy: folding must never write into a snapshot somebody else holds.
    this.draft = structuredClone(from) as Mutable<ParleyState>;
  }

  /** Seq of the last event folded in. */
  get seq(): number {
    return this.draft.seq;
  }

  /**
   * Folds one event. Throws `ReplayError` if the event is not valid in the current state.
   *
   * Machine snapshots in the private state are moved in place, not replaced: the state is
   * this Replayer's alone, and a new snapshot per event is the fold's largest allocation.
   */
  push(event: Recorded): void {
    applyEvent(this.draft, event, IN_PLACE);
  }

  /** A snapshot of the current state (a copy: later pushes do not change it). */
  state(): ParleyState {
    return structuredClone(this.draft) as ParleyState;
  }

  /**
   * The live state, without copying. Valid until the next `push`, which changes it in place
   * (views and machine snapshots alike); never modify it.
   */
  peek(): ParleyState {
    return this.draft as ParleyState;
  }
}

/**
 * Folds `events` (from the initial state or `options.from`) up to `options.untilSeq`.
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const events: Recorded[] = [];
 * const run = runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => events.push(e) });
 * const early = replay(events, { untilSeq: 120 });
 * console.log(early.seq, early.ladder?.level, [...early.disputes.values()].map((d) => `${d.id}: ${String(d.machine.value)}`));
 * if (stateToJSON(replay(events)).seq !== run.state.seq) throw new Error('replay differs');
 */
export function replay(events: Iterable<Recorded>, options: ReplayOptions = {}): ParleyState {
  const r = new Replayer(options.from);
  const until = options.untilSeq ?? Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.seq <= r.seq) continue;
    if (e.seq > until) break;
    r.push(e);
  }
  return r.state();
}
