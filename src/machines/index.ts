/**
 * The four xstate v5 machines (cell.ts, message.ts, dispute.ts, ladder.ts: the single source
 * of truth for every state and transition) and the interpreters the core drives them with.
 *
 * What `compiled/` is: an interpreter derived from each machine definition at load time. It
 * reads the state nodes, transitions, guards and `assign` actions and memoizes each
 * (configuration, event) step, so a transition costs a few Map lookups instead of the ~25 µs
 * of xstate's pure `transition()`, which builds an actor system per call. Why it exists:
 * replay, verification and sweeps of thousands of runs move a machine for almost every event
 * (measured: in-memory replay at 0.69–0.83× of a hand-written switch, 13× xstate's pure
 * `transition()`). It is proven equal to xstate by differential property tests
 * (test/machines/differential.test.ts) and is not part of the public API.
 *
 * What it refuses, at compile time (`MachineCompileError`), so that a machine edited beyond
 * it can never silently diverge: actions other than `assign` (raise, send, spawn, emit,
 * enqueue…), higher-order guards (and/or/not/stateIn), delayed (`after`) and eventless
 * (`always`) transitions, `invoke` and `onDone`, history states, `output`, final states below
 * the top level, and wildcard event descriptors. See compiled/compile.ts for the supported
 * subset.
 */
import { canonicalKey } from '../core/canonical.js';
import type { LadderConfig } from '../core/catalogue.js';
import { cellMachine, type CellContext, type CellMachineEvent } from './cell.js';
import { compileMachine, type CompiledMachine } from './compiled/compile.js';
import { disputeMachine, type DisputeContext, type DisputeMachineEvent } from './dispute.js';
import { createLadderMachine, type LadderContext, type LadderMachineEvent } from './ladder.js';
import { messageMachine, type MessageContext, type MessageMachineEvent } from './message.js';

export { cellMachine, disputeMachine, messageMachine, createLadderMachine };
export { compileMachine, MachineCompileError } from './compiled/compile.js';
export type { CompiledMachine, MachineCompileErrorCode, MachineSnap, TransitionRef } from './compiled/compile.js';

/** The compiled message machine. */
export const compiledMessage: CompiledMachine<MessageContext, MessageMachineEvent> =
  compileMachine(messageMachine);

/** The compiled dispute machine; `initial({ parties })`. */
export const compiledDispute: CompiledMachine<DisputeContext, DisputeMachineEvent> =
  compileMachine(disputeMachine);

/** The compiled cell machine. */
export const compiledCell: CompiledMachine<CellContext, CellMachineEvent> = compileMachine(cellMachine);

/** How many ladder configurations stay compiled (a sweep may try many). */
const LADDER_CACHE_SIZE = 64;
const ladders = new Map<string, CompiledMachine<LadderContext, LadderMachineEvent>>();
const byIdentity = new WeakMap<LadderConfig, CompiledMachine<LadderContext, LadderMachineEvent>>();

/**
 * The compiled ladder machine for `config`, memoized by the configuration's content (the
 * most recently used {@link LADDER_CACHE_SIZE} configurations are kept).
 *
 * @example
 * const ladder = compiledLadder(DEFAULT_LADDER);
 * const next = ladder.transition(ladder.initial(), { type: 'PRESSURE', delta: 12 });
 */
export function compiledLadder(
  config: LadderConfig,
): CompiledMachine<LadderContext, LadderMachineEvent> {
  // Replay asks once per pressure change with the same config object: identity first.
  const known = byIdentity.get(config);
  if (known) return known;
  const key = canonicalKey(config);
  let compiled = ladders.get(key);
  if (compiled) {
    // Refresh recency: Map iteration order is insertion order.
    ladders.delete(key);
  } else {
    compiled = compileMachine(createLadderMachine(config));
    if (ladders.size >= LADDER_CACHE_SIZE) ladders.delete(ladders.keys().next().value as string);
  }
  ladders.set(key, compiled);
  byIdentity.set(config, compiled);
  return compiled;
}
