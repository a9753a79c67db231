/**
 * The simulation's virtual-time agenda: a binary heap of pending tasks ordered by time, then
 * by insertion order (so two tasks due at the same instant run in the order they were
 * scheduled, which keeps runs deterministic). `drain$` exposes it as an rxjs Observable that
 * emits due tasks in virtual-time order; tasks scheduled while draining join the queue.
 *
 * Why not rxjs's VirtualTimeScheduler: it re-sorts its whole queue on every `schedule` and
 * nests recursive reschedules (stack overflow past a few thousand self-rescheduling steps);
 * a heap is O(log n) per task and never recurses.
 *
 * The heap is kept as three parallel arrays (due time, scheduling order, task) rather than an
 * array of entry objects: scheduling allocates nothing but the task itself, and sifting
 * compares numbers stored side by side instead of chasing a pointer per comparison. Many
 * tasks wait long enough (deadlines, meetings) to outlive a young-generation collection, and
 * an entry object per task was then promoted and collected again for nothing.
 */
import { Observable } from 'rxjs';

/** A due task with the virtual time it fires at. */
export interface Due<T> {
  readonly at: number;
  readonly task: T;
}

export class Agenda<T> {
  /** Heap order: `ats[i]`, then `orders[i]`, for the task `tasks[i]`. */
  private readonly ats: number[] = [];
  private readonly orders: number[] = [];
  private readonly tasks: T[] = [];
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
    return this.tasks.length;
  }

  /** Schedules `task` at `at` (never before now: the past cannot be scheduled). */
  schedule(at: number, task: T): void {
    // Whole milliseconds: instants in the log are printed to the millisecond.
    const when = Math.max(Math.round(at), this.clock);
    const order = this.order++;
    const { ats, orders, tasks } = this;
    let i = tasks.length;
    ats.push(when);
    orders.push(order);
    tasks.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = ats[parent] as number;
      if (!(when < pa || (when === pa && order < (orders[parent] as number)))) break;
      ats[i] = pa;
      orders[i] = orders[parent] as number;
      tasks[i] = tasks[parent] as T;
      i = parent;
    }
    ats[i] = when;
    orders[i] = order;
    tasks[i] = task;
  }

  /** Removes and returns the earliest task, advancing the clock; `undefined` when empty. */
  pop(): Due<T> | undefined {
    const { ats, orders, tasks } = this;
    if (tasks.length === 0) return undefined;
    const due: Due<T> = { at: ats[0] as number, task: tasks[0] as T };
    const lastAt = ats.pop() as number;
    const lastOrder = orders.pop() as number;
    const lastTask = tasks.pop() as T;
    const n = tasks.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = l;
        if (r < n) {
          const ra = ats[r] as number;
          const la = ats[l] as number;
          if (ra < la || (ra === la && (orders[r] as number) < (orders[l] as number))) child = r;
        }
        const ca = ats[child] as number;
        if (!(ca < lastAt || (ca === lastAt && (orders[child] as number) < lastOrder))) break;
        ats[i] = ca;
        orders[i] = orders[child] as number;
        tasks[i] = tasks[child] as T;
        i = child;
      }
      ats[i] = lastAt;
      orders[i] = lastOrder;
      tasks[i] = lastTask;
    }
    this.clock = due.at;
    return due;
  }

  /**
   * Emits due tasks in order until the agenda is empty, the next task is after `until`, or
   * `goOn` (asked before each task) says stop: the tasks left are then not even taken off.
   * Synchronous: a subscriber that schedules more tasks sees them in the same drain.
   */
  drain$(until: number, goOn: () => boolean = () => true): Observable<Due<T>> {
    return new Observable<Due<T>>((subscriber) => {
      while (!subscriber.closed && goOn()) {
        if (this.tasks.length === 0 || (this.ats[0] as number) > until) break;
        subscriber.next(this.pop() as Due<T>);
      }
      subscriber.complete();
    });
  }
}
