/**
 * The dispute procedure (UNDOF-style fact-finding, the Lebanon Mechanism's supervisor):
 * a party raises a dispute over an incident; the respondent acknowledges it, or the response
 * deadline passes and the claimant asks the supervisor to mediate (or the dispute lapses);
 * the cell finds the facts, which either clear the respondent (the claim is withdrawn) or
 * lead to a settlement or mediation; the supervisor rules or declines; each party accepts or
 * rejects the ruling; a deadlock is escalated, mediated again or withdrawn. A suspension of
 * the cell stops every dispute where it stands, and resuming takes each up again.
 *
 * While a dispute over an incident is engaged in the cell, the claimant holds its
 * retaliation for that incident; the dispute's end releases it (lapse, escalation) or calls
 * it off (settlement, ruling, withdrawal).
 */
import type { FactOf } from '../../core/catalogue.js';
import { command } from '../../core/commands.js';
import type { DisputeView } from '../../core/state.js';
import { parseInstant } from '../../core/time.js';
import type { Party } from '../actors.js';
import type { SimContext } from '../context.js';
import { OpenDisputes } from '../openDisputes.js';

/** What a party's disputes over an incident do to its retaliation for it. */
export interface Restraint {
  readonly kind: 'hold' | 'resolved';
  readonly disputeId: string;
}

/** A retaliation waiting for a dispute to end. */
interface Held {
  readonly incidentId: string;
  readonly party: string;
}

export class Disputes {
  /** Disputes not yet closed, for meeting agendas. */
  private readonly open = new OpenDisputes();
  /** Retaliations held while a dispute over the incident runs in the cell (by dispute id). */
  private readonly held = new Map<string, Held[]>();
  private readonly mediations = new Map<string, number>();

  constructor(private readonly sim: SimContext) {}

  /** The disputes still open, in the order they were raised. */
  openIds(): string[] {
    return this.open.list(this.sim.state.disputes);
  }

  /** `party` raises a dispute over an incident it attributes to `against`. */
  raise(party: string, against: string, incidentId: string, lateWarning: string | undefined, cause: number): void {
    const sim = this.sim;
    const disputeId = sim.nextId('dispute');
    const track = sim.businessTrack;
    // `decide` adds respondBy from the mechanism's rules.
    sim.try(command('RaiseDispute', { actor: party, at: sim.at, cause }, lateWarning === undefined
      ? { disputeId, against, track, incidentId }
      : { disputeId, against, track, incidentId, messageId: lateWarning, claim: 'the advance warning came too late' }));
  }

  /**
   * What `party`'s own disputes over `incidentId` say about its retaliation for it: `hold` it
   * while the cell works on one (acknowledged and open), or call it off once one was
   * `resolved` (settled, ruled on or withdrawn); undefined when neither.
   */
  restraint(incidentId: string, party: string): Restraint | undefined {
    const disputes = this.sim.knowledge.disputesRaisedOver(party, incidentId);
    const engaged = disputes.find((d) => d.closedAt === undefined && d.acknowledgedAt !== undefined);
    if (engaged) return { kind: 'hold', disputeId: engaged.id };
    const resolved = disputes.find((d) => d.outcome === 'settlement' || d.outcome === 'ruling' || d.outcome === 'withdrawal');
    return resolved ? { kind: 'resolved', disputeId: resolved.id } : undefined;
  }

  /** Keeps `party`'s retaliation for `incidentId` until dispute `disputeId` ends. */
  hold(disputeId: string, incidentId: string, party: string): void {
    const list = this.held.get(disputeId) ?? [];
    list.push({ incidentId, party });
    this.held.set(disputeId, list);
  }

  // --- steps on the agenda ------------------------------------------------------------------

  acknowledge(disputeId: string): void {
    const d = this.sim.state.disputes.get(disputeId);
    if (d) this.sim.try(command('AcknowledgeDispute', { actor: d.against, at: this.sim.at }, { disputeId: d.id }));
  }

  /** The response deadline passed unanswered: mediation if the supervisor steps in, else a lapse. */
  deadline(disputeId: string): void {
    const sim = this.sim;
    const d = sim.state.disputes.get(disputeId);
    if (!d || d.closedAt !== undefined || d.machine.value !== 'raised') return;
    const at = sim.at;
    sim.try(command('MarkDisputeOverdue', { actor: 'sim', at }, { disputeId, stage: 'raised' }));
    if (sim.cellActive() && sim.supervisor.intervenes('deadline')) {
      sim.try(command('RequestMediation', { actor: d.by, at }, { disputeId }));
    } else {
      sim.try(command('LapseDispute', { actor: 'sim', at }, { disputeId }));
    }
  }

  findings(disputeId: string): void {
    const sim = this.sim;
    const d = sim.state.disputes.get(disputeId);
    if (!d || d.machine.value !== 'factFinding') return;
    const i = d.incidentId === undefined ? undefined : sim.state.incidents.get(d.incidentId);
    const at = sim.at;
    const finding = i ? `${i.kind} ${i.id} was carried out by ${i.by}` : 'no incident in question';
    const reported = sim.try(command('ReportFindings', { actor: 'cell', at }, { disputeId, finding, ...(i ? { attributedTo: i.by } : {}) }));
    // Refused (the cell is suspended): the dispute waits for the cell to resume.
    if (!reported) return;
    if (i && i.by !== d.against) {
      // The facts clear the respondent: the misunderstanding is caught, the claim withdrawn.
      sim.incidents.clarify(i, d.by, 'cell', undefined);
      sim.try(command('WithdrawDispute', { actor: d.by, at }, { disputeId }));
      return;
    }
    sim.agenda.schedule(sim.agenda.now + this.party(d.against).answerDelay(), { k: 'settle', disputeId });
  }

  settle(disputeId: string): void {
    const sim = this.sim;
    const d = sim.state.disputes.get(disputeId);
    if (!d || d.closedAt !== undefined) return;
    // The respondent is not asked once the claimant has said no.
    const accept = this.decides(d.by, d.id).acceptsSettlement() && this.decides(d.against, d.id).acceptsSettlement();
    const at = sim.at;
    if (accept) sim.try(command('ReachSettlement', { actor: 'cell', at }, { disputeId, terms: 'settled in the cell' }));
    else sim.try(command('RequestMediation', { actor: d.by, at }, { disputeId }));
  }

  rule(disputeId: string): void {
    const sim = this.sim;
    sim.try(command('Rule', { actor: sim.supervisor.id, at: sim.at }, { disputeId, ruling: 'ruling on the facts found' }));
  }

  decline(disputeId: string): void {
    const sim = this.sim;
    sim.try(command('FailMediation', { actor: sim.supervisor.id, at: sim.at }, { disputeId, reason: 'supervisor declined to rule' }));
  }

  answerRuling(disputeId: string, party: string): void {
    const sim = this.sim;
    const accept = this.decides(party, disputeId).acceptsRuling();
    sim.try(command(accept ? 'AcceptRuling' : 'RejectRuling', { actor: party, at: sim.at }, { disputeId }));
  }

  // --- reactions to recorded facts --------------------------------------------------------

  raised(e: FactOf<'DisputeRaised'>): void {
    const sim = this.sim;
    this.open.add(e.data.disputeId);
    const respondent = this.decides(e.data.against, e.data.disputeId);
    if (respondent.acknowledges()) {
      sim.agenda.schedule(sim.agenda.now + respondent.ackDelay(), { k: 'disputeAck', disputeId: e.data.disputeId });
    }
    sim.agenda.schedule(parseInstant(e.data.respondBy) as number, { k: 'disputeDeadline', disputeId: e.data.disputeId });
  }

  acknowledged(e: FactOf<'DisputeAcknowledged'>): void {
    this.openFactFinding(e.data.disputeId, e.seq);
  }

  mediationRequested(e: FactOf<'MediationRequested'>): void {
    const n = (this.mediations.get(e.data.disputeId) ?? 0) + 1;
    this.mediations.set(e.data.disputeId, n);
    this.scheduleSupervisor(e.data.disputeId);
  }

  ruled(e: FactOf<'SupervisorRuled'>): void {
    const sim = this.sim;
    const d = sim.state.disputes.get(e.data.disputeId) as DisputeView;
    for (const party of [d.by, d.against]) {
      sim.agenda.schedule(sim.agenda.now + this.party(party).answerDelay(), { k: 'rulingResponse', disputeId: d.id, party });
    }
  }

  /** No acceptable outcome: the claimant escalates, asks for mediation again (twice at most) or withdraws. */
  deadlocked(disputeId: string, cause: number): void {
    const sim = this.sim;
    const d = sim.state.disputes.get(disputeId);
    if (!d || d.machine.value !== 'deadlocked') return;
    const at = sim.at;
    if (this.decides(d.by, d.id).escalates()) {
      sim.try(command('EscalateDispute', { actor: d.by, at, cause }, { disputeId, reason: 'no acceptable outcome in the cell' }));
    } else if ((this.mediations.get(disputeId) ?? 0) < 2) {
      sim.try(command('RequestMediation', { actor: d.by, at, cause }, { disputeId }));
    } else {
      sim.try(command('WithdrawDispute', { actor: d.by, at, cause }, { disputeId }));
    }
  }

  /**
   * The cell is back: every dispute a suspension caught mid-procedure is taken up again from
   * the step it was stuck at (the steps the cell refused while suspended are not retried by
   * themselves). A step that was still pending and now also runs twice is refused the second
   * time by the machine, so nothing happens twice.
   */
  resumed(cause: number): void {
    const sim = this.sim;
    const now = sim.agenda.now;
    for (const id of this.openIds()) {
      const d = sim.state.disputes.get(id) as DisputeView;
      switch (d.machine.value) {
        case 'raised': {
          const respondent = this.decides(d.against, id);
          if (respondent.acknowledges()) sim.agenda.schedule(now + respondent.ackDelay(), { k: 'disputeAck', disputeId: id });
          break;
        }
        case 'acknowledged':
          this.openFactFinding(id, cause);
          break;
        case 'factFinding':
          // Findings reported already: what was refused is the request for mediation after them.
          if (d.machine.context.findings > 0) this.settle(id);
          else sim.agenda.schedule(now + sim.supervisor.factFinding(), { k: 'findings', disputeId: id });
          break;
        case 'mediation':
          this.scheduleSupervisor(id);
          break;
        case 'deadlocked':
          this.deadlocked(id, cause);
          break;
        default:
          // `ruling`: the parties answer the ruling whether or not the cell sits.
          break;
      }
    }
  }

  /**
   * When a dispute closes, the retaliations held for it are taken up again: carried out after
   * an escalation or a lapse, called off after a settlement, a ruling or a withdrawal.
   */
  stepTaken(disputeId: string): void {
    const d = this.sim.state.disputes.get(disputeId);
    if (!d || d.closedAt === undefined) return;
    const held = this.held.get(disputeId);
    if (!held) return;
    this.held.delete(disputeId);
    for (const h of held) this.sim.incidents.retaliate(h.incidentId, h.party);
  }

  private openFactFinding(disputeId: string, cause: number): void {
    const sim = this.sim;
    sim.try(command('OpenFactFinding', { actor: 'cell', at: sim.at, cause }, { disputeId }));
    sim.agenda.schedule(sim.agenda.now + sim.supervisor.factFinding(), { k: 'findings', disputeId });
  }

  /** The supervisor will rule, or decline to, after its response time. */
  private scheduleSupervisor(disputeId: string): void {
    const sim = this.sim;
    const acts = sim.supervisor.intervenes('mediation');
    sim.agenda.schedule(sim.agenda.now + sim.supervisor.responseTime(), { k: acts ? 'rule' : 'decline', disputeId });
  }

  /** A party to a dispute (disputes are only ever between parties: decide checks it). */
  private party(id: string): Party {
    return this.sim.party(id) as Party;
  }

  /** A party about to decide on dispute `disputeId`, which it knows as a party to it. */
  private decides(id: string, disputeId: string): Party {
    this.sim.knowledge.dispute(id, disputeId);
    return this.party(id);
  }
}
