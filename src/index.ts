/**
 * Parley's public library API: the curated surface for researchers scripting runs and for
 * tools reading logs. Property testers import `parley/testing`. Everything else under src/
 * is internal.
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
export { InvariantChecker, checkInvariants } from './core/invariants.js';
export { commandFor, EVENT_COMMANDS } from './core/commandFor.js';
export { Auditor, auditFact, describeAudit } from './core/audit.js';
export type { AuditProblem, AuditRule } from './core/audit.js';
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
export type { ContinueFrom, CreateLogOptions, LogWriter, LogSummary } from './log/writer.js';
export { appendToLog } from './log/append.js';
export type { LogPosition } from './log/chain.js';
export { readEventBatches, readEvents } from './log/readEvents.js';
export type { ReadEventsOptions } from './log/readEvents.js';
export { writeFileAtomic } from './log/atomic.js';
export { events$ } from './log/observable.js';
export { verifyLog } from './log/verify.js';
export type { VerifyFailure, VerifyOptions, VerifyReport } from './log/verify.js';
export { canonicalJson } from './core/canonical.js';
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

// --- research at scale: sweeps, comparisons, shards ------------------------------------
export { executeSweep } from './explore/execute.js';
export type { RowOutput, SweepOutcome, SweepRequest } from './explore/execute.js';
export { prepareGrid, scenarioDocument, sweepIdentity, sweepSetup } from './explore/prepare.js';
export type { CellSource, Grid, ScenarioSource, SetupOptions } from './explore/prepare.js';
export { applyOverride, parseSetOption, parseSetValues, renderSetValue } from './explore/overrides.js';
export type { Override, SetSpec } from './explore/overrides.js';
export { SetPathError } from './explore/setPath.js';
export type { Cell } from './explore/grid.js';
export type { SweepSetup } from './explore/batch.js';
export type { SweepIdentity } from './explore/identity.js';
export { seedOf } from './explore/seeds.js';
export { PairedSummary, pairedMeasures } from './explore/compare.js';
export type { ComparisonLine } from './explore/compare.js';
export type { CellReport } from './explore/summary.js';
export { meanInterval, pairedRateDifference, tQuantile, wilson } from './explore/intervals.js';
export { parseShard, shardRange } from './explore/shard.js';
export { mergeParts } from './explore/merge.js';
export { judgeProbability } from './report/expectations.js';

// Property testing lives in its own entry point, `parley/testing` (src/testing/index.ts),
// so that importing `parley` does not load fast-check.

export { PARLEY_VERSION } from './version.js';

// --- diagrams, the stepper and the HTML report (for the classroom) ------------------------
export { machineDiagram, DIAGRAM_FORMATS } from './report/diagram/diagram.js';
export type { DiagramFormat, DiagramOptions } from './report/diagram/diagram.js';
export { machineGraph, activeStateIds } from './report/diagram/graph.js';
export type { DiagramState, DiagramTransition, MachineGraph, StateKind } from './report/diagram/graph.js';
export { MACHINE_NAMES } from './report/diagram/machines.js';
export type { MachineName } from './report/diagram/machines.js';
export { Stepper } from './report/stepper/stepper.js';
export type { StepperOptions } from './report/stepper/stepper.js';
export { describeEvent, glimpse } from './report/stepper/describe.js';
export type { Glimpse, MachineChange, MachineKind, StepDescription } from './report/stepper/describe.js';
export { renderReport, REPORT_MAX_EVENTS } from './report/html/page.js';
export type { ReportOptions } from './report/html/page.js';
export { buildReportData } from './report/html/data.js';
export type { EventColumns, InstanceData, MachineData, ReportData } from './report/html/types.js';
