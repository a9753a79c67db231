/**
 * Invariants over each fact and the state it lands in, written from the mechanism's
 * documentation (README, DESIGN.md): who may record what, what a fact may refer to, when the
 * cell must be active, deadlines, time and the end of the run. The fold accepts many facts
 * that break these (it checks the machines, not roles or references), so they are what
 * catches a decider that lets too much through.
 */
import type { EventType, Recorded } from '../core/catalogue.js';
import { own } from '../core/ids.js';
import type { ParleyState } from '../core/state.js';
import { isLater } from '../core/time.js';
import type { Invariant } from './invariant.js';
import { invariant } from './invariant.js';

type Role = 'party' | 'supervisor' | 'cell' | 'world' | 'sim';

function roleOf(s: ParleyState, actor: string): Role | undefined {
  if (actor === 'sim' || actor === 'world') return actor;
  // Without a mechanism there is no cell to act.
  if (actor === 'cell') return s.meta?.mechanism ? 'cell' : undefined;
  if (actor === s.meta?.supervisor.id) return 'supervisor';
  return s.meta && own(s.meta.parties, actor) ? 'party' : undefined;
}

const isParty = (s: ParleyState, id: string): boolean => roleOf(s, id) === 'party';
const PARTICIPANT: readonly Role[] = ['party', 'supervisor'];

/** Who may record each fact, by role (the dispute- and message-specific rules come after). */
const ROLES: { readonly [T in EventType]: readonly Role[] } = {
  LogStarted: ['sim'],
  SimulationEnded: ['sim'],
  ParametersChanged: ['sim'],
  CellProposed: PARTICIPANT,
  CellEstablished: ['supervisor', 'cell'],
  CellActivated: ['supervisor', 'cell'],
  CellSuspended: PARTICIPANT,
  CellResumed: PARTICIPANT,
  CellDissolved: PARTICIPANT,
  TrackQuieted: ['cell'],
  ExtraordinaryMeetingRequested: PARTICIPANT,
  MeetingOpened: ['cell', 'supervisor'],
  MeetingClosed: ['cell', 'supervisor'],
  MessageSent: PARTICIPANT,
  MessageDelivered: ['cell'],
  MessageLost: ['cell'],
  MessageAcknowledged: PARTICIPANT,
  MessageAnswered: PARTICIPANT,
  AckDeadlineMissed: ['sim'],
  MessageReferred: ['cell', 'supervisor'],
  IncidentOccurred: ['party', 'world'],
  IncidentObserved: ['party'],
  IncidentClarified: ['cell', 'supervisor'],
  RetaliationPlanned: ['party'],
  RetaliationHeld: ['party'],
  RetaliationCalledOff: ['party'],
  DeescalationStepTaken: PARTICIPANT,
  LadderCooled: ['sim'],
  DisputeRaised: ['party'],
  DisputeAcknowledged: ['party'],
  FactFindingOpened: ['cell', 'supervisor'],
  FactFindingReported: ['cell', 'supervisor'],
  SettlementReached: ['party', 'cell', 'supervisor'],
  MediationRequested: ['party'],
  SupervisorRuled: ['supervisor'],
  RulingAccepted: ['party'],
  RulingRejected: ['party'],
  MediationFailed: ['supervisor'],
  DisputeEscalated: ['party'],
  DisputeWithdrawn: ['party'],
  DisputeDeadlineMissed: ['sim'],
  DisputeLapsed: ['sim', 'cell'],
  RoundPlayed: ['sim'],
  AccidentClarified: ['party', 'cell'],
};

/** Facts that need the cell active: the business of the mechanism. */
const BUSINESS = new Set<EventType>([
  'TrackQuieted',
  'ExtraordinaryMeetingRequested',
  'MeetingOpened',
  'MessageSent',
  'MessageReferred',
  'IncidentClarified',
  'AccidentClarified',
  'DisputeRaised',
  'DisputeAcknowledged',
  'FactFindingOpened',
  'FactFindingReported',
  'MediationRequested',
  'SupervisorRuled',
  'MediationFailed',
]);

function actorProblems(s: ParleyState, e: Recorded): string[] {
  const role = roleOf(s, e.actor);
  if (role === undefined) return [`${e.type} by "${e.actor}", who is not in this run`];
  if (!ROLES[e.type].includes(role)) return [`${e.type} by ${e.actor}, a ${role}`];
  const subject = (e.data as { messageId?: unknown; disputeId?: unknown });
  const m = typeof subject.messageId === 'string' ? s.messages.get(subject.messageId) : undefined;
  const d = typeof subject.disputeId === 'string' ? s.disputes.get(subject.disputeId) : undefined;
  switch (e.type) {
    case 'MessageAcknowledged':
    case 'MessageAnswered':
      return m && m.to !== e.actor ? [`${e.type} of ${m.id} by ${e.actor}, not its recipient ${m.to}`] : [];
    case 'DisputeAcknowledged':
      return d && d.against !== e.actor ? [`${d.id} acknowledged by ${e.actor}, not its respondent ${d.against}`] : [];
    case 'DisputeWithdrawn':
      return d && d.by !== e.actor ? [`${d.id} withdrawn by ${e.actor}, who did not raise it`] : [];
    case 'MediationRequested':
    case 'RulingAccepted':
    case 'RulingRejected':
    case 'DisputeEscalated':
      return d && d.by !== e.actor && d.against !== e.actor ? [`${e.type} on ${d.id} by ${e.actor}, who is not a party to it`] : [];
    default:
      return [];
  }
}

export const actorsInRole = invariant(
  'actorsInRole',
  'Every fact is recorded by someone whose role allows it: only the supervisor rules, only the recipient acknowledges a message, only the parties to a dispute act on it, and a party acts for itself.',
  actorProblems,
);

function referenceProblems(s: ParleyState, e: Recorded): string[] {
  const out: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) out.push(`${e.type} names ${what}`);
  };
  const incident = (id: string | undefined): void => need(id === undefined || s.incidents.has(id), `unknown incident ${id}`);
  const message = (id: string | undefined): void => need(id === undefined || s.messages.has(id), `unknown message ${id}`);
  const dispute = (id: string | undefined): void => need(id === undefined || s.disputes.has(id), `unknown dispute ${id}`);
  const partyOrWorld = (id: string): void => need(id === 'world' || isParty(s, id), `"${id}", neither a party nor world`);
  switch (e.type) {
    case 'MessageSent': {
      const role = roleOf(s, e.data.to);
      need((role === 'party' || role === 'supervisor') && e.data.to !== e.actor, `recipient "${e.data.to}", not another participant`);
      incident(e.data.incidentId);
      dispute(e.data.disputeId);
      message(e.data.inReplyTo);
      return out;
    }
    case 'MessageAnswered':
      message(e.data.reply);
      return out;
    case 'IncidentOccurred':
      need(isParty(s, e.data.against) && e.data.against !== e.actor, `target "${e.data.against}", not another party`);
      incident(e.data.retaliationFor);
      return out;
    case 'IncidentObserved':
      partyOrWorld(e.data.attributedTo);
      return out;
    case 'IncidentClarified':
      need(isParty(s, e.data.party), `"${e.data.party}", not a party`);
      partyOrWorld(e.data.attributedTo);
      message(e.data.messageId);
      return out;
    case 'DisputeRaised':
      need(isParty(s, e.data.against) && e.data.against !== e.actor, `respondent "${e.data.against}", not another party`);
      incident(e.data.incidentId);
      message(e.data.messageId);
      return out;
    case 'FactFindingReported':
      if (e.data.attributedTo !== undefined) partyOrWorld(e.data.attributedTo);
      return out;
    case 'RetaliationPlanned':
      incident(e.data.incidentId);
      need(isParty(s, e.data.against) && e.data.against !== e.actor, `target "${e.data.against}", not another party`);
      return out;
    case 'RetaliationHeld':
    case 'RetaliationCalledOff':
      incident(e.data.incidentId);
      dispute(e.data.disputeId);
      return out;
    case 'MeetingOpened':
      e.data.agenda.incidents.forEach(incident);
      e.data.agenda.disputes.forEach(dispute);
      return out;
    case 'CellSuspended':
    case 'ExtraordinaryMeetingRequested':
      incident(e.data.incidentId);
      return out;
    case 'AccidentClarified':
      need(isParty(s, e.data.to), `"${e.data.to}", not a party`);
      need(e.data.round <= (s.game?.rounds ?? 0), `round ${e.data.round}, not played yet`);
      return out;
    default:
      return out;
  }
}

export const referencesExist = invariant(
  'referencesExist',
  'Every party, incident, message, dispute or round a fact names exists when the fact is recorded.',
  referenceProblems,
);

export const businessInActiveCell = invariant(
  'businessInActiveCell',
  'Messages, disputes, clarifications and meetings happen only while the cell is active: never before it is, while it is suspended, or after it is dissolved.',
  (s, e) => {
    if (!BUSINESS.has(e.type)) return [];
    const v = s.cell?.machine.value;
    const active = typeof v === 'object' && v !== null && 'active' in v;
    return active ? [] : [`${e.type} while the cell is ${s.cell ? JSON.stringify(v) : 'not proposed'}`];
  },
);

export const deadlinesRespected = invariant(
  'deadlinesRespected',
  'A deadline is recorded as missed, and a dispute lapses, only once the deadline has passed.',
  (s, e) => {
    if (e.type === 'AckDeadlineMissed') {
      const m = s.messages.get(e.data.messageId);
      return m && isLater(m.ackBy, e.at) ? [`${m.id} marked overdue at ${e.at}, before its deadline ${m.ackBy}`] : [];
    }
    if (e.type === 'DisputeDeadlineMissed' || e.type === 'DisputeLapsed') {
      const d = s.disputes.get(e.data.disputeId);
      return d && isLater(d.respondBy, e.at) ? [`${e.type} for ${d.id} at ${e.at}, before its deadline ${d.respondBy}`] : [];
    }
    return [];
  },
);

export const timeInOrder: Invariant = {
  name: 'timeInOrder',
  statement: 'Events are recorded in time order, inside the run’s window from its start to its end.',
  start: () => {
    let last: string | undefined;
    return (s, e) => {
      const out: string[] = [];
      if (last !== undefined && isLater(last, e.at)) out.push(`${e.at} is before the previous event (${last})`);
      if (s.meta && (isLater(s.meta.start, e.at) || isLater(e.at, s.meta.end))) out.push(`${e.at} is outside the run [${s.meta.start}, ${s.meta.end}]`);
      last = e.at;
      return out;
    };
  },
};

export const nothingAfterEnd: Invariant = {
  name: 'nothingAfterEnd',
  statement: 'Nothing is recorded after SimulationEnded.',
  start: () => {
    let ended = false;
    return (_s, e) => {
      const out = ended ? [`${e.type} after SimulationEnded`] : [];
      if (e.type === 'SimulationEnded') ended = true;
      return out;
    };
  },
};

/** The kit's invariants over facts. */
export const RULE_INVARIANTS: readonly Invariant[] = [
  // The end and time first: a fact after the end is that, whatever else is wrong with it.
  nothingAfterEnd,
  timeInOrder,
  actorsInRole,
  referencesExist,
  businessInActiveCell,
  deadlinesRespected,
];
