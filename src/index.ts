/**
 * Parley's public library API: the curated surface for researchers scripting runs, for
 * tools reading logs, and for property testers (arbitraries and invariants). Everything
 * else under src/ is internal.
 */

// --- the event catalogue and its envelope ---------------------------------------------
export { EVENT_TYPES, EVENT_VERSIONS, MESSAGE_KINDS, MOVES, TRACKS, checkData, fact, parseEvent } from './core/catalogue.js';
export type {
  Envelope,
  EventData,
  EventType,
  Fact,
  FactOf,
  Issue,
  LadderConfig,
  MessageKind,
  Move,
  ParseResult,
  Recorded,
  Track,
} from './core/catalogue.js';

// --- the decider: commands, rules, fold, replay -------------------------------------------
export { COMMAND_EVENTS, command } from './core/commands.js';
export type { Command, CommandOf, CommandType } from './core/commands.js';
export { decide } from './core/decide.js';
export { evolve } from './core/evolve.js';
export { Replayer, replay } from './core/replay.js';
export type { ReplayOptions } from './core/replay.js';
export { initialState, stateFromJSON, stateToJSON } from './core/state.js';
export type {
  CellView,
  Counters,
  DisputeView,
  GameView,
  IncidentView,
  LadderView,
  MeetingView,
  MessageView,
  ParleyState,
  RunMeta,
  StateJSON,
  StepView,
  TableName,
} from './core/state.js';
export { DomainError, ReplayError } from './core/errors.js';
export type { DomainErrorCode } from './core/errors.js';
export { INVARIANTS, checkInvariants } from './core/invariants.js';
export { formatDuration, formatInstant, parseDuration, parseInstant } from './core/time.js';

// --- the machines (xstate definitions and their compiled interpreters) -------------------
export { cellMachine } from './machines/cell.js';
export { disputeMachine, DISPUTE_OUTCOMES } from './machines/dispute.js';
export type { DisputeOutcome } from './machines/dispute.js';
export { messageMachine } from './machines/message.js';
export { DEFAULT_LADDER, createLadderMachine } from './machines/ladder.js';
export { compileMachine, compiledCell, compiledDispute, compiledLadder, compiledMessage } from './machines/index.js';
export type { CompiledMachine, MachineSnap } from './machines/index.js';

// --- the log on disk ------------------------------------------------------------------
export { createLogFile } from './log/writer.js';
export type { LogFileWriter, LogSummary } from './log/writer.js';
export { openLogStream } from './log/logStream.js';
export type { LogStream, LogStreamOptions } from './log/logStream.js';
export { appendToLog } from './log/append.js';
export { readEventBatches, readEvents } from './log/readEvents.js';
export type { ReadEventsOptions } from './log/readEvents.js';
export { writeFileAtomic } from './log/atomic.js';
export { events$ } from './log/observable.js';
export { verifyLog } from './log/verify.js';
export type { VerifyReport } from './log/verify.js';
export { canonicalJson } from './log/canonical.js';
export { ConflictError, FactError, LockError, LogError, LogFormatError, LogIoError } from './log/errors.js';

// --- scenarios and the simulator --------------------------------------------------------
export { loadScenario, parseScenario, formatIssue } from './scenario/load.js';
export type { LocatedIssue, ScenarioResult } from './scenario/load.js';
export { validateScenario } from './scenario/validate.js';
export type { Scenario, ScenarioInput } from './scenario/schema.js';
export { compileScenario } from './scenario/compile.js';
export type { CompileOptions } from './scenario/compile.js';
export { runPlan } from './sim/simulation.js';
export type { Refusal, RunOptions, RunResult } from './sim/simulation.js';
export { PARTY_POLICIES, partyPolicy, standardSupervisor } from './sim/policies/index.js';
export type { MechanismRules } from './core/catalogue.js';
export { checkDeadline, deadline } from './core/rules.js';
export { DEFAULT_EVENT_BUDGET, estimateEvents } from './scenario/limits.js';
export type { EventEstimate, LimitOptions } from './scenario/limits.js';
export type { Dispositions, Occasion, PartyPolicy, PolicyParameter, Provocation, SupervisorPolicy } from './sim/policies/index.js';
export type { Plan, PartyPlan, PolicyPlan } from './sim/plan.js';
export { Rng } from './sim/rng.js';
export { RepeatedGame, stationaryTwoParty } from './sim/game.js';

// --- outcomes -------------------------------------------------------------------------
export { computeOutcomes, flattenOutcomes } from './report/metrics.js';
export type { FlatOutcomes, Outcomes } from './report/metrics.js';
export { checkExpectations } from './report/expectations.js';
export { formatSummary } from './report/summary.js';
export { formatState } from './report/stateText.js';

// --- property testing -----------------------------------------------------------------
export { eventStreamArbitrary, seededChooser, streamWithCutArbitrary } from './testing/arbitraries.js';
export type { EventStreamConstraints } from './testing/arbitraries.js';
export { StreamGenerator, factsOf, generateStream } from './testing/streamGenerator.js';
export type { Chooser, StreamOptions } from './testing/streamGenerator.js';

export { PARLEY_VERSION } from './version.js';
