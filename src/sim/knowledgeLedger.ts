/**
 * The bookkeeping behind `Knowledge` (knowledge.ts): what each party has seen of the
 * run, fact by fact, with the seq of every fact each entry rests on. `record` is the
 * projection (which fact each party sees is listed in knowledge.ts's module comment);
 * `Knowledge` adds the reads a party's decisions make, each named to the audit hook.
 */
import type { Recorded } from '../core/catalogue.js';
import type { PlanStatus } from '../core/state.js';
import { parseInstant } from '../core/time.js';

interface IncidentEntry {
  readonly occurred: number;
  readonly kind: string;
  readonly cameo: string;
  readonly weight: number;
  readonly atMs: number;
  readonly retaliationFor: string | undefined;
  observed: { readonly seq: number; readonly attributedTo: string; readonly severity: number } | undefined;
  clarified: { readonly seq: number; readonly attributedTo: string } | undefined;
  retaliated: number | undefined;
  plan: { readonly seq: number; readonly status: PlanStatus } | undefined;
}

interface SentEntry {
  readonly sent: number;
  readonly to: string;
  acknowledged: number | undefined;
}

interface ReceivedEntry {
  readonly sent: number;
  readonly delivered: number;
  readonly from: string;
  readonly kind: string;
  acknowledgedAtMs: number | undefined;
  acknowledged: number | undefined;
}

interface DisputeEntry {
  readonly raised: number;
  last: number;
}

const PLAN_STATUS = { RetaliationPlanned: 'pending', RetaliationHeld: 'held', RetaliationCalledOff: 'calledOff' } as const;

/** One party's knowledge. */
export class PartyKnowledge {
  readonly incidents = new Map<string, IncidentEntry>();
  /** Incidents this party carried out, with the seq that records each. */
  readonly ownIncidents = new Map<string, number>();
  readonly sent = new Map<string, SentEntry>();
  readonly received = new Map<string, ReceivedEntry>();
  readonly disputes = new Map<string, DisputeEntry>();
  /** The disputes this party raised over each incident, in order. */
  readonly raisedOver = new Map<string, string[]>();
}

/** What the cell carries until it delivers: the message as its recipient will see it. */
interface InTransit {
  readonly sent: number;
  readonly from: string;
  readonly to: string;
  readonly kind: string;
}

/**
 * Every party's record of what it has seen, kept up by {@link KnowledgeLedger.record};
 * `Knowledge` (knowledge.ts) reads it.
 */
export class KnowledgeLedger {
  protected readonly parties = new Map<string, PartyKnowledge>();
  private readonly messages = new Map<string, InTransit>();
  /** The parties of each dispute, for the facts that name only the dispute. */
  private readonly disputeParties = new Map<string, readonly [string, string]>();

  /** `participants`: the parties and the supervisor, each of whom sends messages. */
  constructor(participants: readonly string[]) {
    for (const id of participants) this.parties.set(id, new PartyKnowledge());
  }

  /** Hands a recorded fact to the parties that can see it. */
  record(e: Recorded): void {
    const actor = this.parties.get(e.actor);
    switch (e.type) {
      case 'MessageSent': {
        const d = e.data;
        this.messages.set(d.messageId, { sent: e.seq, from: e.actor, to: d.to, kind: d.kind });
        actor?.sent.set(d.messageId, { sent: e.seq, to: d.to, acknowledged: undefined });
        return;
      }
      case 'MessageDelivered': {
        const m = this.messages.get(e.data.messageId);
        const to = m === undefined ? undefined : this.parties.get(m.to);
        if (m && to) to.received.set(e.data.messageId, { sent: m.sent, delivered: e.seq, from: m.from, kind: m.kind, acknowledgedAtMs: undefined, acknowledged: undefined });
        return;
      }
      case 'MessageAcknowledged': {
        const id = e.data.messageId;
        const r = actor?.received.get(id);
        if (r) {
          r.acknowledged = e.seq;
          r.acknowledgedAtMs = parseInstant(e.at);
        }
        const m = this.messages.get(id);
        const sent = m === undefined ? undefined : this.parties.get(m.from)?.sent.get(id);
        if (sent) sent.acknowledged = e.seq;
        return;
      }
      case 'IncidentOccurred': {
        const d = e.data;
        actor?.ownIncidents.set(d.incidentId, e.seq);
        if (d.retaliationFor !== undefined) {
          const original = actor?.incidents.get(d.retaliationFor);
          if (original) {
            original.retaliated = e.seq;
            if (original.plan) original.plan = { seq: e.seq, status: 'executed' };
          }
        }
        this.parties.get(d.against)?.incidents.set(d.incidentId, {
          occurred: e.seq,
          kind: d.kind,
          cameo: d.cameo,
          weight: d.weight,
          atMs: parseInstant(e.at) as number,
          retaliationFor: d.retaliationFor,
          observed: undefined,
          clarified: undefined,
          retaliated: undefined,
          plan: undefined,
        });
        return;
      }
      case 'RetaliationPlanned':
      case 'RetaliationHeld':
      case 'RetaliationCalledOff': {
        const i = actor?.incidents.get(e.data.incidentId);
        if (i) i.plan = { seq: e.seq, status: PLAN_STATUS[e.type] };
        return;
      }
      case 'IncidentObserved': {
        const i = actor?.incidents.get(e.data.incidentId);
        if (i) i.observed = { seq: e.seq, attributedTo: e.data.attributedTo, severity: e.data.severity };
        return;
      }
      case 'IncidentClarified': {
        const i = this.parties.get(e.data.party)?.incidents.get(e.data.incidentId);
        if (i && i.clarified === undefined) i.clarified = { seq: e.seq, attributedTo: e.data.attributedTo };
        return;
      }
      case 'DisputeRaised': {
        const d = e.data;
        this.disputeParties.set(d.disputeId, [e.actor, d.against]);
        for (const p of [e.actor, d.against]) this.parties.get(p)?.disputes.set(d.disputeId, { raised: e.seq, last: e.seq });
        if (actor && d.incidentId !== undefined) {
          const list = actor.raisedOver.get(d.incidentId) ?? [];
          list.push(d.disputeId);
          actor.raisedOver.set(d.incidentId, list);
        }
        return;
      }
      default: {
        // Every later step of a dispute is seen by both its parties.
        const disputeId = (e.data as { readonly disputeId?: string }).disputeId;
        const parties = disputeId === undefined ? undefined : this.disputeParties.get(disputeId);
        if (disputeId !== undefined && parties) {
          for (const p of parties) {
            const entry = this.parties.get(p)?.disputes.get(disputeId);
            if (entry) entry.last = e.seq;
          }
        }
      }
    }
  }
}
