/**
 * Parley's public library API: what a researcher scripts with (load, compile, simulate,
 * sweep, compare, replay, verify, outcomes), what a tool reading logs needs (the event
 * catalogue, the state, the log reader and writer), the xstate machines, and the classroom's
 * diagram, stepper and report. Property testers import `parley/testing`. Everything else under
 * src/ (the compiled machines, canonical JSON, atomic-write helpers, the sweep's internals) is
 * internal and may change.
 */

// --- scenarios --------------------------------------------------------------------------
export { loadScenario, parseScenario, formatIssue } from './scenario/load.js';
export type { LocatedIssue, ScenarioResult } from './scenario/load.js';
export { validateScenario } from './scenario/validate.js';
export type { Scenario, ScenarioInput } from './scenario/schema.js';
export { compileScenario } from './scenario/compile.js';
export type { CompileOptions } from './scenario/compile.js';
export { DEFAULT_EVENT_BUDGET, estimateEvents } from './scenario/limits.js';
export type { EventEstimate, LimitOptions } from './scenario/limits.js';

// --- the simulator and its policies -----------------------------------------------------
export { runPlan } from './sim/simulation.js';
export type { ForkPoint, Refusal, RunOptions, RunResult } from './sim/simulation.js';
export type { GamePlan, PartyPlan, Plan, PolicyPlan, SupervisorPlan } from './sim/plan.js';
export { PARTY_POLICIES, partyPolicy, standardSupervisor } from './sim/policies/index.js';
export type { Dispositions, Occasion, PartyPolicy, PolicyParameter, Provocation, SupervisorPolicy } from './sim/policies/index.js';
export { Rng } from './sim/rng.js';
export { RepeatedGame, stationaryTwoParty } from './sim/game.js';

// --- outcomes -------------------------------------------------------------------------
export { computeOutcomes, flattenOutcomes } from './report/metrics.js';
export type { FlatOutcomes, MarginStats, Outcomes, Race, RaceMetrics, RaceOutcome } from './report/metrics.js';
export { checkExpectations } from './report/expectations.js';
export type { ExpectationReport } from './report/expectations.js';
export { formatSummary } from './report/summary.js';
export { formatState } from './report/stateText.js';

// --- research at scale: sweeps, comparisons, shards ------------------------------------
export { sweep } from './explore/sweepScenario.js';
export type { ExecutionOptions, SweepOptions, SweepResult } from './explore/sweepScenario.js';
export { compare } from './explore/compareScenarios.js';
export type { CompareOptions, CompareResult } from './explore/compareScenarios.js';
export type { ComparisonLine, Estimate } from './explore/compare.js';
export type { CellReport, MeanSummary, RateSummary } from './explore/summary.js';
export type { SweepOutcome } from './explore/execute.js';
export type { SweepIdentity } from './explore/identity.js';
export { seedOf } from './explore/seeds.js';
export { meanInterval, pairedRateDifference, wilson } from './explore/intervals.js';
export type { Interval } from './explore/intervals.js';
export { mergeParts } from './explore/merge.js';
export type { Shard } from './explore/shard.js';
export { forkLog } from './explore/fork.js';
export type { ForkOptions, ForkResult } from './explore/fork.js';
export { readInjected } from './explore/forkInject.js';
export type { InjectedTimeline } from './explore/forkInject.js';
export { ForkError } from './explore/forkError.js';

// --- the event catalogue --------------------------------------------------------------
export { EVENT_TYPES, EVENT_VERSIONS, MESSAGE_KINDS, MOVES, TRACKS, fact, parseEvent } from './core/catalogue.js';
export type {
  Envelope,
  EventData,
  EventType,
  Fact,
  FactOf,
  Issue,
  LadderConfig,
  MechanismRules,
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
export type { DecideOptions } from './core/decide.js';
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
export { InvariantChecker, checkInvariants } from './core/invariants.js';
export { commandFor, EVENT_COMMANDS } from './core/commandFor.js';
export { Auditor, auditFact, describeAudit } from './core/audit.js';
export type { AuditProblem, AuditRule } from './core/audit.js';
export { formatDuration, formatInstant, parseDuration, parseInstant } from './core/time.js';

// --- errors (area + stable code; see src/core/errors.ts) ------------------------------------
export { DomainError, ParleyError, ReplayError, UsageError } from './core/errors.js';
export type { DomainErrorCode, ErrorArea } from './core/errors.js';
export { ConflictError, FactError, LockError, LogError, LogFormatError, LogIoError } from './log/errors.js';
export type { LogErrorCode, LogProblemKind } from './log/errors.js';
export { SetPathError } from './explore/setPath.js';

// --- the machines (xstate v5 definitions) ----------------------------------------------
export { cellMachine } from './machines/cell.js';
export { disputeMachine, DISPUTE_OUTCOMES } from './machines/dispute.js';
export type { DisputeOutcome } from './machines/dispute.js';
export { messageMachine } from './machines/message.js';
export { DEFAULT_LADDER, createLadderMachine } from './machines/ladder.js';

// --- the log on disk ------------------------------------------------------------------
export { readEventBatches, readEvents } from './log/readEvents.js';
export type { ReadEventsOptions } from './log/readEvents.js';
export { events$ } from './log/observable.js';
export { verifyLog } from './log/verify.js';
export type { VerifyFailure, VerifyOptions, VerifyReport } from './log/verify.js';
export { createLogFile } from './log/writer.js';
export type { ContinueFrom, CreateLogOptions, LogWriter, LogSummary } from './log/writer.js';
export { appendToLog } from './log/append.js';
export type { AppendOptions } from './log/append.js';
export type { LogPosition } from './log/chain.js';

// --- diagrams, the stepper and the HTML report (for the classroom) ------------------------
export { machineDiagram, DIAGRAM_FORMATS } from './report/diagram/diagram.js';
export type { DiagramFormat, DiagramOptions } from './report/diagram/diagram.js';
export { MACHINE_NAMES } from './report/diagram/machines.js';
export type { MachineName } from './report/diagram/machines.js';
export { Stepper } from './report/stepper/stepper.js';
export type { StepperOptions } from './report/stepper/stepper.js';
export { describeEvent } from './report/stepper/describe.js';
export type { MachineChange, MachineKind, StepDescription } from './report/stepper/describe.js';
export { renderReport, REPORT_MAX_EVENTS } from './report/html/page.js';
export type { ReportOptions } from './report/html/page.js';

export { PARLEY_VERSION } from './version.js';
