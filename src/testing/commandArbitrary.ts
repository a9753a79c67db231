/**
 * fast-check arbitraries of commands: what someone asks the mechanism to record. Each command
 * carries data its event's schema accepts, so `decide` judges it on the rules alone (roles,
 * references, the cell's state, the machines), never on a malformed field.
 */
import fc from 'fast-check';
import type { Command, CommandType } from '../core/commands.js';
import { COMMAND_EVENTS } from '../core/commands.js';
import { commandFor } from './build.js';
import { factArbitrary } from './factArbitrary.js';

/** Constraints of {@link commandArbitrary}. */
export interface CommandConstraints {
  /** Command types to draw from (default every type). */
  readonly types?: readonly CommandType[];
}

/**
 * Commands of any type (or of `types`) with schema-valid data, by any actor, at any instant
 * in 2026: most are refused by `decide` in any given state, which is what a property over
 * the rules wants ("whatever is asked, decide never throws and never accepts …").
 * @example
 * fc.assert(fc.property(commandArbitrary(), (cmd) => {
 *   const r = decide(cmd, state);
 *   return r instanceof DomainError || r.every((f) => parseEvent({ ...f, seq: state.seq + 1 }).ok);
 * }));
 */
export function commandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<Command> {
  const types = (constraints.types ?? (Object.keys(COMMAND_EVENTS) as CommandType[])).map((c) => COMMAND_EVENTS[c]);
  return factArbitrary({ types }).map(commandFor);
}
