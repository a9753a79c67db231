/**
 * Disputes in the fold: a dispute raised (its view created, its track strained), each later
 * step recorded on its view once the dispute machine has moved (see `moveDispute` in
 * apply.ts), and its close: the outcome, the relief or penalty on the ladder, and its track
 * eased when no other dispute on it is open.
 */
import { DISPUTE_OUTCOMES } from '../machines/dispute.js';
import { compiledDispute } from '../machines/index.js';
import type { Mover } from './apply.js';
import { signal } from './applyCell.js';
import { pressure } from './applyLadder.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { DisputeView, Mutable, ParleyState } from './state.js';

type Draft = Mutable<ParleyState>;

/** Records on dispute `d` the step `e` took it through. */
export function disputeFact(s: Draft, e: Recorded, d: Mutable<DisputeView>): void {
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

/** A new dispute: its view, an open dispute more on its track, and the track strained. */
export function raised(s: Draft, e: FactOf<'DisputeRaised'>, mv: Mover): void {
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

/** A dispute whose machine reached a final state: its outcome, the ladder's relief or penalty, its track eased when none is left open. */
export function close(s: Draft, e: Recorded, d: Mutable<DisputeView>, mv: Mover): void {
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
