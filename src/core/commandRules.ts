/**
 * What each command requires of the state, beyond who issues it (roles.ts) and what its
 * machine allows (decide.ts): the messages, disputes, incidents, parties and tracks it names
 * exist, ids are new, recipients and respondents are other parties, the first event's
 * configuration folds.
 */
import type { Command } from './commands.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { isParticipant, isParty } from './roles.js';
import { carriesOutPlan, checkRetaliation } from './retaliationRules.js';
import type { ParleyState } from './state.js';
import { isLater } from './time.js';

const fail = (code: DomainErrorCode, message: string): DomainError => new DomainError(code, message);

/** What the command requires of the state beyond roles and the cell: the entities it names, its data's consistency. */
export function checkSpecific(cmd: Command, s: ParleyState): DomainError | undefined {
  switch (cmd.type) {
    case 'ProposeCell': {
      if (!s.meta?.mechanism) return fail('NO_MECHANISM', '[cell] the mechanism is switched off in this run');
      if (s.cell) return fail('DUPLICATE_ID', '[cell] the cell has already been proposed');
      const tracks = s.meta.tracks;
      const unknown = cmd.data.tracks.find((t) => !tracks.includes(t));
      return unknown === undefined ? undefined : fail('NOT_ALLOWED', `[cell] track ${unknown} is not one of this run's tracks (${tracks.join(', ')})`);
    }
    case 'SuspendCell':
    case 'RequestExtraordinaryMeeting':
      return cmd.data.incidentId === undefined || s.incidents.get(cmd.data.incidentId)
        ? undefined
        : fail('UNKNOWN_INCIDENT', `[cell] ${cmd.type} over unknown incident ${cmd.data.incidentId}`);
    case 'QuietTrack':
      return s.cell?.tracks.includes(cmd.data.track) ? undefined : fail('NOT_ALLOWED', `[cell] track ${cmd.data.track} is not open in this cell`);
    case 'SendMessage': {
      const d = cmd.data;
      if (s.messages.get(d.messageId)) return fail('DUPLICATE_ID', `[message] ${d.messageId} already exists`);
      if (!isParticipant(s, d.to) || d.to === cmd.actor) {
        return fail('NOT_ALLOWED', `[message] ${d.messageId}: recipient "${d.to}" must be another participant`);
      }
      if (!s.cell?.tracks.includes(d.track)) return fail('NOT_ALLOWED', `[message] track ${d.track} is not open in this cell`);
      if (d.incidentId !== undefined && !s.incidents.get(d.incidentId)) {
        return fail('UNKNOWN_INCIDENT', `[message] unknown incident ${d.incidentId}`);
      }
      if (d.disputeId !== undefined && !s.disputes.get(d.disputeId)) {
        return fail('UNKNOWN_DISPUTE', `[message] unknown dispute ${d.disputeId}`);
      }
      if (d.inReplyTo !== undefined && !s.messages.get(d.inReplyTo)) {
        return fail('UNKNOWN_MESSAGE', `[message] in reply to unknown message ${d.inReplyTo}`);
      }
      return undefined;
    }
    case 'DeliverMessage':
    case 'LoseMessage':
    case 'ReferMessage':
      return knownMessage(s, cmd.data.messageId);
    case 'OpenMeeting': {
      const d = cmd.data;
      if (s.meetings.get(d.meetingId)) return fail('DUPLICATE_ID', `[cell] meeting ${d.meetingId} already exists`);
      const unknownIncident = d.agenda.incidents.find((id) => !s.incidents.get(id));
      if (unknownIncident) return fail('UNKNOWN_INCIDENT', `[cell] agenda names unknown incident ${unknownIncident}`);
      const unknownDispute = d.agenda.disputes.find((id) => !s.disputes.get(id));
      if (unknownDispute) return fail('UNKNOWN_DISPUTE', `[cell] agenda names unknown dispute ${unknownDispute}`);
      return undefined;
    }
    case 'CloseMeeting': {
      const m = s.meetings.get(cmd.data.meetingId);
      if (!m || m.closedAt !== undefined) return fail('INVALID_TRANSITION', `[cell] meeting ${cmd.data.meetingId} is not open`);
      return undefined;
    }
    case 'AcknowledgeMessage':
    case 'AnswerMessage': {
      const m = s.messages.get(cmd.data.messageId);
      if (!m) return fail('UNKNOWN_MESSAGE', `[message] ${cmd.data.messageId} was never sent`);
      if (m.to !== cmd.actor) return fail('NOT_ALLOWED', `[message] only ${m.to} can acknowledge or answer ${m.id}`);
      if (cmd.type === 'AcknowledgeMessage' && !m.machine.context.delivered) {
        return fail('MESSAGE_NOT_DELIVERED', `[message] ${m.id} was never received by ${cmd.actor}`);
      }
      if (cmd.type === 'AnswerMessage' && cmd.data.reply !== undefined && !s.messages.get(cmd.data.reply)) {
        return fail('UNKNOWN_MESSAGE', `[message] reply ${cmd.data.reply} was never sent`);
      }
      return undefined;
    }
    case 'MarkAckOverdue': {
      const m = s.messages.get(cmd.data.messageId);
      if (!m) return fail('UNKNOWN_MESSAGE', `[message] ${cmd.data.messageId} was never sent`);
      if (isLater(m.ackBy, cmd.at)) {
        return fail('DEADLINE_NOT_REACHED', `[message] ${m.id} is due at ${m.ackBy}`);
      }
      return undefined;
    }
    case 'RecordIncident': {
      const d = cmd.data;
      if (s.incidents.get(d.incidentId)) return fail('DUPLICATE_ID', `[incident] ${d.incidentId} already exists`);
      if (!isParty(s, d.against) || d.against === cmd.actor) {
        return fail('NOT_ALLOWED', `[incident] ${d.incidentId}: target "${d.against}" must be another party`);
      }
      if (d.retaliationFor !== undefined) {
        const original = s.incidents.get(d.retaliationFor);
        if (!original) return fail('UNKNOWN_INCIDENT', `[incident] retaliation for unknown incident ${d.retaliationFor}`);
        if (original.by === cmd.actor) {
          return fail('NOT_ALLOWED', `[incident] ${cmd.actor} cannot retaliate for its own incident ${original.id}`);
        }
        return carriesOutPlan(cmd.actor, cmd.at, d.against, original);
      }
      return undefined;
    }
    case 'ObserveIncident':
      if (!s.incidents.get(cmd.data.incidentId)) return fail('UNKNOWN_INCIDENT', `[incident] unknown ${cmd.data.incidentId}`);
      if (!isParty(s, cmd.data.attributedTo) && cmd.data.attributedTo !== 'world') {
        return fail('NOT_ALLOWED', `[incident] cannot attribute to "${cmd.data.attributedTo}"`);
      }
      return undefined;
    case 'ClarifyIncident':
      if (!s.incidents.get(cmd.data.incidentId)) return fail('UNKNOWN_INCIDENT', `[incident] unknown ${cmd.data.incidentId}`);
      if (!isParty(s, cmd.data.party)) return fail('NOT_ALLOWED', `[incident] "${cmd.data.party}" is not a party`);
      if (!isParty(s, cmd.data.attributedTo) && cmd.data.attributedTo !== 'world') {
        return fail('NOT_ALLOWED', `[incident] cannot attribute to "${cmd.data.attributedTo}"`);
      }
      if (cmd.data.messageId !== undefined && !s.messages.get(cmd.data.messageId)) {
        return fail('UNKNOWN_MESSAGE', `[incident] clarified through unknown message ${cmd.data.messageId}`);
      }
      return undefined;
    case 'PlanRetaliation':
    case 'HoldRetaliation':
    case 'CallOffRetaliation':
      return checkRetaliation(cmd, s);
    case 'TakeDeescalationStep':
      return s.steps.has(cmd.data.stepId) ? fail('DUPLICATE_ID', `[incident] step ${cmd.data.stepId} exists`) : undefined;
    case 'RaiseDispute': {
      const d = cmd.data;
      if (s.disputes.get(d.disputeId)) return fail('DUPLICATE_ID', `[dispute] ${d.disputeId} already exists`);
      if (!isParty(s, d.against) || d.against === cmd.actor) {
        return fail('NOT_ALLOWED', `[dispute] ${d.disputeId}: respondent "${d.against}" must be another party`);
      }
      if (d.incidentId !== undefined && !s.incidents.get(d.incidentId)) {
        return fail('UNKNOWN_INCIDENT', `[dispute] over unknown incident ${d.incidentId}`);
      }
      if (d.messageId !== undefined && !s.messages.get(d.messageId)) {
        return fail('UNKNOWN_MESSAGE', `[dispute] over unknown message ${d.messageId}`);
      }
      if (!s.cell?.tracks.includes(d.track)) return fail('NOT_ALLOWED', `[dispute] track ${d.track} is not open in this cell`);
      return undefined;
    }
    case 'AcknowledgeDispute':
    case 'RequestMediation':
    case 'AcceptRuling':
    case 'RejectRuling':
    case 'EscalateDispute':
    case 'WithdrawDispute':
      return disputeRole(cmd.type, s, cmd.data.disputeId, cmd.actor);
    case 'ChangeParameters': {
      const stranger = cmd.data.rules.suspension.by.find((id) => !isParticipant(s, id));
      return stranger === undefined ? undefined : fail('INVALID_DATA', `[log] rules.suspension.by names "${stranger}", neither a party nor the supervisor`);
    }
    case 'ReportFindings': {
      const to = cmd.data.attributedTo;
      return to === undefined || to === 'world' || isParty(s, to)
        ? undefined
        : fail('NOT_ALLOWED', `[dispute] findings cannot attribute the incident to "${to}": neither a party nor world`);
    }
    case 'Rule': {
      const d = s.disputes.get(cmd.data.disputeId);
      if (!d) return fail('UNKNOWN_DISPUTE', `[dispute] unknown dispute ${cmd.data.disputeId}`);
      if (d.machine.value !== 'mediation') {
        return fail('NOT_IN_MEDIATION', `[dispute] cannot rule on ${d.id}: it is ${String(d.machine.value)}, not in mediation`);
      }
      return undefined;
    }
    case 'MarkDisputeOverdue':
    case 'LapseDispute': {
      const d = s.disputes.get(cmd.data.disputeId);
      if (!d) return fail('UNKNOWN_DISPUTE', `[dispute] unknown dispute ${cmd.data.disputeId}`);
      if (d.closedAt !== undefined) return fail('INVALID_TRANSITION', `[dispute] ${d.id} is closed`);
      if (isLater(d.respondBy, cmd.at)) {
        return fail('DEADLINE_NOT_REACHED', `[dispute] ${d.id} is due at ${d.respondBy}`);
      }
      if (cmd.type === 'MarkDisputeOverdue' && cmd.data.stage !== d.machine.value) {
        return fail('INVALID_DATA', `[dispute] ${d.id} is ${String(d.machine.value)}, not ${cmd.data.stage}`);
      }
      return undefined;
    }
    case 'PlayRound': {
      if (!s.meta?.game) return fail('NO_GAME', '[game] this run has no repeated-interaction mode');
      const expected = (s.game?.rounds ?? 0) + 1;
      if (cmd.data.round !== expected) return fail('INVALID_DATA', `[game] expected round ${expected}`);
      const parties = Object.keys(s.meta.parties).sort().join(',');
      for (const field of ['intended', 'moves', 'payoffs'] as const) {
        if (Object.keys(cmd.data[field]).sort().join(',') !== parties) {
          return fail('INVALID_DATA', `[game] ${field} must name exactly the parties (${parties})`);
        }
      }
      return undefined;
    }
    case 'ClarifyAccident':
      if (!s.meta?.game) return fail('NO_GAME', '[game] this run has no repeated-interaction mode');
      if (!s.game || cmd.data.round > s.game.rounds) return fail('INVALID_DATA', `[game] round ${cmd.data.round} was not played`);
      return isParty(s, cmd.data.to) ? undefined : fail('NOT_ALLOWED', `[game] "${cmd.data.to}" is not a party`);
    default:
      return undefined;
  }
}

/**
 * The first event: only the simulator writes it, and its configuration must fold. `legacy`:
 * it may be a log's first event as LogStarted v1 wrote it, without the mechanism's rules.
 */
export function checkStart(cmd: Extract<Command, { type: 'StartLog' }>, s: ParleyState, legacy = false): DomainError | undefined {
  if (s.seq > 0) return fail('ALREADY_STARTED', '[log] the log has already started');
  if (cmd.actor !== 'sim') return fail('NOT_ALLOWED', `[log] only the simulator (sim) starts a log, not "${cmd.actor}"`);
  const d = cmd.data;
  if (d.start !== cmd.at) return fail('INVALID_DATA', `[log] start ${d.start} differs from the event time ${cmd.at}`);
  if (isLater(d.start, d.end)) {
    return fail('INVALID_DATA', `[log] end ${d.end} is before start ${d.start}`);
  }
  const parties = Object.keys(d.parties);
  for (const id of [...parties, d.supervisor.id]) {
    if (id === 'sim' || id === 'cell' || id === 'world') return fail('INVALID_DATA', `[log] "${id}" is reserved`);
  }
  if (parties.includes(d.supervisor.id)) return fail('INVALID_DATA', `[log] the supervisor "${d.supervisor.id}" is also a party`);
  const suspender = d.rules?.suspension.by.find((id) => id !== d.supervisor.id && !Object.hasOwn(d.parties, id));
  if (suspender !== undefined) return fail('INVALID_DATA', `[log] rules.suspension.by names "${suspender}", neither a party nor the supervisor`);
  // A new log records the rules its deadlines follow; null is how a v1 log reads (upcast).
  if (d.rules === null && !legacy) return fail('INVALID_DATA', "[log] a new log records the mechanism's rules (rules: null only stands for logs written before LogStarted v2)");
  const { levels, thresholds, max } = d.ladder;
  const increasing = thresholds.every((t, i) => i === 0 || t > (thresholds[i - 1] as number));
  if (levels.length !== thresholds.length || thresholds[0] !== 0 || !increasing || max <= (thresholds.at(-1) as number)) {
    return fail('INVALID_DATA', '[ladder] thresholds must match the levels, start at 0, increase, and stay below max');
  }
  return undefined;
}

function knownMessage(s: ParleyState, id: string): DomainError | undefined {
  return s.messages.get(id) ? undefined : fail('UNKNOWN_MESSAGE', `[message] ${id} was never sent`);
}

function disputeRole(type: Command['type'], s: ParleyState, id: string, actor: string): DomainError | undefined {
  const d = s.disputes.get(id);
  if (!d) return fail('UNKNOWN_DISPUTE', `[dispute] unknown dispute ${id}`);
  const allowed =
    type === 'AcknowledgeDispute' ? [d.against] : type === 'WithdrawDispute' ? [d.by] : [d.by, d.against];
  if (!allowed.includes(actor)) return fail('NOT_ALLOWED', `[dispute] ${actor} may not ${type} on ${id}`);
  return undefined;
}
