/**
 * Messages in the fold: a message sent (its view created, its track engaged), and each later
 * step of it (delivered, lost, acknowledged, answered, overdue, referred) recorded on its view
 * once the message machine has moved (see `moveMessage` in apply.ts).
 */
import { compiledMessage } from '../machines/index.js';
import type { Mover } from './apply.js';
import { signal } from './applyCell.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { MessageView, Mutable, ParleyState } from './state.js';

type Draft = Mutable<ParleyState>;

/** Records on message `m` the step `e` took it through (an overdue ack strains its track). */
export function messageFact(s: Draft, e: Recorded, m: Mutable<MessageView>, mv: Mover): void {
  switch (e.type) {
    case 'MessageDelivered':
      m.deliveredAt = e.at;
      return;
    case 'MessageLost':
      m.lostAt = e.at;
      return;
    case 'MessageAcknowledged':
      m.acknowledgedAt = e.at;
      return;
    case 'MessageAnswered':
      m.answeredAt = e.at;
      return;
    case 'AckDeadlineMissed':
      m.overdueAt = e.at;
      s.counters.overdueAcks += 1;
      signal(s, m.track, 'STRAIN', mv);
      return;
    case 'MessageReferred':
      m.referredAt = e.at;
      s.counters.referrals += 1;
      s.counters.interventions += 1;
      return;
    default:
      return;
  }
}

/** A new message: its view, and its track engaged. */
export function sent(s: Draft, e: FactOf<'MessageSent'>, mv: Mover): void {
  const d = e.data;
  if (s.messages.has(d.messageId)) throw new ReplayError(e.seq, `[message] ${d.messageId} sent twice`);
  const view: Mutable<MessageView> = {
    id: d.messageId,
    from: e.actor,
    to: d.to,
    track: d.track,
    kind: d.kind,
    sentAt: e.at,
    ackBy: d.ackBy,
    incidentId: d.incidentId,
    disputeId: d.disputeId,
    deliveredAt: undefined,
    acknowledgedAt: undefined,
    answeredAt: undefined,
    overdueAt: undefined,
    referredAt: undefined,
    lostAt: undefined,
    machine: compiledMessage.initial(),
  };
  s.messages.set(d.messageId, view);
  signal(s, d.track, 'ENGAGE', mv);
}
