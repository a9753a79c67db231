/**
 * What each party could know, and the only way the simulator's decisions for a party read
 * the run. It is a projection of the log: every recorded fact is handed to {@link
 * Knowledge.record}, and a party learns from it only what the fact shows that party:
 *
 * - its own acts (every fact it is the actor of), among them its observations;
 * - a message sent to it, once the cell delivered it; the acknowledgement, answer, missed
 *   deadline and referral of a message it sent (never whether it was delivered or lost);
 * - an incident against it: its kind, CAMEO code, Goldstein weight and time, and whether it
 *   was declared a retaliation for one of its own acts (never who really carried it out:
 *   whom it blames is its observation, perhaps wrong);
 * - a clarification the cell or the supervisor gave it;
 * - every step of a dispute it is a party to.
 *
 * The cell's status is public (`SimContext.cellActive`). The cell, the supervisor and the
 * fog are not parties: they act on the truth (the cell's shared intelligence), as modelled.
 *
 * Every read names the facts its answer rests on (their seqs) to an optional audit hook, so
 * a test can check each against an independent account of what the party had observed by
 * then (test/sim/knowledge.property.test.ts).
 *
 * This file holds the reads and what they return; the per-party record they read, and
 * `record` itself, are in knowledgeLedger.ts (`Knowledge` extends `KnowledgeLedger`).
 */
import type { DisputeView, ParleyState, PlanStatus } from '../core/state.js';
import { KnowledgeLedger } from './knowledgeLedger.js';

/** An incident against a party, as that party knows it. */
export interface SeenIncident {
  readonly id: string;
  readonly kind: string;
  readonly cameo: string;
  readonly weight: number;
  /** When it happened (epoch ms). */
  readonly atMs: number;
  /** Whom the party blamed, or undefined before it observed the incident. */
  readonly attributedTo: string | undefined;
  /** The severity the party perceived (0 before it observed the incident). */
  readonly severity: number;
  /** Who the cell or the supervisor said carried it out, once they did. */
  readonly clarifiedTo: string | undefined;
  /** It was declared a retaliation for an act this party really carried out. */
  readonly answersOwnAct: boolean;
  /** The party has already retaliated for it. */
  readonly retaliated: boolean;
  /** What became of the retaliation the party planned for it, if it planned one. */
  readonly plan: PlanStatus | undefined;
}

/** A message a party sent, as its sender knows it: no word of delivery or loss. */
export interface OwnMessage {
  readonly to: string;
  readonly acknowledged: boolean;
}

/** A message delivered to a party. */
export interface ReceivedMessage {
  readonly from: string;
  readonly kind: string;
}

/** Called with each fact a party's decision reads: the party, and the fact's seq. */
export type KnowledgeAudit = (reader: string, fact: number) => void;

/** One fact a decision for a party read (see `RunOptions.onKnowledgeRead`). */
export interface KnowledgeRead {
  /** The party (or the supervisor) whose decision read it. */
  readonly reader: string;
  /** The seq of the fact read. */
  readonly fact: number;
  /** How many events the log held when it was read: the fact was recorded by then. */
  readonly atSeq: number;
}

/** Every party's knowledge of the run (see the module comment). */
export class Knowledge extends KnowledgeLedger {
  /** `participants`: the parties and the supervisor, each of whom sends messages. */
  constructor(
    participants: readonly string[],
    private readonly state: () => ParleyState,
    private readonly audit: KnowledgeAudit | undefined,
  ) {
    super(participants);
  }

  /** Incident `id` as `party` knows it, or undefined when it is not an incident against `party`. */
  incident(party: string, id: string): SeenIncident | undefined {
    const k = this.parties.get(party);
    const i = k?.incidents.get(id);
    if (!k || !i) return undefined;
    const ownAct = i.retaliationFor === undefined ? undefined : k.ownIncidents.get(i.retaliationFor);
    this.read(party, i.occurred, i.observed?.seq, i.clarified?.seq, ownAct, i.retaliated, i.plan?.seq);
    return {
      id,
      kind: i.kind,
      cameo: i.cameo,
      weight: i.weight,
      atMs: i.atMs,
      attributedTo: i.observed?.attributedTo,
      severity: i.observed?.severity ?? 0,
      clarifiedTo: i.clarified?.attributedTo,
      answersOwnAct: ownAct !== undefined,
      retaliated: i.retaliated !== undefined,
      plan: i.plan?.status,
    };
  }

  /** A message `party` sent, as it knows it; undefined when it sent no such message. */
  ownMessage(party: string, messageId: string): OwnMessage | undefined {
    const m = this.parties.get(party)?.sent.get(messageId);
    if (!m) return undefined;
    this.read(party, m.sent, m.acknowledged);
    return { to: m.to, acknowledged: m.acknowledged !== undefined };
  }

  /** A message delivered to `party`; undefined when none such reached it. */
  received(party: string, messageId: string): ReceivedMessage | undefined {
    const m = this.parties.get(party)?.received.get(messageId);
    if (!m) return undefined;
    this.read(party, m.sent, m.delivered);
    return { from: m.from, kind: m.kind };
  }

  /** Whether `party` had read (acknowledged) message `messageId` at or before `atMs`. */
  readBy(party: string, messageId: string, atMs: number): boolean {
    const m = this.parties.get(party)?.received.get(messageId);
    if (!m || m.acknowledgedAtMs === undefined) return false;
    this.read(party, m.sent, m.delivered, m.acknowledged);
    return m.acknowledgedAtMs <= atMs;
  }

  /** Dispute `id`, every step of which its parties see; undefined when `party` is not one of them. */
  dispute(party: string, id: string): DisputeView | undefined {
    const entry = this.parties.get(party)?.disputes.get(id);
    if (!entry) return undefined;
    this.read(party, entry.raised, entry.last);
    return this.state().disputes.get(id);
  }

  /** The disputes `party` raised over incident `incidentId`, in the order raised. */
  disputesRaisedOver(party: string, incidentId: string): DisputeView[] {
    const ids = this.parties.get(party)?.raisedOver.get(incidentId) ?? [];
    return ids.flatMap((id) => {
      const d = this.dispute(party, id);
      return d ? [d] : [];
    });
  }

  private read(party: string, ...facts: ReadonlyArray<number | undefined>): void {
    if (this.audit === undefined) return;
    for (const f of facts) if (f !== undefined) this.audit(party, f);
  }
}
