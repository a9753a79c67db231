/**
 * `decide(command, state) → facts | DomainError`: the rules of the mechanism.
 *
 * Who may do what (roles), what must exist (messages, disputes, incidents), what the cell
 * must be doing (most business needs it active) and what the machines allow (asked through
 * the compiled xstate definitions, via the same routing `evolve` uses). Pure: time and ids
 * arrive in the command.
 */
import { compiledCell, compiledDispute, compiledMessage } from '../machines/index.js';
import type { Fact } from './catalogue.js';
import { checkData, EVENT_VERSIONS } from './catalogue.js';
import type { Command } from './commands.js';
import { COMMAND_EVENTS, COMPUTED_FIELDS } from './commands.js';
import { DomainError } from './errors.js';
import type { DomainErrorCode } from './errors.js';
import { own } from './ids.js';
import { routeOf, subjectOf } from './routing.js';
import { deadline, RULE_NAMES } from './rules.js';
import type { ParleyState } from './state.js';
import { isLater, parseInstant } from './time.js';

type Role = 'party' | 'supervisor' | 'cell' | 'world' | 'sim';

const fail = (code: DomainErrorCode, message: string): DomainError => new DomainError(code, message);

function roleOf(s: ParleyState, actor: string): Role | undefined {
  if (actor === 'sim' || actor === 'world') return actor;
  if (!s.meta) return undefined;
  // Without a mechanism there is no cell to act: it must not leak into counterfactual runs.
  if (actor === 'cell') return s.meta.mechanism ? 'cell' : undefined;
  if (actor === s.meta.supervisor.id) return 'supervisor';
  return own(s.meta.parties, actor) ? 'party' : undefined;
}

const isParty = (s: ParleyState, id: string): boolean => roleOf(s, id) === 'party';
const isParticipant = (s: ParleyState, id: string): boolean => {
  const r = roleOf(s, id);
  return r === 'party' || r === 'supervisor';
};

/** Who may issue each command. */
const ALLOWED: { readonly [C in Command['type']]: readonly Role[] } = {
  StartLog: ['sim'],
  EndSimulation: ['sim'],
  ProposeCell: ['party', 'supervisor'],
  EstablishCell: ['supervisor', 'cell'],
  ActivateCell: ['supervisor', 'cell'],
  SuspendCell: ['party', 'supervisor'],
  ResumeCell: ['party', 'supervisor'],
  DissolveCell: ['party', 'supervisor'],
  QuietTrack: ['cell'],
  RequestExtraordinaryMeeting: ['party', 'supervisor'],
  OpenMeeting: ['cell', 'supervisor'],
  CloseMeeting: ['cell', 'supervisor'],
  SendMessage: ['party', 'supervisor'],
  DeliverMessage: ['cell'],
  LoseMessage: ['cell'],
  AcknowledgeMessage: ['party', 'supervisor'],
  AnswerMessage: ['party', 'supervisor'],
  MarkAckOverdue: ['sim'],
  ReferMessage: ['cell', 'supervisor'],
  RecordIncident: ['party', 'world'],
  ObserveIncident: ['party'],
  ClarifyIncident: ['cell', 'supervisor'],
  TakeDeescalationStep: ['party', 'supervisor'],
  RaiseDispute: ['party'],
  AcknowledgeDispute: ['party'],
  OpenFactFinding: ['cell', 'supervisor'],
  ReportFindings: ['cell', 'supervisor'],
  ReachSettlement: ['party', 'cell', 'supervisor'],
  RequestMediation: ['party'],
  Rule: ['supervisor'],
  AcceptRuling: ['party'],
  RejectRuling: ['party'],
  FailMediation: ['supervisor'],
  EscalateDispute: ['party'],
  WithdrawDispute: ['party'],
  MarkDisputeOverdue: ['sim'],
  LapseDispute: ['sim', 'cell'],
  PlayRound: ['sim'],
  ClarifyAccident: ['party', 'cell'],
};

/** Commands that need the cell to be active (not proposed, suspended or dissolved). */
const NEEDS_ACTIVE_CELL = new Set<Command['type']>([
  'QuietTrack',
  'RequestExtraordinaryMeeting',
  'OpenMeeting',
  'SendMessage',
  'ReferMessage',
  'ClarifyIncident',
  'ClarifyAccident',
  'RaiseDispute',
  'AcknowledgeDispute',
  'OpenFactFinding',
  'ReportFindings',
  'RequestMediation',
  'Rule',
  'FailMediation',
]);

function cellActive(s: ParleyState): boolean {
  const v = s.cell?.machine.value;
  return typeof v === 'object' && v !== null && 'active' in v;
}

/** Options of {@link decide}. */
export interface DecideOptions {
  /**
   * Check the command's data against its event's schema in the catalogue (default `true`).
   * Only a caller that guarantees schema-valid data may turn this off: the simulator does for
   * the commands it builds itself from a checked plan and from facts already recorded, where
   * the check costs more than all the rules together. Every rule is checked either way.
   */
  readonly validateData?: boolean;
}

/**
 * Checks a command against the state; returns the facts it produces, or why it is refused.
 * @example
 * const r = decide(command('Rule', { actor: 'us', at }, { disputeId: 'd-1', ruling: '…' }), state);
 * if (r instanceof DomainError) console.log(r.code); // 'NOT_IN_MEDIATION'
 */
export function decide(cmd: Command, s: ParleyState, options?: DecideOptions): readonly Fact[] | DomainError {
  const data = factData(cmd, s);
  if (data instanceof DomainError) return data;
  if (options?.validateData !== false) {
    const issues = checkData(COMMAND_EVENTS[cmd.type], data);
    if (issues.length > 0) {
      return fail('INVALID_DATA', `[${cmd.type}] ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
  }
  const general = checkGeneral(cmd, s);
  if (general) return general;
  const specific = checkSpecific(cmd, s);
  if (specific) return specific;
  const f = factOf(cmd, data);
  const machine = checkMachine(f, s);
  if (machine) return machine;
  return [f];
}

/**
 * The data of the command's fact: the command's own, plus the deadline the mechanism's
 * recorded rules give a message or a dispute (see core/rules.ts).
 */
function factData(cmd: Command, s: ParleyState): Fact['data'] | DomainError {
  if (cmd.type !== 'SendMessage' && cmd.type !== 'RaiseDispute') return cmd.data as Fact['data'];
  const field = COMPUTED_FIELDS[cmd.type];
  if (field in cmd.data) {
    return fail('INVALID_DATA', `[${cmd.type}] ${field} is not given: it follows from the mechanism's rules recorded in LogStarted`);
  }
  if (!s.meta) return fail('NOT_STARTED', `[log] ${cmd.type} before the log started`);
  const type = COMMAND_EVENTS[cmd.type];
  if (s.meta.rules === null) {
    return fail('NOT_RECORDED', `[log] this log does not record the mechanism's ${RULE_NAMES[type]} (written before LogStarted v2): ${field} cannot be computed`);
  }
  const due = deadline(s.meta.rules, type, cmd.at);
  if (due === undefined) return fail('INVALID_DATA', `[${cmd.type}] at: not an ISO-8601 UTC instant`);
  return withField(cmd.data, field, due) as Fact['data'];
}

/**
 * A copy of `data` (every own key, in order) with `key` added last. A `for…in` copy: several
 * times cheaper than an object spread on Node 20, and a message's data is copied per message.
 */
function withField(data: object, key: string, value: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in data) {
    if (!Object.hasOwn(data, k)) continue;
    const v = (data as Record<string, unknown>)[k];
    // An own `__proto__` key (JSON.parse makes them) stays a key: assigned, it would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  out[key] = value;
  return out;
}

/** `fact(…)` for the command's event, built directly: no meta object per command. */
function factOf(cmd: Command, data: Fact['data']): Fact {
  const type = COMMAND_EVENTS[cmd.type];
  const f: Record<string, unknown> = { type, v: EVENT_VERSIONS[type], at: cmd.at, actor: cmd.actor, data };
  if (cmd.cause !== undefined) f.cause = cmd.cause;
  return f as Fact;
}

function checkGeneral(cmd: Command, s: ParleyState): DomainError | undefined {
  // Most commands happen at the instant of the last event, which was checked when recorded.
  if (cmd.at !== s.at && parseInstant(cmd.at) === undefined) {
    return fail('INVALID_DATA', `[${cmd.type}] at: not an ISO-8601 UTC instant`);
  }
  if (cmd.cause !== undefined && !(Number.isInteger(cmd.cause) && cmd.cause >= 1 && cmd.cause <= s.seq)) {
    return fail('INVALID_DATA', `[log] cause ${cmd.cause} is not an earlier event (the log is at seq ${s.seq})`);
  }
  if (cmd.type === 'StartLog') return checkStart(cmd, s);
  if (!s.meta) return fail('NOT_STARTED', `[log] ${cmd.type} before the log started`);
  if (s.ended) return fail('ENDED', `[log] ${cmd.type} after the simulation ended`);
  // Most commands happen at the instant of the last event: no need to parse it again then.
  if (s.at !== undefined && s.at !== cmd.at && isLater(s.at, cmd.at)) {
    return fail('TIME_BACKWARDS', `[log] ${cmd.type} at ${cmd.at} is before the last event (${s.at})`);
  }
  if (isLater(cmd.at, s.meta.end)) {
    return fail('ENDED', `[log] ${cmd.type} at ${cmd.at} is after the end of the run (${s.meta.end})`);
  }
  const role = roleOf(s, cmd.actor);
  if (!role) return fail('UNKNOWN_ACTOR', `[log] unknown actor "${cmd.actor}"`);
  if (!ALLOWED[cmd.type].includes(role)) {
    return fail('NOT_ALLOWED', `[${cmd.type}] a ${role} (${cmd.actor}) may not do this`);
  }
  if (NEEDS_ACTIVE_CELL.has(cmd.type)) {
    if (!s.meta.mechanism) return fail('NO_MECHANISM', `[cell] ${cmd.type} needs the cell, and this run has none`);
    if (!s.cell) return fail('CELL_NOT_ACTIVE', `[cell] ${cmd.type} before the cell was proposed`);
    if (!cellActive(s)) {
      return fail('CELL_NOT_ACTIVE', `[cell] ${cmd.type} while the cell is ${JSON.stringify(s.cell.machine.value)}`);
    }
  }
  return undefined;
}

function checkSpecific(cmd: Command, s: ParleyState): DomainError | undefined {
  switch (cmd.type) {
    case 'ProposeCell':
      if (!s.meta?.mechanism) return fail('NO_MECHANISM', '[cell] the mechanism is switched off in this run');
      if (s.cell) return fail('DUPLICATE_ID', '[cell] the cell has already been proposed');
      return undefined;
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

/** The first event: only the simulator writes it, and its configuration must fold. */
function checkStart(cmd: Extract<Command, { type: 'StartLog' }>, s: ParleyState): DomainError | undefined {
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
  // A new log records the rules its deadlines follow; null is how a v1 log reads (upcast).
  if (d.rules === null) return fail('INVALID_DATA', "[log] a new log records the mechanism's rules (rules: null only stands for logs written before LogStarted v2)");
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

/** Asks the machine the fact would move whether it can (same routing as `evolve`). */
function checkMachine(f: Fact, s: ParleyState): DomainError | undefined {
  const r = routeOf(f);
  if (!r) return undefined;
  switch (r.machine) {
    case 'cell':
      if (!s.cell) return fail('NO_MECHANISM', `[cell] ${f.type}: there is no cell`);
      return compiledCell.can(s.cell.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[cell] ${f.type} is not possible while ${JSON.stringify(s.cell.machine.value)}`);
    case 'message': {
      const id = subjectOf(f, r);
      const m = s.messages.get(id);
      if (!m) return fail('UNKNOWN_MESSAGE', `[message] ${id} was never sent`);
      return compiledMessage.can(m.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[message] ${f.type} is not possible for ${id} (${String(m.machine.value)})`);
    }
    case 'dispute': {
      const id = subjectOf(f, r);
      const d = s.disputes.get(id);
      if (!d) return fail('UNKNOWN_DISPUTE', `[dispute] unknown dispute ${id}`);
      return compiledDispute.can(d.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[dispute] ${f.type} is not possible for ${id} (${String(d.machine.value)})`);
    }
    default: {
      const _exhaustive: never = r;
      return _exhaustive;
    }
  }
}
