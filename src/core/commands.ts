/**
 * Commands: what someone asks the mechanism to record. A command carries the same data as
 * the fact it would become, plus who asks (`actor`) and when (`at`, simulated time passed in
 * as data: the core never reads a clock) — except what the mechanism's rules decide:
 * `decide` adds a message's `ackBy` and a dispute's `respondBy` from the rules the log's
 * first event records (core/rules.ts), and the ladder's cooling `delta` from its cooling
 * rule (core/cooling.ts).
 */
import type { EventData, EventType } from './catalogue.js';

/** Each command type and the fact it produces when the rules allow it. */
export const COMMAND_EVENTS = {
  StartLog: 'LogStarted',
  EndSimulation: 'SimulationEnded',
  ChangeParameters: 'ParametersChanged',
  ProposeCell: 'CellProposed',
  EstablishCell: 'CellEstablished',
  ActivateCell: 'CellActivated',
  SuspendCell: 'CellSuspended',
  ResumeCell: 'CellResumed',
  DissolveCell: 'CellDissolved',
  QuietTrack: 'TrackQuieted',
  RequestExtraordinaryMeeting: 'ExtraordinaryMeetingRequested',
  OpenMeeting: 'MeetingOpened',
  CloseMeeting: 'MeetingClosed',
  SendMessage: 'MessageSent',
  DeliverMessage: 'MessageDelivered',
  LoseMessage: 'MessageLost',
  AcknowledgeMessage: 'MessageAcknowledged',
  AnswerMessage: 'MessageAnswered',
  MarkAckOverdue: 'AckDeadlineMissed',
  ReferMessage: 'MessageReferred',
  RecordIncident: 'IncidentOccurred',
  ObserveIncident: 'IncidentObserved',
  ClarifyIncident: 'IncidentClarified',
  PlanRetaliation: 'RetaliationPlanned',
  HoldRetaliation: 'RetaliationHeld',
  CallOffRetaliation: 'RetaliationCalledOff',
  TakeDeescalationStep: 'DeescalationStepTaken',
  CoolLadder: 'LadderCooled',
  RaiseDispute: 'DisputeRaised',
  AcknowledgeDispute: 'DisputeAcknowledged',
  OpenFactFinding: 'FactFindingOpened',
  ReportFindings: 'FactFindingReported',
  ReachSettlement: 'SettlementReached',
  RequestMediation: 'MediationRequested',
  Rule: 'SupervisorRuled',
  AcceptRuling: 'RulingAccepted',
  RejectRuling: 'RulingRejected',
  FailMediation: 'MediationFailed',
  EscalateDispute: 'DisputeEscalated',
  WithdrawDispute: 'DisputeWithdrawn',
  MarkDisputeOverdue: 'DisputeDeadlineMissed',
  LapseDispute: 'DisputeLapsed',
  PlayRound: 'RoundPlayed',
  ClarifyAccident: 'AccidentClarified',
} as const satisfies Record<string, EventType>;

/** Every command name (see {@link COMMAND_EVENTS}). */
export type CommandType = keyof typeof COMMAND_EVENTS;

/** Fields of a command's fact that `decide` computes from the recorded rules: the command must not carry them. */
export const COMPUTED_FIELDS = { SendMessage: 'ackBy', RaiseDispute: 'respondBy', CoolLadder: 'delta' } as const;

/** The data of a command of type `C`: its fact's data, less the fields `decide` computes. */
export type CommandData<C extends CommandType> = C extends keyof typeof COMPUTED_FIELDS
  ? Omit<EventData<(typeof COMMAND_EVENTS)[C]>, (typeof COMPUTED_FIELDS)[C]>
  : EventData<(typeof COMMAND_EVENTS)[C]>;

/** A request to record a fact, checked by `decide`. */
export type Command = {
  [C in CommandType]: {
    readonly type: C;
    readonly actor: string;
    readonly at: string;
    /** Seq of the event this command reacts to, copied onto the resulting fact. */
    readonly cause?: number;
    readonly data: CommandData<C>;
  };
}[CommandType];

/** Narrows the command union to one type. */
export type CommandOf<C extends CommandType> = Extract<Command, { type: C }>;

/**
 * Builds a command.
 * @example command('AcknowledgeMessage', { actor: 'israel', at: '2026-01-10T05:00:00Z' }, { messageId: 'm-1' })
 */
export function command<C extends CommandType>(
  type: C,
  meta: { actor: string; at: string; cause?: number | undefined },
  data: CommandOf<C>['data'],
): CommandOf<C> {
  const c: Record<string, unknown> = { type, actor: meta.actor, at: meta.at, data };
  if (meta.cause !== undefined) c.cause = meta.cause;
  return c as CommandOf<C>;
}
