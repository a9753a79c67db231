/**
 * The message procedure (the 1963 hotline's discipline): a message is sent through the cell,
 * delivered after a delay or lost in the fog, acknowledged and answered by its recipient;
 * one not acknowledged by its deadline is marked overdue and, when the mechanism refers
 * missed acknowledgements, referred to the supervisor, who may look into it and clear up the
 * incident it is about. The deadline runs on what the sender knows: a lost message, which
 * its sender cannot tell from an unanswered one, goes overdue like any other.
 */
import type { FactOf } from '../../core/catalogue.js';
import { command } from '../../core/commands.js';
import { parseInstant } from '../../core/time.js';
import type { SimContext } from '../context.js';
import { STREAM } from '../streams.js';
import { toSecond } from '../tasks.js';

/** What the simulator sends on its own: advance warnings and protests. */
export type OwnMessageKind = 'warning' | 'protest';

export class Messages {
  constructor(private readonly sim: SimContext) {}

  /** Sends a message through the cell; its id, or undefined when the cell cannot carry it. */
  send(from: string, to: string, kind: OwnMessageKind, incidentId: string | undefined, subject: string): string | undefined {
    const sim = this.sim;
    if (!sim.cellActive()) return undefined;
    const messageId = sim.nextId('msg');
    const track = sim.businessTrack;
    // Two literals rather than a conditional spread: same keys in the same order, no garbage.
    // `decide` adds ackBy from the mechanism's rules.
    const data = incidentId === undefined
      ? { messageId, to, track, kind, subject }
      : { messageId, to, track, kind, subject, incidentId };
    const e = sim.try(command('SendMessage', { actor: from, at: sim.at }, data));
    return e ? messageId : undefined;
  }

  // --- steps on the agenda ------------------------------------------------------------------

  /** The cell delivers the message, unless the fog loses it. */
  deliver(messageId: string): void {
    const sim = this.sim;
    const lost = sim.streams.get(STREAM.fogLoss).chance(sim.plan.fog.messageLoss);
    sim.try(command(lost ? 'LoseMessage' : 'DeliverMessage', { actor: 'cell', at: sim.at }, { messageId }));
  }

  acknowledge(messageId: string): void {
    const m = this.sim.state.messages.get(messageId);
    if (m) this.sim.try(command('AcknowledgeMessage', { actor: m.to, at: this.sim.at }, { messageId: m.id }));
  }

  answer(messageId: string): void {
    const m = this.sim.state.messages.get(messageId);
    if (m) this.sim.try(command('AnswerMessage', { actor: m.to, at: this.sim.at }, { messageId: m.id }));
  }

  /** The acknowledgement deadline has come: overdue unless its sender has been acknowledged. */
  deadline(messageId: string, from: string): void {
    const m = this.sim.knowledge.ownMessage(from, messageId);
    if (m && !m.acknowledged) {
      this.sim.try(command('MarkAckOverdue', { actor: 'sim', at: this.sim.at }, { messageId }));
    }
  }

  /** The supervisor looks into a referred message and clears up the incident it is about. */
  supervisorCheck(messageId: string): void {
    const sim = this.sim;
    const m = sim.state.messages.get(messageId);
    const i = m?.incidentId === undefined ? undefined : sim.state.incidents.get(m.incidentId);
    if (m && i) sim.incidents.clarify(i, m.from, sim.supervisor.id, m.id);
  }

  // --- reactions to recorded facts --------------------------------------------------------

  sent(e: FactOf<'MessageSent'>): void {
    const agenda = this.sim.agenda;
    agenda.schedule(agenda.now + this.deliveryDelay(), { k: 'deliver', messageId: e.data.messageId });
    agenda.schedule(parseInstant(e.data.ackBy) as number, { k: 'ackDeadline', messageId: e.data.messageId, from: e.actor });
  }

  delivered(e: FactOf<'MessageDelivered'>): void {
    const sim = this.sim;
    const to = sim.state.messages.get(e.data.messageId)?.to;
    const recipient = to === undefined ? undefined : sim.party(to);
    if (!to || !recipient || !sim.knowledge.received(to, e.data.messageId)) return;
    if (recipient.acknowledges()) sim.agenda.schedule(sim.agenda.now + recipient.ackDelay(), { k: 'ack', messageId: e.data.messageId });
  }

  acknowledged(e: FactOf<'MessageAcknowledged'>): void {
    const sim = this.sim;
    const m = sim.knowledge.received(e.actor, e.data.messageId);
    const recipient = sim.party(e.actor);
    if (m && recipient && m.kind !== 'warning') {
      sim.agenda.schedule(sim.agenda.now + recipient.answerDelay(), { k: 'answer', messageId: e.data.messageId });
    }
  }

  answered(e: FactOf<'MessageAnswered'>): void {
    const sim = this.sim;
    const m = sim.state.messages.get(e.data.messageId);
    const i = m?.incidentId === undefined ? undefined : sim.state.incidents.get(m.incidentId);
    // The accused answers through the cell; if it was not them, the cell's shared
    // intelligence makes the denial credible and the misattribution is cleared.
    if (m && i && i.by !== m.to) sim.incidents.clarify(i, m.from, 'cell', m.id, e.seq);
  }

  deadlineMissed(e: FactOf<'AckDeadlineMissed'>): void {
    const sim = this.sim;
    if (sim.plan.mechanism.referral) {
      sim.try(command('ReferMessage', { actor: 'cell', at: sim.at, cause: e.seq }, { messageId: e.data.messageId }));
    }
  }

  referred(e: FactOf<'MessageReferred'>): void {
    const sim = this.sim;
    if (sim.supervisor.intervenes('referral')) {
      sim.agenda.schedule(sim.agenda.now + sim.supervisor.responseTime(), { k: 'supervisorCheck', messageId: e.data.messageId });
    }
  }

  private deliveryDelay(): number {
    const mean = this.sim.plan.fog.deliveryDelayMs;
    return mean <= 0 ? 0 : toSecond(this.sim.streams.get(STREAM.fogDelay).exponential(mean));
  }
}
