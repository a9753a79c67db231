/**
 * `parley/testing`: the property-testing kit, as Parley's own tests use it. fast-check
 * arbitraries of single facts, commands, valid event streams and whole scenarios; the
 * invariants Parley is tested with, each named and stated; a checker that folds a stream
 * and runs every invariant after every event, reporting the first failing seq; and a property
 * that a party policy of your own is safe to play in any scenario.
 *
 * A separate entry point, so that importing `parley` never loads fast-check.
 * @example
 * import fc from 'fast-check';
 * import { checkEveryPrefix, eventStreamArbitrary } from 'parley/testing';
 *
 * fc.assert(fc.property(eventStreamArbitrary(), (events) => checkEveryPrefix(events).ok));
 */

// --- arbitraries ------------------------------------------------------------------------
export { eventStreamArbitrary, seededChooser, streamWithCutArbitrary } from './arbitraries.js';
export type { EventStreamConstraints } from './arbitraries.js';
export { eventArbitrary, factArbitrary, idArbitrary, instantArbitrary } from './factArbitrary.js';
export type { FactConstraints } from './factArbitrary.js';
export { commandArbitrary } from './commandArbitrary.js';
export type { CommandConstraints } from './commandArbitrary.js';
export { scenarioArbitrary, scenarioYamlArbitrary } from './scenarioArbitrary.js';
export type { ScenarioConstraints } from './scenarioArbitrary.js';

// --- streams outside fast-check (benchmarks, scripts) ------------------------------------
export { PROCEDURES, StreamGenerator, factsOf, generateStream } from './streamGenerator.js';
export type { Chooser, Decider, Procedure, StreamOptions } from './streamGenerator.js';

// --- invariants and checking them -------------------------------------------------------
export { invariant } from './invariant.js';
export type { Invariant, InvariantCheck } from './invariant.js';
export { PARLEY_INVARIANTS } from './invariants.js';
export { InvariantViolation, STREAM_RULES, assertEveryPrefix, checkEveryPrefix, describeFailure, formatEvent } from './checkEveryPrefix.js';
export type { PrefixFailure, PrefixReport } from './checkEveryPrefix.js';

// --- policies of your own ---------------------------------------------------------------
export { policyProperty } from './policyProperty.js';
export type { PolicyCase, PolicyConstraints, PolicyRun } from './policyProperty.js';
export { PolicyViolation, checkedPolicy } from './policyContract.js';
export type { PolicyViolationCode } from './policyContract.js';
