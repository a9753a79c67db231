/**
 * When the simulator may skip `decide`'s schema check of a command's data.
 *
 * The commands the simulator builds itself take their data from three places: constants
 * (reasons, rulings, stages), facts already recorded (ids, attributions, severities: valid
 * because they were checked when recorded), and the plan (party ids, tracks, incident specs,
 * deadlines). Its own ids are `<prefix>-<n>`; the fixed prefixes are short ids, but an incident
 * id is built from the incident's kind, so it is checked where it is made (see
 * `Incidents.occur` in procedures/incidents.ts). Everything the plan contributes is checked here, once per run, against
 * the catalogue's own schemas. If anything fails, every command is checked as before, so a
 * plan built by hand with bad data still gets exactly the refusals it always got.
 */
import { checkData, type EventData } from '../core/catalogue.js';
import { isId } from '../core/ids.js';
import type { Mutable } from '../core/state.js';
import { formatInstant, parseInstant } from '../core/time.js';
import type { IncidentSpec, Plan } from './plan.js';

/** The data of the `RecordIncident` command the simulator builds for `spec`. */
export function incidentData(id: string, spec: IncidentSpec, retaliationFor?: string): EventData<'IncidentOccurred'> {
  const data: Mutable<EventData<'IncidentOccurred'>> = {
    incidentId: id,
    kind: spec.kind,
    against: spec.against,
    cameo: spec.cameo,
    weight: spec.weight,
    severity: spec.severity,
  };
  // Optional keys added in this order (rather than spread from temporary objects, once per
  // incident): the same keys, in the same order.
  if (spec.where !== undefined) data.where = spec.where;
  if (spec.description !== undefined) data.description = spec.description;
  if (retaliationFor !== undefined) data.retaliationFor = retaliationFor;
  return data;
}

/** True when `ms` is a whole millisecond that prints as an instant and parses back. */
function printable(ms: number): boolean {
  return Number.isSafeInteger(ms) && parseInstant(formatInstant(ms)) === ms;
}

function deadline(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= 0;
}

/**
 * True when nothing the plan puts into the data of the simulator's own commands can fail
 * the catalogue's schemas.
 */
export function planDataIsValid(plan: Plan): boolean {
  const m = plan.mechanism;
  // Every agenda instant lies between start and end (whole ms), and deadlines at most
  // `ackDeadlineMs` or `disputeResponseMs` after one: if the extremes print, all do.
  const times =
    printable(plan.startMs) &&
    printable(plan.endMs) &&
    plan.startMs <= plan.endMs &&
    deadline(m.ackDeadlineMs) &&
    deadline(m.disputeResponseMs) &&
    printable(plan.endMs + m.ackDeadlineMs) &&
    printable(plan.endMs + m.disputeResponseMs);
  if (!times) return false;
  // Party ids are recipients, respondents and attributions; tracks go into messages and disputes.
  if (!plan.parties.every((p) => isId(p.id))) return false;
  if (!m.tracks.every((track) => checkData('TrackQuieted', { track }).length === 0)) return false;
  // Perceived severities are clamped to [0.01, 1], unless the noise is not a number at all.
  if (!Number.isFinite(plan.fog.severityNoise)) return false;
  const scripted = plan.timeline.flatMap((s) => (s.action.type === 'incident' ? [s.action.incident] : []));
  return [...plan.generators, ...scripted].every(
    (spec) =>
      checkData('IncidentOccurred', incidentData('x', spec)).length === 0 &&
      (spec.blamed === undefined || isId(spec.blamed)),
  );
}
