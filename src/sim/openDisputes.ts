/**
 * The disputes still open, kept as the simulation records them, so a meeting's agenda costs
 * the number of open disputes rather than a scan of every dispute ever raised (which made
 * long runs quadratic).
 *
 * The agenda must list them exactly as `Object.values(state.disputes)` would: ids that are
 * array indices ("0", "17") first in ascending numeric order, then all others in the order the
 * disputes were raised. That is the order of an object's own keys in JavaScript.
 */
import type { DisputeView } from '../core/state.js';

/** Largest array index + 1: "4294967295" and above are ordinary property names. */
const INDEX_LIMIT = 4_294_967_295;
const INDEX_LIKE = /^(?:0|[1-9]\d{0,9})$/;

/** True when `key` is an array index, which objects list before any other key. */
export function isArrayIndex(key: string): boolean {
  return INDEX_LIKE.test(key) && Number(key) < INDEX_LIMIT;
}

/** Ids of the disputes not yet closed, in object key order. */
export class OpenDisputes {
  /** Insertion-ordered; closed disputes are dropped lazily by `list`. */
  private readonly ids = new Set<string>();
  private anyIndex = false;

  /** Records a dispute just raised (call in the order disputes are raised). */
  add(id: string): void {
    this.ids.add(id);
    if (isArrayIndex(id)) this.anyIndex = true;
  }

  /** The open disputes of `disputes`, in `Object.values(disputes)` order. */
  list(disputes: Readonly<Record<string, DisputeView>>): string[] {
    const open: string[] = [];
    for (const id of this.ids) {
      // A plain read, not `own`: every id here is a recorded dispute's, a valid id (checked by
      // decide, or built by the simulator as `dispute-<n>`), so never an Object.prototype name.
      const d = disputes[id];
      if (d === undefined || d.closedAt !== undefined) this.ids.delete(id);
      else open.push(id);
    }
    if (!this.anyIndex) return open;
    // Stable sort: indices first by value, every other id keeps its place relative to the rest.
    return open.sort((a, b) => {
      const ia = isArrayIndex(a);
      const ib = isArrayIndex(b);
      if (ia && ib) return Number(a) - Number(b);
      return ia === ib ? 0 : ia ? -1 : 1;
    });
  }
}
