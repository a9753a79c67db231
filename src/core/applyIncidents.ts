/**
 * Incidents in the fold: an incident recorded (a retaliation marks the incident it answers,
 * and is accidental when aimed at a side the retaliator wrongly blamed), observed by the
 * party hit (attribution and severity as it saw them), and clarified to a party (a
 * misunderstanding caught when the party had blamed the wrong side and not yet retaliated).
 */
import type { Mover } from './apply.js';
import { pressure } from './applyLadder.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import { own } from './ids.js';
import type { IncidentView, Mutable, ParleyState } from './state.js';

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
  }
}
