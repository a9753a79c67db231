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
 *
 * This file routes each event and moves messages and disputes by their machines; it also
 * records the facts that move no machine (the log's start and end, parameters, the cell
 * proposed, de-escalation steps, rounds of the game). What a fact then changes lives with
 * its kind: applyCell.ts (the cell, its meetings, track signals), applyMessages.ts,
 * applyDisputes.ts, applyIncidents.ts (incidents, observations, retaliation plans) and
 * applyLadder.ts (the escalation ladder).
 */
import type { CompiledMachine, MachineSnap } from '../machines/index.js';
import { compiledCell, compiledDispute, compiledMessage } from '../machines/index.js';
import { cellFact } from './applyCell.js';
import { close, disputeFact, raised } from './applyDisputes.js';
import { clarified, incident, observed, planChanged, planned } from './applyIncidents.js';
import { plain, pressure, startLadder } from './applyLadder.js';
import { messageFact, sent } from './applyMessages.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { Route } from './routing.js';
import { routeOf, subjectOf } from './routing.js';
import { own } from './ids.js';
import type { DisputeView, MessageView, Mutable, ParleyState } from './state.js';

type Draft = Mutable<ParleyState>;

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

function moveDispute(s: Draft, e: Recorded, r: Route & { machine: 'dispute' }, mv: Mover): Mutable<DisputeView> {
  const d = moveEntity('dispute', s.disputes, compiledDispute, e, subjectOf(e, r), r.event, mv);
  if (d.machine.status === 'done') close(s, e, d, mv);
  return d;
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
