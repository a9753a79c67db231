/**
 * Which machine instance a fact moves, and with which machine event. Shared by `apply`
 * (which performs the transition) and `decide` (which asks whether it is possible), so the
 * two can never disagree about what an event means to a machine.
 */
import type { CellMachineEvent } from '../machines/cell.js';
import type { DisputeMachineEvent } from '../machines/dispute.js';
import type { MessageMachineEvent } from '../machines/message.js';
import type { Fact } from './catalogue.js';

/** The primary transition a fact causes. */
export type Route =
  | { readonly machine: 'cell'; readonly event: CellMachineEvent }
  | { readonly machine: 'message'; readonly id: string; readonly event: MessageMachineEvent }
  | { readonly machine: 'dispute'; readonly id: string; readonly event: DisputeMachineEvent };

const cell = (event: CellMachineEvent): Route => ({ machine: 'cell', event });
const message = (id: string, type: MessageMachineEvent['type']): Route => ({
  machine: 'message',
  id,
  event: { type } as MessageMachineEvent,
});
const dispute = (id: string, event: DisputeMachineEvent): Route => ({ machine: 'dispute', id, event });

/**
 * The machine transition `f` stands for, or `undefined` for facts that create an instance
 * (`CellProposed`, `MessageSent`, `DisputeRaised`) or move no machine directly.
 */
export function routeOf(f: Fact): Route | undefined {
  switch (f.type) {
    case 'CellEstablished':
      return cell({ type: 'ESTABLISH' });
    case 'CellActivated':
      return cell({ type: 'ACTIVATE' });
    case 'CellSuspended':
      return cell({ type: 'SUSPEND' });
    case 'CellResumed':
      return cell({ type: 'RESUME' });
    case 'CellDissolved':
      return cell({ type: 'DISSOLVE' });
    case 'TrackQuieted':
      return cell({ type: `${f.data.track}.QUIET` });
    case 'ExtraordinaryMeetingRequested':
      return cell({ type: 'REQUEST_MEETING' });
    case 'MeetingOpened':
      return cell({ type: 'OPEN_MEETING', kind: f.data.kind });
    case 'MeetingClosed':
      return cell({ type: 'CLOSE_MEETING' });
    case 'MessageDelivered':
      return message(f.data.messageId, 'DELIVER');
    case 'MessageLost':
      return message(f.data.messageId, 'LOSE');
    case 'MessageAcknowledged':
      return message(f.data.messageId, 'ACK');
    case 'MessageAnswered':
      return message(f.data.messageId, 'ANSWER');
    case 'AckDeadlineMissed':
      return message(f.data.messageId, 'DEADLINE');
    case 'MessageReferred':
      return message(f.data.messageId, 'REFER');
    case 'DisputeAcknowledged':
      return dispute(f.data.disputeId, { type: 'ACK' });
    case 'FactFindingOpened':
      return dispute(f.data.disputeId, { type: 'OPEN_FACT_FINDING' });
    case 'FactFindingReported':
      return dispute(f.data.disputeId, { type: 'REPORT_FINDINGS' });
    case 'SettlementReached':
      return dispute(f.data.disputeId, { type: 'SETTLE' });
    case 'MediationRequested':
      return dispute(f.data.disputeId, { type: 'REQUEST_MEDIATION' });
    case 'SupervisorRuled':
      return dispute(f.data.disputeId, { type: 'RULE' });
    case 'RulingAccepted':
      return dispute(f.data.disputeId, { type: 'ACCEPT_RULING', by: f.actor });
    case 'RulingRejected':
      return dispute(f.data.disputeId, { type: 'REJECT_RULING' });
    case 'MediationFailed':
      return dispute(f.data.disputeId, { type: 'MEDIATION_FAILED' });
    case 'DisputeEscalated':
      return dispute(f.data.disputeId, { type: 'ESCALATE' });
    case 'DisputeWithdrawn':
      return dispute(f.data.disputeId, { type: 'WITHDRAW' });
    case 'DisputeLapsed':
      return dispute(f.data.disputeId, { type: 'LAPSE' });
    case 'LogStarted':
    case 'SimulationEnded':
    case 'CellProposed':
    case 'MessageSent':
    case 'IncidentOccurred':
    case 'IncidentObserved':
    case 'IncidentClarified':
    case 'DeescalationStepTaken':
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
