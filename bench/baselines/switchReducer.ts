/**
 * The ceiling: the same fold as src/core/apply.ts — the same read models, counters, ladder
 * bookkeeping, the same checks that throw on an impossible event — but every machine is a
 * hand-written `switch` on a state name instead of the compiled xstate definitions. Nothing
 * here is shared with src/core except types and the time parser, so the gap between this and
 * `Replayer` is the price of deriving behaviour from the machine definitions.
 *
 * States carry the xstate state names, so the agreement check (agreement.ts) can compare
 * state counts one to one.
 */
import type { LadderConfig, Recorded, Track } from '../../src/core/catalogue.js';
import { EVENT_TYPES } from '../../src/core/catalogue.js';
import { parseInstant } from '../../src/core/time.js';
import { type CeilingState, type CellRow, type DisputeRow, type IncidentRow, type MeetingRow, type MessageRow, newCell } from './switchState.js';
import { cellEvent, disputeEvent, messageEvent, trackEvent, type CellEvent } from './switchMachines.js';

export type { CeilingState } from './switchState.js';

const OUTCOMES: Readonly<Record<string, string>> = {
  settled: 'settlement',
  ruled: 'ruling',
  withdrawn: 'withdrawal',
  lapsed: 'lapse',
  escalated: 'escalation',
};

/** The empty state, before `LogStarted`. */
export function ceilingInitial(): CeilingState {
  return {
    seq: 0,
    messages: new Map(),
    disputes: new Map(),
    openDisputes: {},
    incidents: new Map(),
    meetings: new Map(),
    openMeetings: [],
    steps: new Map(),
    counters: {
      events: 0,
      byType: Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])),
      overdueAcks: 0,
      referrals: 0,
      interventions: 0,
      retaliations: 0,
      accidentalEscalations: 0,
      misunderstandingsCaught: 0,
      consequentialMisunderstandingsCaught: 0,
      deescalationSteps: 0,
      disputesClosed: 0,
    },
    ended: false,
  };
}

function fail(e: Recorded, why: string): never {
  throw new Error(`ceiling: seq ${e.seq}: ${why}`);
}

/** Folds one event into `s` in place; throws when the log is not valid. */
export function ceilingApply(s: CeilingState, e: Recorded): void {
  if (e.seq !== s.seq + 1) fail(e, `expected seq ${s.seq + 1}`);
  if (s.seq === 0 && e.type !== 'LogStarted') fail(e, 'the first event must be LogStarted');
  step(s, e);
  s.seq = e.seq;
  s.at = e.at;
  s.counters.events += 1;
  s.counters.byType[e.type] = (s.counters.byType[e.type] as number) + 1;
}

const has = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** Own-property lookup, as `own()` in src/core/ids.ts. */
function get<V>(record: Record<string, V>, key: string): V | undefined {
  return has(record, key) ? record[key] : undefined;
}

/** A cell fact: the switch machine must accept it. */
function cellMove(s: CeilingState, e: Recorded, event: CellEvent): CellRow {
  const c = s.cell ?? fail(e, `${e.type} before the cell was proposed`);
  if (!cellEvent(c, event)) fail(e, `${e.type} is not possible in cell state ${c.phase}`);
  return c;
}

function message(s: CeilingState, e: Recorded, id: string, event: 'DELIVER' | 'LOSE' | 'ACK' | 'ANSWER' | 'DEADLINE' | 'REFER'): MessageRow {
  const m = s.messages.get(id) ?? fail(e, `unknown message ${id}`);
  if (!messageEvent(m, event)) fail(e, `${e.type} is not possible for ${id} in state ${m.state}`);
  return m;
}

function dispute(s: CeilingState, e: Recorded, id: string, event: string, by = ''): DisputeRow {
  const d = s.disputes.get(id) ?? fail(e, `unknown dispute ${id}`);
  if (!disputeEvent(d, event, by)) fail(e, `${e.type} is not possible for ${id} in state ${d.state}`);
  if (d.done) close(s, e, d);
  return d;
}

/** Track signals are consequences: ignored when the track cannot take them. */
function signal(s: CeilingState, track: Track, what: 'ENGAGE' | 'STRAIN' | 'EASE'): void {
  if (s.cell) trackEvent(s.cell, track, what);
}

function step(s: CeilingState, e: Recorded): void {
  switch (e.type) {
    case 'LogStarted': {
      if (s.ladderConfig) fail(e, 'LogStarted may only be the first event');
      const config = e.data.ladder;
      if (config.levels.length !== config.thresholds.length || config.thresholds[0] !== 0) fail(e, 'bad ladder');
      s.ladderConfig = config;
      const level = config.levels[0] as string;
      s.ladder = {
        pressure: 0,
        level,
        levelIndex: 0,
        peak: level,
        peakIndex: 0,
        sinceMs: parseInstant(e.at) as number,
        timeAtMs: Object.fromEntries(config.levels.map((l) => [l, 0])),
        firstAt: { [level]: e.at },
        ups: 0,
        downs: 0,
        levelsUp: 0,
        levelsDown: 0,
      };
      return;
    }
    case 'SimulationEnded':
      s.ended = true;
      return;
    case 'CellProposed':
      if (s.cell) fail(e, 'cell proposed twice');
      s.cell = newCell(e.data.tracks, e.at);
      return;
    case 'CellEstablished':
      cellMove(s, e, 'ESTABLISH');
      return;
    case 'CellActivated':
      cellMove(s, e, 'ACTIVATE');
      return;
    case 'TrackQuieted': {
      const c = s.cell ?? fail(e, 'TrackQuieted before the cell was proposed');
      if (!trackEvent(c, e.data.track, 'QUIET')) fail(e, `TrackQuieted is not possible for ${e.data.track}`);
      return;
    }
    case 'ExtraordinaryMeetingRequested':
      cellMove(s, e, 'REQUEST_MEETING');
      return;
    case 'CellSuspended': {
      const c = cellMove(s, e, 'SUSPEND');
      // Suspension ends any meeting in session.
      for (const id of s.openMeetings) (s.meetings.get(id) as MeetingRow).closedAt = e.at;
      s.openMeetings.length = 0;
      c.suspendedSinceMs = parseInstant(e.at) as number;
      c.suspensions.push({ at: e.at, by: e.actor, reason: e.data.reason });
      return;
    }
    case 'CellResumed': {
      const c = cellMove(s, e, 'RESUME');
      const now = parseInstant(e.at) as number;
      c.suspendedMs += now - (c.suspendedSinceMs ?? now);
      delete c.suspendedSinceMs;
      return;
    }
    case 'CellDissolved': {
      const c = cellMove(s, e, 'DISSOLVE');
      if (c.suspendedSinceMs !== undefined) {
        c.suspendedMs += (parseInstant(e.at) as number) - c.suspendedSinceMs;
        delete c.suspendedSinceMs;
      }
      c.dissolvedAt = e.at;
      return;
    }
    case 'MeetingOpened': {
      cellMove(s, e, e.data.kind === 'regular' ? 'OPEN_REGULAR' : 'OPEN_EXTRAORDINARY');
      const id = e.data.meetingId;
      if (s.meetings.has(id)) fail(e, `meeting ${id} opened twice`);
      s.meetings.set(id, {
        id,
        kind: e.data.kind,
        openedAt: e.at,
        incidents: e.data.agenda.incidents.length,
        disputes: e.data.agenda.disputes.length,
      });
      s.openMeetings.push(id);
      return;
    }
    case 'MeetingClosed': {
      cellMove(s, e, 'CLOSE_MEETING');
      const m = s.meetings.get(e.data.meetingId);
      if (!m || m.closedAt !== undefined) fail(e, `meeting ${e.data.meetingId} is not open`);
      m.closedAt = e.at;
      s.openMeetings.splice(s.openMeetings.indexOf(m.id), 1);
      return;
    }
    case 'MessageSent': {
      const d = e.data;
      if (s.messages.has(d.messageId)) fail(e, `message ${d.messageId} sent twice`);
      const view: MessageRow = {
        id: d.messageId,
        from: e.actor,
        to: d.to,
        track: d.track,
        kind: d.kind,
        sentAt: e.at,
        ackBy: d.ackBy,
        state: 'sent',
        delivered: false,
        lost: false,
      };
      if (d.incidentId !== undefined) view.incidentId = d.incidentId;
      if (d.disputeId !== undefined) view.disputeId = d.disputeId;
      s.messages.set(d.messageId, view);
      signal(s, d.track, 'ENGAGE');
      return;
    }
    case 'MessageDelivered':
      message(s, e, e.data.messageId, 'DELIVER').deliveredAt = e.at;
      return;
    case 'MessageLost':
      message(s, e, e.data.messageId, 'LOSE').lostAt = e.at;
      return;
    case 'MessageAcknowledged':
      message(s, e, e.data.messageId, 'ACK').acknowledgedAt = e.at;
      return;
    case 'MessageAnswered':
      message(s, e, e.data.messageId, 'ANSWER').answeredAt = e.at;
      return;
    case 'AckDeadlineMissed': {
      const m = message(s, e, e.data.messageId, 'DEADLINE');
      m.overdueAt = e.at;
      s.counters.overdueAcks += 1;
      signal(s, m.track, 'STRAIN');
      return;
    }
    case 'MessageReferred':
      message(s, e, e.data.messageId, 'REFER').referredAt = e.at;
      s.counters.referrals += 1;
      s.counters.interventions += 1;
      return;
    case 'IncidentOccurred':
      return incident(s, e);
    case 'IncidentObserved': {
      const i = s.incidents.get(e.data.incidentId) ?? fail(e, `unknown incident ${e.data.incidentId}`);
      i.observations[e.actor] = { attributedTo: e.data.attributedTo, severity: e.data.severity, at: e.at };
      return;
    }
    case 'IncidentClarified': {
      const i = s.incidents.get(e.data.incidentId) ?? fail(e, `unknown incident ${e.data.incidentId}`);
      const party = e.data.party;
      if (has(i.clarified, party)) return;
      i.clarified[party] = e.at;
      const seen = get(i.observations, party);
      if (seen && seen.attributedTo !== i.by && !i.retaliatedBy.includes(party)) {
        s.counters.misunderstandingsCaught += 1;
        const plan = get(i.plans, party);
        if (plan && (plan.status === 'pending' || plan.status === 'held') && plan.against === seen.attributedTo) {
          s.counters.consequentialMisunderstandingsCaught += 1;
        }
      }
      return;
    }
    case 'RetaliationPlanned': {
      const i = s.incidents.get(e.data.incidentId) ?? fail(e, `unknown incident ${e.data.incidentId}`);
      if (has(i.plans, e.actor)) fail(e, `${e.actor} planned twice`);
      i.plans[e.actor] = { against: e.data.against, status: 'pending' };
      return;
    }
    case 'RetaliationHeld':
    case 'RetaliationCalledOff': {
      const i = s.incidents.get(e.data.incidentId) ?? fail(e, `unknown incident ${e.data.incidentId}`);
      const plan = get(i.plans, e.actor);
      const open = plan && (e.type === 'RetaliationHeld' ? plan.status === 'pending' : plan.status === 'pending' || plan.status === 'held');
      if (!plan || !open) fail(e, `${e.actor} has no open plan for ${i.id}`);
      plan.status = e.type === 'RetaliationHeld' ? 'held' : 'calledOff';
      return;
    }
    case 'LadderCooled':
      pressure(s, e, e.data.delta);
      return;
    case 'DeescalationStepTaken':
      if (s.steps.has(e.data.stepId)) fail(e, `step ${e.data.stepId} recorded twice`);
      s.steps.set(e.data.stepId, { by: e.actor, at: e.at, weight: e.data.weight });
      s.counters.deescalationSteps += 1;
      pressure(s, e, -e.data.weight);
      return;
    case 'DisputeRaised': {
      const d = e.data;
      if (s.disputes.has(d.disputeId)) fail(e, `dispute ${d.disputeId} raised twice`);
      const view: DisputeRow = {
        id: d.disputeId,
        by: e.actor,
        against: d.against,
        track: d.track,
        raisedAt: e.at,
        respondBy: d.respondBy,
        deadlinesMissed: 0,
        state: 'raised',
        done: false,
        parties: [e.actor, d.against],
        accepted: [],
        findings: 0,
      };
      if (d.incidentId !== undefined) view.incidentId = d.incidentId;
      s.disputes.set(d.disputeId, view);
      s.openDisputes[d.track] = (s.openDisputes[d.track] ?? 0) + 1;
      signal(s, d.track, 'STRAIN');
      return;
    }
    case 'DisputeAcknowledged':
      dispute(s, e, e.data.disputeId, 'ACK').acknowledgedAt = e.at;
      return;
    case 'FactFindingOpened':
      dispute(s, e, e.data.disputeId, 'OPEN_FACT_FINDING');
      s.counters.interventions += 1;
      return;
    case 'FactFindingReported': {
      const d = dispute(s, e, e.data.disputeId, 'REPORT_FINDINGS');
      d.finding = e.data.attributedTo === undefined ? { text: e.data.finding } : { attributedTo: e.data.attributedTo, text: e.data.finding };
      return;
    }
    case 'SettlementReached':
      dispute(s, e, e.data.disputeId, 'SETTLE');
      return;
    case 'RulingAccepted':
      dispute(s, e, e.data.disputeId, 'ACCEPT_RULING', e.actor);
      return;
    case 'RulingRejected':
      dispute(s, e, e.data.disputeId, 'REJECT_RULING');
      return;
    case 'DisputeEscalated':
      dispute(s, e, e.data.disputeId, 'ESCALATE');
      return;
    case 'DisputeWithdrawn':
      dispute(s, e, e.data.disputeId, 'WITHDRAW');
      return;
    case 'DisputeLapsed':
      dispute(s, e, e.data.disputeId, 'LAPSE');
      return;
    case 'MediationRequested':
      dispute(s, e, e.data.disputeId, 'REQUEST_MEDIATION').mediationRequestedAt = e.at;
      return;
    case 'SupervisorRuled':
      dispute(s, e, e.data.disputeId, 'RULE').ruledAt = e.at;
      s.counters.interventions += 1;
      return;
    case 'MediationFailed':
      dispute(s, e, e.data.disputeId, 'MEDIATION_FAILED');
      s.counters.interventions += 1;
      return;
    case 'DisputeDeadlineMissed': {
      const d = s.disputes.get(e.data.disputeId) ?? fail(e, `unknown dispute ${e.data.disputeId}`);
      if (d.closedAt !== undefined) fail(e, `dispute ${d.id} is closed`);
      d.deadlinesMissed += 1;
      return;
    }
    case 'RoundPlayed':
      return round(s, e);
    case 'AccidentClarified':
      if (!s.game) fail(e, 'no round has been played');
      s.game.clarified += 1;
      return;
    case 'ParametersChanged':
      // Only `decide` reads the rules it records: nothing the ceiling folds.
      return;
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

function pressure(s: CeilingState, e: Recorded, delta: number): void {
  const config = s.ladderConfig;
  const ladder = s.ladder;
  if (!config || !ladder || delta === 0) return;
  ladder.pressure = Math.min(config.max, Math.max(0, ladder.pressure + delta));
  const index = levelOf(config, ladder.pressure);
  if (index === ladder.levelIndex) return;
  const now = parseInstant(e.at) as number;
  if (index > ladder.levelIndex) {
    ladder.ups += 1;
    ladder.levelsUp += index - ladder.levelIndex;
  } else {
    ladder.downs += 1;
    ladder.levelsDown += ladder.levelIndex - index;
  }
  ladder.timeAtMs[ladder.level] = (ladder.timeAtMs[ladder.level] ?? 0) + (now - ladder.sinceMs);
  ladder.level = config.levels[index] as string;
  ladder.levelIndex = index;
  ladder.sinceMs = now;
  if (!has(ladder.firstAt, ladder.level)) ladder.firstAt[ladder.level] = e.at;
  if (index > ladder.peakIndex) {
    ladder.peakIndex = index;
    ladder.peak = ladder.level;
  }
}

function levelOf(config: LadderConfig, pressure: number): number {
  const t = config.thresholds;
  let i = 0;
  for (let k = 1; k < t.length; k++) if (pressure >= (t[k] as number)) i = k;
  return i;
}

function incident(s: CeilingState, e: Extract<Recorded, { type: 'IncidentOccurred' }>): void {
  const d = e.data;
  if (s.incidents.has(d.incidentId)) fail(e, `incident ${d.incidentId} recorded twice`);
  let accidental = false;
  if (d.retaliationFor !== undefined) {
    const original = s.incidents.get(d.retaliationFor) ?? fail(e, `unknown incident ${d.retaliationFor}`);
    const seen = get(original.observations, e.actor);
    accidental = original.by !== d.against && (seen === undefined || seen.attributedTo === d.against);
    if (!original.retaliatedBy.includes(e.actor)) original.retaliatedBy.push(e.actor);
    const plan = get(original.plans, e.actor);
    if (plan && (plan.status === 'pending' || plan.status === 'held')) plan.status = 'executed';
    s.counters.retaliations += 1;
    if (accidental) s.counters.accidentalEscalations += 1;
  }
  const view: IncidentRow = {
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
    plans: {},
    accidental,
  };
  if (d.retaliationFor !== undefined) view.retaliationFor = d.retaliationFor;
  s.incidents.set(d.incidentId, view);
  pressure(s, e, -d.weight * d.severity);
}

function close(s: CeilingState, e: Recorded, d: DisputeRow): void {
  const outcome = OUTCOMES[d.state] as string;
  d.outcome = outcome;
  d.closedAt = e.at;
  s.counters.disputesClosed += 1;
  const ladder = s.ladderConfig;
  if (ladder) {
    if (outcome === 'settlement') pressure(s, e, -ladder.reliefOnSettlement);
    else if (outcome === 'ruling') pressure(s, e, -ladder.reliefOnRuling);
    else if (outcome === 'escalation') pressure(s, e, ladder.escalationPenalty);
  }
  const open = (s.openDisputes[d.track] ?? 1) - 1;
  s.openDisputes[d.track] = open;
  if (open === 0) signal(s, d.track, 'EASE');
}

function round(s: CeilingState, e: Extract<Recorded, { type: 'RoundPlayed' }>): void {
  const g = (s.game ??= { rounds: 0, mutualRestraint: 0, mutualStrike: 0, accidents: 0, clarified: 0, payoffs: {} });
  if (e.data.round !== g.rounds + 1) fail(e, `expected round ${g.rounds + 1}`);
  g.rounds += 1;
  const moves = Object.values(e.data.moves);
  if (moves.every((m) => m === 'restrain')) g.mutualRestraint += 1;
  if (moves.every((m) => m === 'strike')) g.mutualStrike += 1;
  for (const p in e.data.intended) if (e.data.intended[p] !== e.data.moves[p]) g.accidents += 1;
  for (const p in e.data.payoffs) g.payoffs[p] = (get(g.payoffs, p) ?? 0) + (e.data.payoffs[p] as number);
  g.last = { round: e.data.round, moves: { ...e.data.moves } };
}
