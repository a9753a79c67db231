/**
 * Incidents and the fog around them: generators and the timeline produce incidents (after an
 * advance warning through the cell when the scenario asks for one: INCSEA, deconfliction
 * lines); the party hit observes each one, perhaps blaming the wrong actor or misjudging its
 * severity; what it then does (protest, dispute, suspend the cell, ask for a meeting, plan a
 * retaliation) follows its policy and the mechanism's rules. The cell, the supervisor or a
 * meeting may clarify a misattribution before the retaliation is carried out. What the
 * party decides rests on what it knows (knowledge.ts): its own observation, never the truth.
 */
import type { FactOf } from '../../core/catalogue.js';
import { command } from '../../core/commands.js';
import { DomainError } from '../../core/errors.js';
import { isId, own } from '../../core/ids.js';
import type { IncidentView } from '../../core/state.js';
import { formatInstant, parseInstant } from '../../core/time.js';
import type { SimContext } from '../context.js';
import { perceive } from '../fog.js';
import type { SeenIncident } from '../knowledge.js';
import type { IncidentSpec } from '../plan.js';
import { STREAM } from '../streams.js';
import { toSecond } from '../tasks.js';
import { incidentData } from '../trust.js';

export class Incidents {
  /** Warning message sent ahead of an incident (by incident id). */
  private readonly warnings = new Map<string, string>();
  /** Scripted attributions (timeline `blamed`), by incident id. */
  private readonly blamed = new Map<string, string>();

  constructor(private readonly sim: SimContext) {}

  /** Schedules every generator's first incident. */
  start(): void {
    const { plan, streams, agenda } = this.sim;
    plan.generators.forEach((g, i) => {
      const first = Math.max(plan.startMs, g.fromMs) + toSecond(streams.get(STREAM.generator, String(i)).exponential(g.meanIntervalMs));
      agenda.schedule(first, { k: 'tick', g: i });
    });
  }

  /** Generator `g` fires: its next incident is scheduled, this one prepared. */
  tick(g: number): void {
    const { plan, streams, agenda } = this.sim;
    const gen = plan.generators[g];
    if (!gen) return;
    const next = agenda.now + toSecond(streams.get(STREAM.generator, String(g)).exponential(gen.meanIntervalMs));
    if (next <= gen.untilMs) agenda.schedule(next, { k: 'tick', g });
    this.prepare(this.sim.nextId(gen.kind), gen);
  }

  /** Sends the advance warning first when the spec asks for one, then the incident. */
  prepare(id: string, spec: IncidentSpec): void {
    if (spec.warnLeadMs === undefined || spec.by === 'world') {
      this.occur(id, spec);
      return;
    }
    const sim = this.sim;
    const warning = sim.messages.send(spec.by, spec.against, 'warning', undefined, `advance warning: ${spec.kind} ${id}`);
    if (warning) this.warnings.set(id, warning);
    sim.agenda.schedule(sim.agenda.now + spec.warnLeadMs, { k: 'strike', id, spec });
  }

  occur(id: string, spec: IncidentSpec, retaliationFor?: string): void {
    const sim = this.sim;
    if (spec.blamed !== undefined) this.blamed.set(id, spec.blamed);
    // An id made from a long incident kind can outgrow the id rules: decide refuses it then.
    const data = incidentData(id, spec, retaliationFor);
    const r = sim.submit(command('RecordIncident', { actor: spec.by, at: sim.at }, data), !isId(id));
    if (r instanceof DomainError) sim.refuse(`incident ${id}`, r);
  }

  // --- reactions to recorded facts --------------------------------------------------------

  /** The party hit observes the incident through the fog (or as the scenario scripts it). */
  occurred(e: FactOf<'IncidentOccurred'>): void {
    const sim = this.sim;
    const observer = e.data.against;
    if (!sim.party(observer)) return;
    const drawn = perceive(sim.plan.fog, sim.streams.get(STREAM.fogObserve, observer), { by: e.actor, severity: e.data.severity }, observer, sim.parties);
    const blamed = this.blamed.get(e.data.incidentId);
    const attributedTo = blamed ?? drawn.attributedTo;
    sim.try(command('ObserveIncident', { actor: observer, at: sim.at, cause: e.seq }, { incidentId: e.data.incidentId, attributedTo, severity: drawn.severity }));
  }

  /** A party has observed an incident: protest, dispute, suspend, meet, and perhaps retaliate. */
  observed(e: FactOf<'IncidentObserved'>): void {
    const sim = this.sim;
    const party = e.actor;
    const { incidentId } = e.data;
    const cause = e.seq;
    const self = sim.party(party);
    const i = sim.knowledge.incident(party, incidentId);
    const attributedTo = i?.attributedTo;
    if (!self || !i || attributedTo === undefined || i.weight >= 0 || !sim.party(attributedTo) || attributedTo === party) return;
    if (this.warnedInTime(i, party)) return;
    const seen = { severity: i.severity, answersOwnAct: i.answersOwnAct };
    if (sim.cellActive()) sim.suspension.onObserved(party, i, i.severity, cause);
    if (sim.cellActive() && !seen.answersOwnAct) {
      sim.messages.send(party, attributedTo, 'protest', incidentId, `protest: ${i.kind} ${i.id}`);
      const lateWarning = this.warnings.get(incidentId);
      if (self.raisesDispute(seen)) sim.disputes.raise(party, attributedTo, incidentId, lateWarning, cause);
      if (sim.plan.mechanism.meetings.extraordinaryOnRequest && self.requestsMeeting(seen)) sim.meetings.request(party, i, cause);
    }
    if (self.retaliates(seen)) {
      const due = formatInstant(sim.agenda.now + self.retaliationDelay());
      sim.try(command('PlanRetaliation', { actor: party, at: sim.at, cause }, { incidentId, against: attributedTo, due }));
    }
  }

  /** A retaliation was planned: it comes due after the party's retaliation delay. */
  planned(e: FactOf<'RetaliationPlanned'>): void {
    this.sim.agenda.schedule(parseInstant(e.data.due) as number, { k: 'retaliate', incidentId: e.data.incidentId, party: e.actor });
  }

  /** A party was told who carried out an incident: a retaliation it planned for it is called off. */
  clarified(e: FactOf<'IncidentClarified'>): void {
    const sim = this.sim;
    const party = e.data.party;
    const plan = sim.knowledge.incident(party, e.data.incidentId)?.plan;
    if (plan === 'pending' || plan === 'held') {
      sim.try(command('CallOffRetaliation', { actor: party, at: sim.at, cause: e.seq }, { incidentId: e.data.incidentId, reason: 'clarified' }));
    }
  }

  /**
   * The cell (or the supervisor, `actor`) tells `party` who really carried out the incident,
   * if it blamed someone else and has not been told yet.
   */
  clarify(i: IncidentView, party: string, actor: string, messageId: string | undefined, cause?: number): void {
    const seen = own(i.observations, party);
    if (!seen || seen.attributedTo === i.by || own(i.clarified, party)) return;
    this.sim.try(command('ClarifyIncident', { actor, at: this.sim.at, cause }, {
      incidentId: i.id,
      party,
      attributedTo: i.by,
      ...(messageId === undefined ? {} : { messageId }),
    }));
  }

  /**
   * A planned retaliation is due, or a dispute that held it ended: strike back, unless the
   * plan was called off, or a dispute the party raised over the incident holds it (engaged in
   * the cell) or calls it off (ended in a settlement, a ruling or a withdrawal).
   */
  retaliate(incidentId: string, party: string): void {
    const sim = this.sim;
    const seen = sim.knowledge.incident(party, incidentId);
    if (!seen || seen.attributedTo === undefined || (seen.plan !== 'pending' && seen.plan !== 'held')) return;
    const restraint = sim.disputes.restraint(incidentId, party);
    if (restraint?.kind === 'hold') {
      // While the cell is working on a dispute over this incident, hold fire until it ends.
      if (seen.plan === 'pending') sim.try(command('HoldRetaliation', { actor: party, at: sim.at }, { incidentId, disputeId: restraint.disputeId }));
      sim.disputes.hold(restraint.disputeId, incidentId, party);
      return;
    }
    if (restraint?.kind === 'resolved') {
      sim.try(command('CallOffRetaliation', { actor: party, at: sim.at }, { incidentId, reason: 'resolved', disputeId: restraint.disputeId }));
      return;
    }
    this.occur(sim.nextId('retaliation'), {
      kind: seen.kind,
      by: party,
      against: seen.attributedTo,
      cameo: seen.cameo,
      weight: seen.weight,
      severity: seen.severity,
    }, incidentId);
  }

  /**
   * A warning deconflicts an incident only if the warned party had acknowledged it before the
   * incident happened: read, and so able to act (the Il-20 warning arrived, but too late).
   */
  private warnedInTime(i: SeenIncident, party: string): boolean {
    const w = this.warnings.get(i.id);
    return w !== undefined && this.sim.knowledge.readBy(party, w, i.atMs);
  }
}
