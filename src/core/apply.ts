/**
 * The fold step: applies one recorded event to a mutable draft of the state.
 *
 * It is written once and used twice: `evolve` runs it on an immer draft (immutable in,
 * immutable out), and `Replayer` runs it on a private copy that nobody else can see, which is
 * what makes replay fast (no copy per event, machine snapshots moved in place: see `Mover`)
 * while staying a pure function of its input. Every machine transition goes through the
 * compiled xstate definitions in src/machines.
 *
 * Replay runs this for every event of a log, so it is written to allocate little: routes and
 * machine events are shared constants and a routed fact looks its message or dispute up once.
 * Every view owns its own objects: no two views share a mutable value, so a copy of the state
 * (`structuredClone`, which keeps sharing) folds on exactly like the original. Views are created with
 * every optional field present (as `undefined`) and fields are cleared by assigning
 * `undefined`, never by `delete`: all views of a kind then share one hidden class, so the
 * property reads below stay monomorphic. JSON omits the `undefined` fields.
 */
import { DISPUTE_OUTCOMES } from '../machines/dispute.js';
import type { CellMachineEvent } from '../machines/cell.js';
import { compiledCell, compiledDispute, compiledMessage } from '../machines/index.js';
import { clarified, incident, observed, planChanged, planned } from './applyIncidents.js';
import { plain, pressure, startLadder } from './applyLadder.js';
import type { CompiledMachine, MachineSnap } from '../machines/index.js';
import { TRACKS, type FactOf, type Recorded, type Track } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { Route } from './routing.js';
import { routeOf, subjectOf } from './routing.js';
import { own } from './ids.js';
import type { DisputeView, MessageView, Mutable, ParleyState } from './state.js';
import { parseInstant } from './time.js';

type Draft = Mutable<ParleyState>;
type Signal = 'ENGAGE' | 'STRAIN' | 'EASE';

/** Track signals, one shared machine event per (track, signal). */
const SIGNALS = Object.fromEntries(
  TRACKS.map((t) => [
    t,
    Object.freeze({
      ENGAGE: Object.freeze({ type: `${t}.ENGAGE` }),
      STRAIN: Object.freeze({ type: `${t}.STRAIN` }),
      EASE: Object.freeze({ type: `${t}.EASE` }),
    }),
  ]),
) as unknown as Readonly<Record<Track, Readonly<Record<Signal, CellMachineEvent>>>>;


/**
 * How the fold moves a machine held by a view: `holder.machine` becomes the next snapshot and
 * the result is `true`, or the machine refuses the event and the result is `false` (nothing
 * changed). `REPLACE` puts a new snapshot in (snapshots stay immutable values: what `evolve`
 * needs, since immer shares them between states); `IN_PLACE` moves the snapshot itself, for a
 * state nobody else can see (the Replayer's). Both come from the same compiled step.
 */
export type Mover = <C, E extends { readonly type: string }>(
  machine: CompiledMachine<C, E>,
  holder: { machine: MachineSnap<C> },
  event: E,
) => boolean;

/** Replaces the snapshot with a new one. */
export const REPLACE: Mover = (machine, holder, event) => {
  const current = plain(holder.machine);
  const next = machine.transition(current, event);
  if (next === current) return false;
  holder.machine = next;
  return true;
};

/** Moves the snapshot in place (only for a state no one else holds). */
export const IN_PLACE: Mover = (machine, holder, event) => machine.advance(holder.machine, event);

/**
 * Applies `e` to `s` in place, moving machines with `mv` (`REPLACE` unless the caller owns
 * every snapshot in `s`). Throws `ReplayError` when a machine refuses the event.
 */
export function applyEvent(s: Draft, e: Recorded, mv: Mover = REPLACE): void {
  if (e.seq !== s.seq + 1) throw new ReplayError(e.seq, `expected seq ${s.seq + 1}`);
  if (s.seq === 0 && e.type !== 'LogStarted') throw new ReplayError(e.seq, 'the first event must be LogStarted');
  const r = routeOf(e);
  if (r === undefined) unrouted(s, e, mv);
  else if (r.machine === 'cell') cellFact(s, e, r.event, mv);
  else if (r.machine === 'message') messageFact(s, e, moveMessage(s, e, r, mv), mv);
  else disputeFact(s, e, moveDispute(s, e, r, mv));
  s.seq = e.seq;
  s.at = e.at;
  s.counters.events += 1;
  s.counters.byType[e.type] += 1;
}

function ms(at: string): number {
  return parseInstant(at) as number;
}

function cellFact(s: Draft, e: Recorded, event: CellMachineEvent, mv: Mover): void {
  const c = s.cell;
  if (!c) throw new ReplayError(e.seq, `[cell] ${e.type} before the cell was proposed`);
  // Read before the transition moves the cell out of `active`: see `endMeeting`.
  const inSession = e.type === 'CellSuspended' && meetingMayBeInSession(plain(c.machine).value);
  if (!mv(compiledCell, c, event)) {
    throw new ReplayError(e.seq, `[cell] ${e.type} is not possible in state ${JSON.stringify(c.machine.value)}`);
  }
  switch (e.type) {
    case 'CellSuspended':
      c.suspendedSinceMs = ms(e.at);
      c.suspensions.push({ at: e.at, by: e.actor, reason: e.data.reason });
      if (inSession) endMeeting(s, e.at);
      return;
    case 'CellResumed':
      c.suspendedMs += ms(e.at) - (c.suspendedSinceMs ?? ms(e.at));
      c.suspendedSinceMs = undefined;
      return;
    case 'CellDissolved':
      if (c.suspendedSinceMs !== undefined) {
        c.suspendedMs += ms(e.at) - c.suspendedSinceMs;
        c.suspendedSinceMs = undefined;
      }
      c.dissolvedAt = e.at;
      return;
    case 'MeetingOpened': {
      const id = e.data.meetingId;
      if (s.meetings.has(id)) throw new ReplayError(e.seq, `[cell] meeting ${id} opened twice`);
      s.openMeeting = id;
      s.meetings.set(id, {
        id,
        kind: e.data.kind,
        openedAt: e.at,
        closedAt: undefined,
        incidents: e.data.agenda.incidents.length,
        disputes: e.data.agenda.disputes.length,
      });
      return;
    }
    case 'MeetingClosed': {
      const m = s.meetings.get(e.data.meetingId);
      if (!m || m.closedAt) throw new ReplayError(e.seq, `[cell] meeting ${e.data.meetingId} is not open`);
      m.closedAt = e.at;
      if (s.openMeeting === m.id) s.openMeeting = undefined;
      return;
    }
    default:
      return;
  }
}

/**
 * Whether the cell's meetings region may have a meeting in session. A meeting is only ever
 * opened from `idle` or `requested` and only leaves its session by closing (back to `idle`),
 * by suspension (which ends it) or by dissolution (final): in those two states no meeting is
 * open. Any other state, or a cell that is not active, is treated as "maybe".
 */
function meetingMayBeInSession(v: unknown): boolean {
  const active = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).active : undefined;
  if (typeof active !== 'object' || active === null) return true;
  const meetings = (active as Record<string, unknown>).meetings;
  return meetings !== 'idle' && meetings !== 'requested';
}

/** Suspension leaves the meetings region: the meeting in session (tracked, so no scan) ends. */
function endMeeting(s: Draft, at: string): void {
  const id = s.openMeeting;
  const m = id === undefined ? undefined : s.meetings.get(id);
  if (m && m.closedAt === undefined) m.closedAt = at;
  s.openMeeting = undefined;
}

/** The entity a routed fact names, moved by its machine; a `ReplayError` if unknown or refused. */
function moveEntity<C, E extends { readonly type: string }, V extends { machine: MachineSnap<C> }>(
  kind: 'message' | 'dispute',
  table: Map<string, V>,
  machine: CompiledMachine<C, E>,
  e: Recorded,
  id: string,
  event: E,
  mv: Mover,
): V {
  const v = table.get(id);
  if (!v) throw new ReplayError(e.seq, `[${kind}] unknown ${kind} ${id}`);
  if (!mv(machine, v, event)) {
    throw new ReplayError(e.seq, `[${kind}] ${e.type} is not possible for ${id} in state ${String(v.machine.value)}`);
  }
  return v;
}

function moveMessage(s: Draft, e: Recorded, r: Route & { machine: 'message' }, mv: Mover): Mutable<MessageView> {
  return moveEntity('message', s.messages, compiledMessage, e, subjectOf(e, r), r.event, mv);
}

function messageFact(s: Draft, e: Recorded, m: Mutable<MessageView>, mv: Mover): void {
  switch (e.type) {
    case 'MessageDelivered':
      m.deliveredAt = e.at;
      return;
    case 'MessageLost':
      m.lostAt = e.at;
      return;
    case 'MessageAcknowledged':
      m.acknowledgedAt = e.at;
      return;
    case 'MessageAnswered':
      m.answeredAt = e.at;
      return;
    case 'AckDeadlineMissed':
      m.overdueAt = e.at;
      s.counters.overdueAcks += 1;
      signal(s, m.track, 'STRAIN', mv);
      return;
    case 'MessageReferred':
      m.referredAt = e.at;
      s.counters.referrals += 1;
      s.counters.interventions += 1;
      return;
    default:
      return;
  }
}

function moveDispute(s: Draft, e: Recorded, r: Route & { machine: 'dispute' }, mv: Mover): Mutable<DisputeView> {
  const d = moveEntity('dispute', s.disputes, compiledDispute, e, subjectOf(e, r), r.event, mv);
  if (d.machine.status === 'done') close(s, e, d, mv);
  return d;
}

function disputeFact(s: Draft, e: Recorded, d: Mutable<DisputeView>): void {
  switch (e.type) {
    case 'DisputeAcknowledged':
      d.acknowledgedAt = e.at;
      return;
    case 'FactFindingOpened':
    case 'MediationFailed':
      s.counters.interventions += 1;
      return;
    case 'FactFindingReported':
      d.finding = e.data.attributedTo === undefined
        ? { text: e.data.finding }
        : { attributedTo: e.data.attributedTo, text: e.data.finding };
      return;
    case 'MediationRequested':
      d.mediationRequestedAt = e.at;
      return;
    case 'SupervisorRuled':
      d.ruledAt = e.at;
      s.counters.interventions += 1;
      return;
    default:
      return;
  }
}

/** Facts that move no existing machine instance: creations and read-model-only facts. */
function unrouted(s: Draft, e: Recorded, mv: Mover): void {
  switch (e.type) {
    case 'LogStarted':
      return start(s, e);
    case 'SimulationEnded':
      s.ended = true;
      s.endReason = e.data.reason;
      return;
    case 'ParametersChanged':
      // A new meta, not an edit: the old one may be the LogStarted event's own data.
      if (!s.meta) throw new ReplayError(e.seq, '[log] parameters changed before the log started');
      s.meta = { ...s.meta, rules: e.data.rules } as NonNullable<Draft['meta']>;
      return;
    case 'CellProposed':
      if (s.cell) throw new ReplayError(e.seq, '[cell] proposed twice');
      s.cell = {
        machine: compiledCell.initial(),
        tracks: [...e.data.tracks],
        proposedAt: e.at,
        suspendedSinceMs: undefined,
        suspendedMs: 0,
        suspensions: [],
        dissolvedAt: undefined,
      };
      return;
    case 'MessageSent':
      return sent(s, e, mv);
    case 'IncidentOccurred':
      return incident(s, e, mv);
    case 'IncidentObserved':
      return observed(s, e);
    case 'IncidentClarified':
      return clarified(s, e);
    case 'RetaliationPlanned':
      return planned(s, e);
    case 'RetaliationHeld':
    case 'RetaliationCalledOff':
      return planChanged(s, e);
    case 'DeescalationStepTaken':
      if (s.steps.has(e.data.stepId)) throw new ReplayError(e.seq, `[incident] step ${e.data.stepId} recorded twice`);
      s.steps.set(e.data.stepId, { by: e.actor, at: e.at, weight: e.data.weight });
      s.counters.deescalationSteps += 1;
      pressure(s, e, -e.data.weight, mv);
      return;
    case 'LadderCooled':
      return pressure(s, e, e.data.delta, mv);
    case 'DisputeRaised':
      return raised(s, e, mv);
    case 'DisputeDeadlineMissed': {
      const d = s.disputes.get(e.data.disputeId);
      if (!d) throw new ReplayError(e.seq, `[dispute] unknown dispute ${e.data.disputeId}`);
      if (d.closedAt) throw new ReplayError(e.seq, `[dispute] ${d.id} is closed; no deadline can be missed`);
      d.deadlinesMissed += 1;
      return;
    }
    case 'RoundPlayed':
      return round(s, e);
    case 'AccidentClarified':
      if (!s.game) throw new ReplayError(e.seq, '[game] no round has been played');
      s.game.clarified += 1;
      return;
    default:
      // Every other type is routed to a machine (routing.ts decides which).
      throw new ReplayError(e.seq, `[log] ${e.type} moves no machine`);
  }
}

function start(s: Draft, e: FactOf<'LogStarted'>): void {
  if (s.meta) throw new ReplayError(e.seq, 'LogStarted may only be the first event');
  s.meta = e.data as NonNullable<Draft['meta']>;
  startLadder(s, e);
}

/** Track signals are consequences, not facts: a signal the track cannot take is ignored. */
function signal(s: Draft, track: Track, what: Signal, mv: Mover): void {
  if (s.cell) mv(compiledCell, s.cell, SIGNALS[track][what]);
}

function sent(s: Draft, e: FactOf<'MessageSent'>, mv: Mover): void {
  const d = e.data;
  if (s.messages.has(d.messageId)) throw new ReplayError(e.seq, `[message] ${d.messageId} sent twice`);
  const view: Mutable<MessageView> = {
    id: d.messageId,
    from: e.actor,
    to: d.to,
    track: d.track,
    kind: d.kind,
    sentAt: e.at,
    ackBy: d.ackBy,
    incidentId: d.incidentId,
    disputeId: d.disputeId,
    deliveredAt: undefined,
    acknowledgedAt: undefined,
    answeredAt: undefined,
    overdueAt: undefined,
    referredAt: undefined,
    lostAt: undefined,
    machine: compiledMessage.initial(),
  };
  s.messages.set(d.messageId, view);
  signal(s, d.track, 'ENGAGE', mv);
}

function raised(s: Draft, e: FactOf<'DisputeRaised'>, mv: Mover): void {
  const d = e.data;
  if (s.disputes.has(d.disputeId)) throw new ReplayError(e.seq, `[dispute] ${d.disputeId} raised twice`);
  const view: Mutable<DisputeView> = {
    id: d.disputeId,
    by: e.actor,
    against: d.against,
    track: d.track,
    incidentId: d.incidentId,
    raisedAt: e.at,
    respondBy: d.respondBy,
    acknowledgedAt: undefined,
    mediationRequestedAt: undefined,
    ruledAt: undefined,
    finding: undefined,
    closedAt: undefined,
    outcome: undefined,
    deadlinesMissed: 0,
    machine: compiledDispute.initial({ parties: [e.actor, d.against] }),
  };
  s.disputes.set(d.disputeId, view);
  s.openDisputes[d.track] = (s.openDisputes[d.track] ?? 0) + 1;
  signal(s, d.track, 'STRAIN', mv);
}

function close(s: Draft, e: Recorded, d: Mutable<DisputeView>, mv: Mover): void {
  const outcome = DISPUTE_OUTCOMES[d.machine.value as keyof typeof DISPUTE_OUTCOMES];
  d.outcome = outcome;
  d.closedAt = e.at;
  s.counters.disputesClosed += 1;
  const ladder = s.meta?.ladder;
  if (ladder) {
    if (outcome === 'settlement') pressure(s, e, -ladder.reliefOnSettlement, mv);
    else if (outcome === 'ruling') pressure(s, e, -ladder.reliefOnRuling, mv);
    else if (outcome === 'escalation') pressure(s, e, ladder.escalationPenalty, mv);
  }
  // A track stays strained while any dispute on it is open.
  const open = (s.openDisputes[d.track] ?? 1) - 1;
  s.openDisputes[d.track] = open;
  if (open === 0) signal(s, d.track, 'EASE', mv);
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
