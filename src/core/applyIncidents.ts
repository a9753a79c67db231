/**
 * Incidents in the fold: an incident recorded (a retaliation marks the incident it answers,
 * carries out the plan for it, and is accidental when aimed at a side the retaliator wrongly
 * blamed), observed by the party hit (attribution and severity as it saw them), a retaliation
 * planned, held or called off, and clarified to a party (a misunderstanding caught when the
 * party had blamed the wrong side and not yet retaliated; a consequential one when it then
 * had a retaliation against that side planned and neither carried out nor called off).
 */
import type { Mover } from './apply.js';
import { pressure } from './applyLadder.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import { own } from './ids.js';
import type { IncidentView, Mutable, ParleyState, RetaliationPlanView } from './state.js';

type Draft = Mutable<ParleyState>;

export function knownIncident(s: Draft, e: Recorded, id: string): Mutable<IncidentView> {
  const i = s.incidents.get(id);
  if (!i) throw new ReplayError(e.seq, `[incident] unknown incident ${id}`);
  return i;
}

/** A new incident, and its pressure on the ladder. */
export function incident(s: Draft, e: FactOf<'IncidentOccurred'>, mv: Mover): void {
  const d = e.data;
  if (s.incidents.has(d.incidentId)) throw new ReplayError(e.seq, `[incident] ${d.incidentId} recorded twice`);
  let accidental = false;
  if (d.retaliationFor !== undefined) {
    const original = knownIncident(s, e, d.retaliationFor);
    const seen = own(original.observations, e.actor);
    // Retaliating against someone who did not do it, because of how it was seen.
    accidental = original.by !== d.against && (seen === undefined || seen.attributedTo === d.against);
    if (!original.retaliatedBy.includes(e.actor)) original.retaliatedBy.push(e.actor);
    const plan = own(original.plans, e.actor);
    if (plan && (plan.status === 'pending' || plan.status === 'held')) {
      plan.status = 'executed';
      plan.endedAt = e.at;
    }
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
    retaliationFor: d.retaliationFor,
    observations: {},
    clarified: {},
    retaliatedBy: [],
    plans: {},
    accidental,
  };
  s.incidents.set(d.incidentId, view);
  pressure(s, e, -d.weight * d.severity, mv);
}

/** `e.actor` observed an incident against it, as the fog let it. */
export function observed(s: Draft, e: FactOf<'IncidentObserved'>): void {
  const i = knownIncident(s, e, e.data.incidentId);
  i.observations[e.actor] = { attributedTo: e.data.attributedTo, severity: e.data.severity, at: e.at };
}

/** A party was told who carried out an incident. */
export function clarified(s: Draft, e: FactOf<'IncidentClarified'>): void {
  const i = knownIncident(s, e, e.data.incidentId);
  const party = e.data.party;
  if (own(i.clarified, party)) return;
  i.clarified[party] = e.at;
  const seen = own(i.observations, party);
  if (seen && seen.attributedTo !== i.by && !i.retaliatedBy.includes(party)) {
    s.counters.misunderstandingsCaught += 1;
    const plan = own(i.plans, party);
    if (plan && isOpen(plan) && plan.against === seen.attributedTo) s.counters.consequentialMisunderstandingsCaught += 1;
  }
}

/** A plan that is neither carried out nor called off. */
const isOpen = (p: RetaliationPlanView): boolean => p.status === 'pending' || p.status === 'held';

/** `e.actor` plans to retaliate for an incident against it. */
export function planned(s: Draft, e: FactOf<'RetaliationPlanned'>): void {
  const i = knownIncident(s, e, e.data.incidentId);
  if (own(i.plans, e.actor)) throw new ReplayError(e.seq, `[incident] ${e.actor} planned a retaliation for ${i.id} twice`);
  i.plans[e.actor] = {
    against: e.data.against,
    plannedAt: e.at,
    due: e.data.due,
    status: 'pending',
    heldAt: undefined,
    endedAt: undefined,
    reason: undefined,
  };
}

/** A planned retaliation held back, or called off. */
export function planChanged(s: Draft, e: FactOf<'RetaliationHeld' | 'RetaliationCalledOff'>): void {
  const i = knownIncident(s, e, e.data.incidentId);
  const plan = own(i.plans, e.actor);
  if (!plan || !isOpen(plan) || (e.type === 'RetaliationHeld' && plan.status !== 'pending')) {
    throw new ReplayError(e.seq, `[incident] ${e.type}: ${e.actor} has no ${e.type === 'RetaliationHeld' ? 'pending' : 'open'} retaliation for ${i.id}`);
  }
  if (e.type === 'RetaliationHeld') {
    plan.status = 'held';
    plan.heldAt = e.at;
  } else {
    plan.status = 'calledOff';
    plan.endedAt = e.at;
    plan.reason = e.data.reason;
  }
}
