/**
 * The invariants Parley itself is tested with, each with its name and one-line statement:
 * the core's state invariants (what `parley verify --deep` runs) in incremental form, and
 * the kit's invariants over each fact (roles, references, the active cell, deadlines, time,
 * the end of the run).
 */
import type { Invariant } from './invariant.js';
import { RULE_INVARIANTS } from './ruleInvariants.js';
import { STATE_INVARIANTS } from './stateInvariants.js';

/**
 * Every invariant, in the order they are checked after each event.
 * @example
 * for (const { name, statement } of PARLEY_INVARIANTS) console.log(`${name}: ${statement}`);
 */
export const PARLEY_INVARIANTS: readonly Invariant[] = [...STATE_INVARIANTS, ...RULE_INVARIANTS];
