/**
 * Which machine instance a fact moves, and with which machine event. Shared by `apply`
 * (which performs the transition) and `decide` (which asks whether it is possible), so the
 * two can never disagree about what an event means to a machine.
 *
 * Replay asks this for most events of a log, so routes and machine events are constants
 * (frozen, shared); only `RulingAccepted`, whose machine event names the accepting party, is
 * built per call. The instance a message or dispute route moves is named by the fact itself,
 * always in the same field: see {@link subjectOf}.
 */
import type { CellMachineEvent } from '../machines/cell.js';
import type { DisputeMachineEvent } from '../machines/dispute.js';
import type { MessageMachineEvent } from '../machines/message.js';
import { TRACKS, type Fact, type Track } from './catalogue.js';

/** The primary transition a fact causes. */
export type Route =
  | { readonly machine: 'cell'; readonly event: CellMachineEvent }
  | { readonly machine: 'message'; readonly event: MessageMachineEvent }
  | { readonly machine: 'dispute'; readonly event: DisputeMachineEvent };

const cell = (event: CellMachineEvent): Route => Object.freeze({ machine: 'cell', event: Object.freeze(event) });
const message = (type: MessageMachineEvent['type']): Route =>
  Object.freeze({ machine: 'message', event: Object.freeze({ type }) as MessageMachineEvent });
const dispute = (event: DisputeMachineEvent): Route => Object.freeze({ machine: 'dispute', event: Object.freeze(event) });

const ESTABLISH = cell({ type: 'ESTABLISH' });
const ACTIVATE = cell({ type: 'ACTIVATE' });
const SUSPEND = cell({ type: 'SUSPEND' });
const RESUME = cell({ type: 'RESUME' });
const DISSOLVE = cell({ type: 'DISSOLVE' });
const REQUEST_MEETING = cell({ type: 'REQUEST_MEETING' });
const OPEN_REGULAR = cell({ type: 'OPEN_MEETING', kind: 'regular' });
const OPEN_EXTRAORDINARY = cell({ type: 'OPEN_MEETING', kind: 'extraordinary' });
const CLOSE_MEETING = cell({ type: 'CLOSE_MEETING' });
const QUIET = Object.fromEntries(TRACKS.map((t) => [t, cell({ type: `${t}.QUIET` })])) as Readonly<Record<Track, Route>>;

const DELIVER = message('DELIVER');
const LOSE = message('LOSE');
const ACK = message('ACK');
const ANSWER = message('ANSWER');
const DEADLINE = message('DEADLINE');
const REFER = message('REFER');

const ACK_DISPUTE = dispute({ type: 'ACK' });
const OPEN_FACT_FINDING = dispute({ type: 'OPEN_FACT_FINDING' });
const REPORT_FINDINGS = dispute({ type: 'REPORT_FINDINGS' });
const SETTLE = dispute({ type: 'SETTLE' });
const REQUEST_MEDIATION = dispute({ type: 'REQUEST_MEDIATION' });
const RULE = dispute({ type: 'RULE' });
const REJECT_RULING = dispute({ type: 'REJECT_RULING' });
const MEDIATION_FAILED = dispute({ type: 'MEDIATION_FAILED' });
const ESCALATE = dispute({ type: 'ESCALATE' });
const WITHDRAW = dispute({ type: 'WITHDRAW' });
const LAPSE = dispute({ type: 'LAPSE' });

/**
 * The machine transition `f` stands for, or `undefined` for facts that create an instance
 * (`CellProposed`, `MessageSent`, `DisputeRaised`) or move no machine directly.
 */
export function routeOf(f: Fact): Route | undefined {
  switch (f.type) {
    case 'CellEstablished':
      return ESTABLISH;
    case 'CellActivated':
      return ACTIVATE;
    case 'CellSuspended':
      return SUSPEND;
    case 'CellResumed':
      return RESUME;
    case 'CellDissolved':
      return DISSOLVE;
    case 'TrackQuieted':
      return QUIET[f.data.track];
    case 'ExtraordinaryMeetingRequested':
      return REQUEST_MEETING;
    case 'MeetingOpened':
      return f.data.kind === 'regular' ? OPEN_REGULAR : OPEN_EXTRAORDINARY;
    case 'MeetingClosed':
      return CLOSE_MEETING;
    case 'MessageDelivered':
      return DELIVER;
    case 'MessageLost':
      return LOSE;
    case 'MessageAcknowledged':
      return ACK;
    case 'MessageAnswered':
      return ANSWER;
    case 'AckDeadlineMissed':
      return DEADLINE;
    case 'MessageReferred':
      return REFER;
    case 'DisputeAcknowledged':
      return ACK_DISPUTE;
    case 'FactFindingOpened':
      return OPEN_FACT_FINDING;
    case 'FactFindingReported':
      return REPORT_FINDINGS;
    case 'SettlementReached':
      return SETTLE;
    case 'MediationRequested':
      return REQUEST_MEDIATION;
    case 'SupervisorRuled':
      return RULE;
    case 'RulingAccepted':
      return { machine: 'dispute', event: { type: 'ACCEPT_RULING', by: f.actor } };
    case 'RulingRejected':
      return REJECT_RULING;
    case 'MediationFailed':
      return MEDIATION_FAILED;
    case 'DisputeEscalated':
      return ESCALATE;
    case 'DisputeWithdrawn':
      return WITHDRAW;
    case 'DisputeLapsed':
      return LAPSE;
    case 'LogStarted':
    case 'SimulationEnded':
    case 'ParametersChanged':
    case 'CellProposed':
    case 'MessageSent':
    case 'IncidentOccurred':
    case 'IncidentObserved':
    case 'IncidentClarified':
    case 'RetaliationPlanned':
    case 'RetaliationHeld':
    case 'RetaliationCalledOff':
    case 'DeescalationStepTaken':
    case 'LadderCooled':
    case 'DisputeRaised':
    case 'DisputeDeadlineMissed':
    case 'RoundPlayed':
    case 'AccidentClarified':
      return undefined;
    default: {
      const _exhaustive: never = f;
      return _exhaustive;
    }
  }
}

/**
 * The message or dispute a routed fact moves: every fact routed to a message names it in
 * `data.messageId`, every fact routed to a dispute in `data.disputeId` (the catalogue's
 * schemas require both).
 */
export function subjectOf(f: Fact, r: Route & { readonly machine: 'message' | 'dispute' }): string {
  const data = f.data as { readonly messageId?: string; readonly disputeId?: string };
  return (r.machine === 'message' ? data.messageId : data.disputeId) as string;
}
