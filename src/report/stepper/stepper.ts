/**
 * Time travel over a recorded history: the pure core of `parley step`. The stepper holds the
 * events and a snapshot of the state every K events (K grows with the log so that at most
 * ~{@link MAX_SNAPSHOTS} are kept: memory stays bounded); going back or jumping restores the
 * nearest snapshot at or before the target and folds forward at most K events. The state at
 * any position is exactly `replay(events, { untilSeq: position })`.
 */
import { UsageError } from '../../core/errors.js';
import type { Recorded } from '../../core/catalogue.js';
import { Replayer } from '../../core/replay.js';
import { initialState, type ParleyState } from '../../core/state.js';
import { describeEvent, glimpse, type StepDescription } from './describe.js';

/** Options of {@link Stepper}. */
export interface StepperOptions {
  /** Keep a snapshot every this many events (default: 256, or more for long logs). */
  readonly snapshotEvery?: number;
}

/** The most snapshots a stepper keeps by default. */
export const MAX_SNAPSHOTS = 256;

/**
 * The snapshot interval for a history of `length` events: `requested` if given, otherwise
 * 256 events, or more when that would keep over {@link MAX_SNAPSHOTS} snapshots.
 */
export function snapshotInterval(length: number, requested?: number): number {
  return Math.max(1, requested ?? Math.max(256, Math.ceil(length / MAX_SNAPSHOTS)));
}

/**
 * A position in a history of events, movable both ways.
 * @example
 * const s = new Stepper(events);
 * s.goTo(120); s.back(); s.next();
 * s.current()?.text // the event at seq 120 in plain words
 */
export class Stepper {
  /** Snapshot interval, in events. */
  readonly every: number;
  private readonly snapshots = new Map<number, ParleyState>();
  private replayer = new Replayer();
  private description: StepDescription | undefined;

  /**
   * Folds `events` once (keeping the snapshots) and stands before the first event.
   * @throws {UsageError} unless the events' seqs run 1, 2, 3… without gaps.
   * @throws {ReplayError} when an event cannot be folded.
   */
  constructor(
    private readonly events: readonly Recorded[],
    options: StepperOptions = {},
  ) {
    events.forEach((e, i) => {
      if (e.seq !== i + 1) throw new UsageError(`the events must be numbered 1, 2, 3…; event ${i + 1} has seq ${e.seq}`, 'HISTORY');
    });
    this.every = snapshotInterval(events.length, options.snapshotEvery);
    this.snapshots.set(0, initialState());
    const r = new Replayer();
    for (const e of events) {
      r.push(e);
      if (e.seq % this.every === 0) this.snapshots.set(e.seq, r.state());
    }
  }

  /** How many snapshots the stepper keeps (the initial state included). */
  get snapshotCount(): number {
    return this.snapshots.size;
  }

  /** Seq of the last event folded in (0: before the first event). */
  get seq(): number {
    return this.replayer.seq;
  }

  /** Seq of the last event. */
  get last(): number {
    return this.events.length;
  }

  /** The event at `seq` (1-based), if there is one. */
  event(seq: number): Recorded | undefined {
    return this.events[seq - 1];
  }

  /** The state at the current position (a copy). */
  state(): ParleyState {
    return this.replayer.state();
  }

  /** The state at the current position, without copying: valid until the stepper moves. */
  peek(): ParleyState {
    return this.replayer.peek();
  }

  /** The event at the current position, described (undefined before the first event). */
  current(): StepDescription | undefined {
    return this.description;
  }

  /** One event forward; false (and no move) at the end. */
  next(): boolean {
    if (this.seq >= this.last) return false;
    this.step();
    return true;
  }

  /** One event back; false (and no move) at the start. */
  back(): boolean {
    if (this.seq <= 0) return false;
    this.goTo(this.seq - 1);
    return true;
  }

  /**
   * Moves to `seq` (0 … {@link last}): forward from here when that is closest, otherwise
   * from the nearest snapshot at or before `seq`.
   * @throws {UsageError} for a seq outside the history.
   */
  goTo(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq > this.last) {
      throw new UsageError(`seq ${seq} is outside the history (0 to ${this.last})`, 'HISTORY');
    }
    if (seq === this.seq) return;
    const base = Math.floor(Math.max(0, seq - 1) / this.every) * this.every;
    if (seq < this.seq || base > this.seq) {
      this.replayer = new Replayer(this.snapshots.get(base) as ParleyState);
      this.description = undefined;
    }
    while (this.seq < seq) this.step();
  }

  /**
   * Moves forward to the next event after the current one that `test` accepts.
   * @returns whether one was found (if not, the stepper has not moved).
   */
  find(test: (event: Recorded) => boolean): boolean {
    for (let seq = this.seq + 1; seq <= this.last; seq++) {
      if (test(this.events[seq - 1] as Recorded)) {
        this.goTo(seq);
        return true;
      }
    }
    return false;
  }

  /**
   * Moves forward to the next event that changes a dispute's state (raises one, moves one).
   * @returns whether one was found (if not, the stepper has not moved).
   */
  nextDisputeChange(): boolean {
    const start = this.seq;
    while (this.next()) {
      if (this.description?.changes.some((c) => c.machine === 'dispute')) return true;
    }
    this.goTo(start);
    return false;
  }

  private step(): void {
    const event = this.events[this.seq] as Recorded;
    const before = glimpse(this.replayer.peek(), event);
    this.replayer.push(event);
    this.description = describeEvent(before, event, this.replayer.peek());
  }
}
