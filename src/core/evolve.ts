/**
 * `evolve(state, event) → state`: the pure, immutable fold of one event, with immer keeping
 * the read models structurally shared. Use `Replayer` (replay.ts) to fold many events: same
 * result, no per-event copy.
 */
import { enableMapSet, produce } from 'immer';
import { applyEvent } from './apply.js';
import type { Recorded } from './catalogue.js';
import type { Mutable, ParleyState } from './state.js';

// The entity tables are Maps: immer drafts them only with its Map/Set plugin. Registering it
// is idempotent and changes nothing for plain objects, so doing it here, once, is safe.
enableMapSet();

/**
 * Folds one event into a state and returns the next state; the input is never modified.
 * Throws `ReplayError` when the event contradicts the machines (the log is not valid).
 */
export function evolve(state: ParleyState, event: Recorded): ParleyState {
  return produce(state, (draft) => {
    applyEvent(draft as Mutable<ParleyState>, event);
  });
}
