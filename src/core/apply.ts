/**
 * The fold step: applies one recorded event to a mutable draft of the state.
 *
 * It is written once and used twice: `evolve` runs it on an immer draft (immutable in,
 * immutable out), and `Replayer` runs it on a private copy that nobody else can see, which is
 * what makes replay fast (no copy per event) while staying a pure function of its input.
 * Every machine transition goes through the compiled xstate definitions in src/machines.
 */
import { DISPUTE_OUTCOMES } from '../machines/dispute.js';
import { levelIndex } from '../machines/ladder.js';
import { isDraft, original } from 'immer';
import { compiledCell, compiledDispute, compiledLadder, compiledMessage } from '../machines/index.js';
import type { FactOf, Recorded, Track } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { Route } from './routing.js';
import { routeOf } from './routing.js';
import { own } from './ids.js';
import type { DisputeView, IncidentView, MessageView, Mutable, ParleyState } from './state.js';
import { parseInstant } from './time.js';

type Draft = Mutable<ParleyState>;

/** Applies `e` to `s` in place. Throws `ReplayError` when a machine refuses the event. */
export function applyEvent(s: Draft, e: Recorded): void {
  if (e.seq !== s.seq + 1) throw new ReplayError(e.seq, `expected seq ${s.seq + 1}`);
  if (s.seq === 0 && e.type !== 'LogStarted') throw new ReplayError(e.seq, 'the first event must be LogStarted');
  const r = routeOf(e);
  // Read before the transition moves the cell out of `active`: see `endMeetings`.
  const inSession = e.type === 'CellSuspended' && meetingMayBeInSession(s);
  if (r) primary(s, e, r);
  route(s, e);
  if (inSession) endMeetings(s, e);
  s.seq = e.seq;
  s.at = e.at;
  s.counters.events += 1;
  s.counters.byType[e.type] += 1;
}

function route(s: Draft, e: Recorded): void {
  switch (e.type) {
    case 'LogStarted':
      return start(s, e);
    case 'SimulationEnded':
      s.ended = true;
      return;
    case 'CellProposed':
      if (s.cell) throw new ReplayError(e.seq, '[cell] proposed twice');
      s.cell = {
        machine: compiledCell.initial(),
        tracks: [...e.data.tracks],
        proposedAt: e.at,
        suspendedMs: 0,
        suspensions: [],
      };
      return;
    case 'CellEstablished':
    case 'CellActivated':
    case 'TrackQuieted':
    case 'ExtraordinaryMeetingRequested':
      return;
    case 'CellSuspended': {
      const c = s.cell as NonNullable<Draft['cell']>;
      c.suspendedSinceMs = ms(e.at);
      c.suspensions.push({ at: e.at, by: e.actor, reason: e.data.reason });
      return;
    }
    case 'CellResumed': {
      const c = s.cell as NonNullable<Draft['cell']>;
      c.suspendedMs += ms(e.at) - (c.suspendedSinceMs ?? ms(e.at));
      delete c.suspendedSinceMs;
      return;
    }
    case 'CellDissolved': {
      const c = s.cell as NonNullable<Draft['cell']>;
      if (c.suspendedSinceMs !== undefined) {
        c.suspendedMs += ms(e.at) - c.suspendedSinceMs;
        delete c.suspendedSinceMs;
      }
      c.dissolvedAt = e.at;
      return;
    }
    case 'MeetingOpened':
      if (own(s.meetings, e.data.meetingId)) throw new ReplayError(e.seq, `[cell] meeting ${e.data.meetingId} opened twice`);
      s.openMeeting = e.data.meetingId;
      s.meetings[e.data.meetingId] = {
        id: e.data.meetingId,
        kind: e.data.kind,
        openedAt: e.at,
        incidents: e.data.agenda.incidents.length,
        disputes: e.data.agenda.disputes.length,
      };
      return;
    case 'MeetingClosed': {
      const m = own(s.meetings, e.data.meetingId);
      if (!m || m.closedAt) throw new ReplayError(e.seq, `[cell] meeting ${e.data.meetingId} is not open`);
      m.closedAt = e.at;
      if (s.openMeeting === m.id) delete s.openMeeting;
      return;
    }
    case 'MessageSent':
      return sent(s, e);
    case 'MessageDelivered':
      msg(s, e.data.messageId).deliveredAt = e.at;
      return;
    case 'MessageLost':
      msg(s, e.data.messageId).lostAt = e.at;
      return;
    case 'MessageAcknowledged':
      msg(s, e.data.messageId).acknowledgedAt = e.at;
      return;
    case 'MessageAnswered':
      msg(s, e.data.messageId).answeredAt = e.at;
      return;
    case 'AckDeadlineMissed': {
      const m = msg(s, e.data.messageId);
      m.overdueAt = e.at;
      s.counters.overdueAcks += 1;
      signal(s, m.track, 'STRAIN');
      return;
    }
    case 'MessageReferred':
      msg(s, e.data.messageId).referredAt = e.at;
      s.counters.referrals += 1;
      s.counters.interventions += 1;
      return;
    case 'IncidentOccurred':
      return incident(s, e);
    case 'IncidentObserved': {
      const i = knownIncident(s, e, e.data.incidentId);
      i.observations[e.actor] = { attributedTo: e.data.attributedTo, severity: e.data.severity, at: e.at };
      return;
    }
    case 'IncidentClarified':
      return clarified(s, e);
    case 'DeescalationStepTaken':
      if (own(s.steps, e.data.stepId)) throw new ReplayError(e.seq, `[incident] step ${e.data.stepId} recorded twice`);
      s.steps[e.data.stepId] = { by: e.actor, at: e.at, weight: e.data.weight };
      s.counters.deescalationSteps += 1;
      pressure(s, e, -e.data.weight);
      return;
    case 'DisputeRaised':
      return raised(s, e);
    case 'DisputeAcknowledged':
      dsp(s, e.data.disputeId).acknowledgedAt = e.at;
      return;
    case 'FactFindingOpened':
      s.counters.interventions += 1;
      return;
    case 'FactFindingReported': {
      const d = dsp(s, e.data.disputeId);
      d.finding = e.data.attributedTo === undefined
        ? { text: e.data.finding }
        : { attributedTo: e.data.attributedTo, text: e.data.finding };
      return;
    }
    case 'SettlementReached':
    case 'RulingAccepted':
    case 'RulingRejected':
    case 'DisputeEscalated':
    case 'DisputeWithdrawn':
    case 'DisputeLapsed':
      return;
    case 'MediationRequested':
      dsp(s, e.data.disputeId).mediationRequestedAt = e.at;
      return;
    case 'SupervisorRuled':
      dsp(s, e.data.disputeId).ruledAt = e.at;
      s.counters.interventions += 1;
      return;
    case 'MediationFailed':
      s.counters.interventions += 1;
      return;
    case 'DisputeDeadlineMissed': {
      const d = knownDispute(s, e, e.data.disputeId);
      if (d.closedAt) throw new ReplayError(e.seq, `[dispute] ${d.id} is closed; no deadline can be missed`);
      d.deadlinesMissed += 1;
      return;
    }
    case 'RoundPlayed':
      return round(s, e);
    case 'AccidentClarified': {
      if (!s.game) throw new ReplayError(e.seq, '[game] no round has been played');
      s.game.clarified += 1;
      return;
    }
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

/**
 * Whether the cell's meetings region may have a meeting in session. A meeting is only ever
 * opened from `idle` or `requested` and only leaves its session by closing (back to `idle`),
 * by suspension (which ends it) or by dissolution (final): in those two states no meeting is
 * open. Any other state, or a cell that is not active, is treated as "maybe".
 */
function meetingMayBeInSession(s: Draft): boolean {
  const v = s.cell?.machine.value;
  const active = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).active : undefined;
  if (typeof active !== 'object' || active === null) return true;
  const meetings = (active as Record<string, unknown>).meetings;
  return meetings !== 'idle' && meetings !== 'requested';
}

/**
 * Suspension leaves the meetings region: a meeting in session ends with it. Only looked for
 * when one may be in session, since the scan covers every meeting ever held (done on every
 * suspension, it made replay quadratic in long logs).
 */
function endMeetings(s: Draft, e: Recorded): void {
  // The meeting in session is tracked, so ending it is one lookup, never a scan.
  const id = s.openMeeting;
  const m = id === undefined ? undefined : own(s.meetings, id);
  if (m && m.closedAt === undefined) m.closedAt = e.at;
  delete s.openMeeting;
}

function ms(at: string): number {
  return parseInstant(at) as number;
}

function start(s: Draft, e: FactOf<'LogStarted'>): void {
  if (s.meta) throw new ReplayError(e.seq, 'LogStarted may only be the first event');
  s.meta = e.data as NonNullable<Draft['meta']>;
  const config = e.data.ladder;
  if (config.levels.length !== config.thresholds.length || config.thresholds[0] !== 0) {
    throw new ReplayError(e.seq, '[ladder] thresholds must match levels and start at 0');
  }
  const machine = compiledLadder(config).initial();
  const level = config.levels[0] as string;
  s.ladder = {
    machine,
    level,
    levelIndex: 0,
    peak: level,
    peakIndex: 0,
    sinceMs: ms(e.at),
    timeAtMs: Object.fromEntries(config.levels.map((l) => [l, 0])),
    firstAt: { [level]: e.at },
    ups: 0,
    downs: 0,
  };
}

/**
 * The snapshot itself, not an immer draft of it: under `evolve` the compiled machines would
 * otherwise read (and so copy) the draft's value tree on every transition.
 */
function plain<T extends object>(value: T): T {
  return isDraft(value) ? (original(value as never) as T) : value;
}

/** Performs the transition a fact stands for; a machine that refuses it means a bad log. */
function primary(s: Draft, e: Recorded, r: Route): void {
  switch (r.machine) {
    case 'cell': {
      if (!s.cell) throw new ReplayError(e.seq, `[cell] ${e.type} before the cell was proposed`);
      const current = plain(s.cell.machine);
      const next = compiledCell.transition(current, r.event);
      if (next === current) {
        throw new ReplayError(e.seq, `[cell] ${e.type} is not possible in state ${JSON.stringify(next.value)}`);
      }
      s.cell.machine = next;
      return;
    }
    case 'message': {
      const m = own(s.messages, r.id);
      if (!m) throw new ReplayError(e.seq, `[message] unknown message ${r.id}`);
      const current = plain(m.machine);
      const next = compiledMessage.transition(current, r.event);
      if (next === current) {
        throw new ReplayError(e.seq, `[message] ${e.type} is not possible for ${r.id} in state ${String(next.value)}`);
      }
      m.machine = next;
      return;
    }
    case 'dispute': {
      const d = own(s.disputes, r.id);
      if (!d) throw new ReplayError(e.seq, `[dispute] unknown dispute ${r.id}`);
      const current = plain(d.machine);
      const next = compiledDispute.transition(current, r.event);
      if (next === current) {
        throw new ReplayError(e.seq, `[dispute] ${e.type} is not possible for ${r.id} in state ${String(next.value)}`);
      }
      d.machine = next;
      if (next.status === 'done') close(s, e, d);
      return;
    }
    default: {
      const _exhaustive: never = r;
      return _exhaustive;
    }
  }
}

/** The message a routed fact just moved (it exists: `primary` checked). */
function msg(s: Draft, id: string): Mutable<MessageView> {
  return s.messages[id] as Mutable<MessageView>;
}

/** The dispute a routed fact just moved (it exists: `primary` checked). */
function dsp(s: Draft, id: string): Mutable<DisputeView> {
  return s.disputes[id] as Mutable<DisputeView>;
}

/** Track signals are consequences, not facts: a signal the track cannot take is ignored. */
function signal(s: Draft, track: Track, what: 'ENGAGE' | 'STRAIN' | 'EASE'): void {
  if (s.cell) s.cell.machine = compiledCell.transition(plain(s.cell.machine), { type: `${track}.${what}` });
}

function pressure(s: Draft, e: Recorded, delta: number): void {
  const meta = s.meta;
  const ladder = s.ladder;
  if (!meta || !ladder || delta === 0) return;
  const config = meta.ladder;
  ladder.machine = compiledLadder(plain(config)).transition(plain(ladder.machine), { type: 'PRESSURE', delta });
  const index = levelIndex(config, ladder.machine.context.pressure);
  if (index === ladder.levelIndex) return;
  const now = ms(e.at);
  if (index > ladder.levelIndex) ladder.ups += 1;
  else ladder.downs += 1;
  ladder.timeAtMs[ladder.level] = (ladder.timeAtMs[ladder.level] ?? 0) + (now - ladder.sinceMs);
  ladder.level = config.levels[index] as string;
  ladder.levelIndex = index;
  ladder.sinceMs = now;
  if (!own(ladder.firstAt, ladder.level)) ladder.firstAt[ladder.level] = e.at;
  if (index > ladder.peakIndex) {
    ladder.peakIndex = index;
    ladder.peak = ladder.level;
  }
}

function sent(s: Draft, e: FactOf<'MessageSent'>): void {
  const d = e.data;
  if (own(s.messages, d.messageId)) throw new ReplayError(e.seq, `[message] ${d.messageId} sent twice`);
  const view: Mutable<MessageView> = {
    id: d.messageId,
    from: e.actor,
    to: d.to,
    track: d.track,
    kind: d.kind,
    sentAt: e.at,
    ackBy: d.ackBy,
    machine: compiledMessage.initial(),
  };
  if (d.incidentId !== undefined) view.incidentId = d.incidentId;
  if (d.disputeId !== undefined) view.disputeId = d.disputeId;
  s.messages[d.messageId] = view;
  signal(s, d.track, 'ENGAGE');
}

function knownIncident(s: Draft, e: Recorded, id: string): Mutable<IncidentView> {
  const i = own(s.incidents, id);
  if (!i) throw new ReplayError(e.seq, `[incident] unknown incident ${id}`);
  return i;
}

function incident(s: Draft, e: FactOf<'IncidentOccurred'>): void {
  const d = e.data;
  if (own(s.incidents, d.incidentId)) throw new ReplayError(e.seq, `[incident] ${d.incidentId} recorded twice`);
  let accidental = false;
  if (d.retaliationFor !== undefined) {
    const original = knownIncident(s, e, d.retaliationFor);
    const seen = own(original.observations, e.actor);
    // Retaliating against someone who did not do it, because of how it was seen.
    accidental = original.by !== d.against && (seen === undefined || seen.attributedTo === d.against);
    if (!original.retaliatedBy.includes(e.actor)) original.retaliatedBy.push(e.actor);
    s.counters.retaliations += 1;
    if (accidental) s.counters.accidentalEscalations += 1;
  }
  const view: Mutable<IncidentView> = {
    id: d.incidentId,
    kind: d.kind,
    by: e.actor,
    against: d.against,
    cameo: d.cameo,
    weight: d.weight,
    severity: d.severity,
    at: e.at,
    observations: {},
    clarified: {},
    retaliatedBy: [],
    accidental,
  };
  if (d.retaliationFor !== undefined) view.retaliationFor = d.retaliationFor;
  s.incidents[d.incidentId] = view;
  pressure(s, e, -d.weight * d.severity);
}

function clarified(s: Draft, e: FactOf<'IncidentClarified'>): void {
  const i = knownIncident(s, e, e.data.incidentId);
  const party = e.data.party;
  if (own(i.clarified, party)) return;
  i.clarified[party] = e.at;
  const seen = own(i.observations, party);
  if (seen && seen.attributedTo !== i.by && !i.retaliatedBy.includes(party)) {
    s.counters.misunderstandingsCaught += 1;
  }
}

function raised(s: Draft, e: FactOf<'DisputeRaised'>): void {
  const d = e.data;
  if (own(s.disputes, d.disputeId)) throw new ReplayError(e.seq, `[dispute] ${d.disputeId} raised twice`);
  const view: Mutable<DisputeView> = {
    id: d.disputeId,
    by: e.actor,
    against: d.against,
    track: d.track,
    raisedAt: e.at,
    respondBy: d.respondBy,
    deadlinesMissed: 0,
    machine: compiledDispute.initial({ parties: [e.actor, d.against] }),
  };
  if (d.incidentId !== undefined) view.incidentId = d.incidentId;
  s.disputes[d.disputeId] = view;
  s.openDisputes[d.track] = (s.openDisputes[d.track] ?? 0) + 1;
  signal(s, d.track, 'STRAIN');
}

function knownDispute(s: Draft, e: Recorded, id: string): Mutable<DisputeView> {
  const d = own(s.disputes, id);
  if (!d) throw new ReplayError(e.seq, `[dispute] unknown dispute ${id}`);
  return d;
}

function close(s: Draft, e: Recorded, d: Mutable<DisputeView>): void {
  const outcome = DISPUTE_OUTCOMES[d.machine.value as keyof typeof DISPUTE_OUTCOMES];
  d.outcome = outcome;
  d.closedAt = e.at;
  s.counters.disputesClosed += 1;
  const ladder = s.meta?.ladder;
  if (ladder) {
    if (outcome === 'settlement') pressure(s, e, -ladder.reliefOnSettlement);
    else if (outcome === 'ruling') pressure(s, e, -ladder.reliefOnRuling);
    else if (outcome === 'escalation') pressure(s, e, ladder.escalationPenalty);
  }
  // A track stays strained while any dispute on it is open.
  const open = (s.openDisputes[d.track] ?? 1) - 1;
  s.openDisputes[d.track] = open;
  if (open === 0) signal(s, d.track, 'EASE');
}

function round(s: Draft, e: FactOf<'RoundPlayed'>): void {
  const g = (s.game ??= { rounds: 0, mutualRestraint: 0, mutualStrike: 0, accidents: 0, clarified: 0, payoffs: {} });
  if (e.data.round !== g.rounds + 1) throw new ReplayError(e.seq, `[game] expected round ${g.rounds + 1}`);
  g.rounds += 1;
  const moves = Object.values(e.data.moves);
  if (moves.every((m) => m === 'restrain')) g.mutualRestraint += 1;
  if (moves.every((m) => m === 'strike')) g.mutualStrike += 1;
  for (const p in e.data.intended) {
    if (e.data.intended[p] !== e.data.moves[p]) g.accidents += 1;
  }
  for (const p in e.data.payoffs) g.payoffs[p] = (own(g.payoffs, p) ?? 0) + (e.data.payoffs[p] as number);
  g.last = { round: e.data.round, moves: { ...e.data.moves } };
}
