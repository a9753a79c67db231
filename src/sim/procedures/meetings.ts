/**
 * Meetings of the cell (Georgia's IPRM): regular meetings at the scenario's cadence, with the
 * open disputes and, as a standing agenda item, the incidents since the last meeting;
 * extraordinary meetings on a party's request. Incidents reviewed together bring
 * misattributions to light. A track with no traffic since the last regular meeting is
 * recorded as quiet.
 */
import type { Track } from '../../core/catalogue.js';
import { command } from '../../core/commands.js';
import type { IncidentView } from '../../core/state.js';
import type { SimContext } from '../context.js';

const HOUR = 3_600_000;
const MEETING_LENGTH = 2 * HOUR;
/** How long after a request an extraordinary meeting opens. */
export const EXTRAORDINARY_NOTICE = 6 * HOUR;

export class Meetings {
  private incidentsSinceMeeting: string[] = [];
  private trafficSinceMeeting = new Set<string>();

  constructor(private readonly sim: SimContext) {}

  /** Schedules the first regular meeting, if the mechanism holds them. */
  start(): void {
    const { plan, agenda } = this.sim;
    if (plan.mechanism.meetings.everyMs) agenda.schedule(plan.startMs + plan.mechanism.meetings.everyMs, { k: 'meeting' });
  }

  /** An incident happened: it goes on the next regular meeting's standing agenda. */
  noteIncident(incidentId: string): void {
    this.incidentsSinceMeeting.push(incidentId);
  }

  /** A message went on `track`: the track is not quiet. */
  noteTraffic(track: Track): void {
    this.trafficSinceMeeting.add(track);
  }

  /** `party` asks for an extraordinary meeting over an incident. */
  request(party: string, i: { readonly id: string; readonly kind: string }, cause: number): void {
    const sim = this.sim;
    if (sim.try(command('RequestExtraordinaryMeeting', { actor: party, at: sim.at, cause }, { reason: `${i.kind} ${i.id}`, incidentId: i.id }))) {
      sim.agenda.schedule(sim.agenda.now + EXTRAORDINARY_NOTICE, { k: 'extraordinary', incidentId: i.id });
    }
  }

  /** A scripted request was recorded: the meeting follows after the usual notice. */
  requested(): void {
    this.sim.agenda.schedule(this.sim.agenda.now + EXTRAORDINARY_NOTICE, { k: 'extraordinary' });
  }

  // --- steps on the agenda ------------------------------------------------------------------

  regular(): void {
    const sim = this.sim;
    const every = sim.plan.mechanism.meetings.everyMs;
    if (every) sim.agenda.schedule(sim.agenda.now + every, { k: 'meeting' });
    if (!sim.cellActive()) return;
    const incidents = sim.plan.mechanism.meetings.standingIncidentAgenda ? this.incidentsSinceMeeting : [];
    this.incidentsSinceMeeting = [];
    this.hold('regular', incidents);
    for (const track of sim.plan.mechanism.tracks) {
      if (!this.trafficSinceMeeting.has(track)) sim.try(command('QuietTrack', { actor: 'cell', at: sim.at }, { track }));
    }
    this.trafficSinceMeeting = new Set();
  }

  extraordinary(incidentId: string | undefined): void {
    if (!this.sim.cellActive()) return;
    this.hold('extraordinary', incidentId === undefined ? [] : [incidentId]);
  }

  close(meetingId: string): void {
    this.sim.try(command('CloseMeeting', { actor: 'cell', at: this.sim.at }, { meetingId }));
  }

  private hold(kind: 'regular' | 'extraordinary', incidents: string[]): void {
    const sim = this.sim;
    const meetingId = sim.nextId(kind === 'regular' ? 'meeting' : 'extraordinary');
    const disputes = sim.disputes.openIds();
    const opened = sim.try(command('OpenMeeting', { actor: 'cell', at: sim.at }, { meetingId, kind, agenda: { incidents, disputes } }));
    if (!opened) return;
    // Incidents on the agenda are reviewed together: misattributions come to light.
    for (const id of incidents) {
      const i = sim.state.incidents.get(id);
      if (i) for (const party of sim.parties) sim.incidents.clarify(i, party, 'cell', undefined, opened.seq);
    }
    sim.agenda.schedule(sim.agenda.now + MEETING_LENGTH, { k: 'closeMeeting', meetingId });
  }
}
