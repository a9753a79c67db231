/**
 * What an invariant is to the kit: a name, a one-line statement, and a check run after every
 * event of a stream with the state that event produced. Checks look only at what the event
 * touched (plus running tallies they keep themselves), so checking a whole stream stays
 * linear in its length; an invariant may also give a whole-state form, run once at the end.
 */
import type { Recorded } from '../core/catalogue.js';
import type { ParleyState } from '../core/state.js';

/** Violations after `event` was folded into `state` (empty when all is well). */
export type InvariantCheck = (state: ParleyState, event: Recorded) => readonly string[];

/** An invariant of the mechanism, as the kit checks it. */
export interface Invariant {
  /** A short camelCase name, used in reports (`disputesClosedOnce`). */
  readonly name: string;
  /** One sentence saying what always holds. */
  readonly statement: string;
  /**
   * A fresh check for one stream: called after every event, in order, with the state that
   * event produced (a live view: read it, never keep or modify it).
   */
  readonly start: () => InvariantCheck;
  /** The same property over a whole state, run once after the last event (optional). */
  readonly whole?: (state: ParleyState) => readonly string[];
}

/**
 * An invariant whose check needs nothing but the state and the event.
 * @example
 * const noSelfRetaliation = invariant(
 *   'noSelfRetaliation',
 *   'A party never retaliates for an incident it carried out itself.',
 *   (state, event) => {
 *     if (event.type !== 'IncidentOccurred' || event.data.retaliationFor === undefined) return [];
 *     const original = state.incidents.get(event.data.retaliationFor);
 *     return original?.by === event.actor ? [`${event.actor} retaliates for its own ${original.id}`] : [];
 *   },
 * );
 */
export function invariant(name: string, statement: string, check: InvariantCheck): Invariant {
  return { name, statement, start: () => check };
}
