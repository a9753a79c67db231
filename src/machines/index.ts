/**
 * The machines and their compiled interpreters, the only way the core drives machines.
 *
 * The xstate machines are the source of truth; the compiled interpreters are derived from
 * them (see compile.ts) and proven equal to xstate's `transition()` by the differential tests.
 */
import { canonicalKey } from '../core/canonical.js';
import type { LadderConfig } from '../core/catalogue.js';
import { cellMachine, type CellContext, type CellMachineEvent } from './cell.js';
import { compileMachine, type CompiledMachine } from './compile.js';
import { disputeMachine, type DisputeContext, type DisputeMachineEvent } from './dispute.js';
import { createLadderMachine, type LadderContext, type LadderMachineEvent } from './ladder.js';
import { messageMachine, type MessageContext, type MessageMachineEvent } from './message.js';

export { cellMachine, disputeMachine, messageMachine, createLadderMachine };
export { compileMachine, MachineCompileError } from './compile.js';
export type { CompiledMachine, MachineCompileErrorCode, MachineSnap, TransitionRef } from './compile.js';

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
