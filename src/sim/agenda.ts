/**
 * The simulation's virtual-time agenda: a binary heap of pending tasks ordered by time, then
 * by insertion order (so two tasks due at the same instant run in the order they were
 * scheduled, which keeps runs deterministic). `drain$` exposes it as an rxjs Observable that
 * emits due tasks in virtual-time order; tasks scheduled while draining join the queue.
 *
 * Why not rxjs's VirtualTimeScheduler: it re-sorts its whole queue on every `schedule` and
 * nests recursive reschedules (stack overflow past a few thousand self-rescheduling steps);
 * a heap is O(log n) per task and never recurses.
 */
import { Observable } from 'rxjs';

interface Entry<T> {
  readonly at: number;
  readonly order: number;
  readonly task: T;
}

/** A due task with the virtual time it fires at. */
export interface Due<T> {
  readonly at: number;
  readonly task: T;
}

export class Agenda<T> {
  private readonly heap: Entry<T>[] = [];
  private order = 0;
  private clock: number;

  constructor(start: number) {
    this.clock = start;
  }

  /** Current virtual time (the time of the task being handled). */
  get now(): number {
    return this.clock;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `task` at `at` (never before now: the past cannot be scheduled). */
  schedule(at: number, task: T): void {
    // Whole milliseconds: instants in the log are printed to the millisecond.
    const entry: Entry<T> = { at: Math.max(Math.round(at), this.clock), order: this.order++, task };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent] as Entry<T>)) break;
      h[i] = h[parent] as Entry<T>;
      i = parent;
    }
    h[i] = entry;
  }

  /** Removes and returns the earliest task, advancing the clock; `undefined` when empty. */
  pop(): Due<T> | undefined {
    const top = this.take();
    return top && { at: top.at, task: top.task };
  }

  /** `pop` without a copy: the entry itself is a `Due` (plus its scheduling order). */
  private take(): Entry<T> | undefined {
    const h = this.heap;
    const top = h[0];
    if (!top) return undefined;
    const last = h.pop() as Entry<T>;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const child = r < h.length && before(h[r] as Entry<T>, h[l] as Entry<T>) ? r : l;
        if (!before(h[child] as Entry<T>, last)) break;
        h[i] = h[child] as Entry<T>;
        i = child;
      }
      h[i] = last;
    }
    this.clock = top.at;
    return top;
  }

  /**
   * Emits due tasks in order until the agenda is empty or the next task is after `until`.
   * Synchronous: a subscriber that schedules more tasks sees them in the same drain.
   */
  drain$(until: number): Observable<Due<T>> {
    return new Observable<Due<T>>((subscriber) => {
      while (!subscriber.closed) {
        const next = this.heap[0];
        if (!next || next.at > until) break;
        // One emission per task: the entry goes out as it is, with no copy to collect.
        subscriber.next(this.take() as Entry<T>);
      }
      subscriber.complete();
    });
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
