/**
 * The disputes still open, kept as the simulation records them, so a meeting's agenda costs
 * the number of open disputes rather than a scan of every dispute ever raised (which made
 * long runs quadratic).
 *
 * The agenda lists them as iterating `state.disputes` would: in the order they were raised.
 */
import type { DisputeView } from '../core/state.js';

/** Ids of the disputes not yet closed, in the order they were raised. */
export class OpenDisputes {
  /** Insertion-ordered; closed disputes are dropped lazily by `list`. */
  private readonly ids = new Set<string>();

  /** Records a dispute just raised (call in the order disputes are raised). */
  add(id: string): void {
    this.ids.add(id);
  }

  /** The open disputes of `disputes`, in `disputes.values()` order. */
  list(disputes: ReadonlyMap<string, DisputeView>): string[] {
    const open: string[] = [];
    for (const id of this.ids) {
      const d = disputes.get(id);
      if (d === undefined || d.closedAt !== undefined) this.ids.delete(id);
      else open.push(id);
    }
    return open;
  }
}
