/**
 * What a participant had observed, worked out from a log alone and written apart from the
 * simulator's knowledge module (src/sim/knowledge.ts), so that each can check the other:
 * `knownAt(log)(reader, seq)` is the seq from which `reader` knew the fact at `seq`, or
 * Infinity when it never could.
 *
 * A participant knows its own acts; a message sent to it once it was delivered; the
 * acknowledgement, answer, missed deadline and referral of a message it sent or received;
 * an incident against it (the fact, less its true actor); a clarification given to it; every
 * step of a dispute it is a party to; and what is public (the log's start and end, the
 * cell's status and meetings, de-escalation steps, rounds). Never a loss, nor the delivery
 * of a message it sent.
 */
import type { Recorded } from '../../src/core/catalogue.js';

const PUBLIC = new Set<Recorded['type']>([
  'LogStarted',
  'SimulationEnded',
  'CellProposed',
  'CellEstablished',
  'CellActivated',
  'CellSuspended',
  'CellResumed',
  'CellDissolved',
  'TrackQuieted',
  'ExtraordinaryMeetingRequested',
  'MeetingOpened',
  'MeetingClosed',
  'DeescalationStepTaken',
  'RoundPlayed',
  'AccidentClarified',
]);

/** From which seq `reader` knew the fact at `seq` (Infinity: never). */
export type KnownAt = (reader: string, seq: number) => number;

/** The observability of every fact of `log` (events in seq order, from seq 1). */
export function knownAt(log: readonly Recorded[]): KnownAt {
  const messages = new Map<string, { from: string; to: string; delivered: number }>();
  const disputes = new Map<string, readonly string[]>();
  for (const e of log) {
    if (e.type === 'MessageSent') messages.set(e.data.messageId, { from: e.actor, to: e.data.to, delivered: Infinity });
    if (e.type === 'MessageDelivered') {
      const m = messages.get(e.data.messageId);
      if (m) m.delivered = e.seq;
    }
    if (e.type === 'DisputeRaised') disputes.set(e.data.disputeId, [e.actor, e.data.against]);
  }
  return (reader, seq) => {
    const e = log[seq - 1];
    if (!e || e.seq !== seq) throw new Error(`no event at seq ${seq}`);
    if (e.actor === reader || PUBLIC.has(e.type)) return seq;
    const data = e.data as { readonly messageId?: string; readonly disputeId?: string };
    switch (e.type) {
      case 'MessageSent':
        return e.data.to === reader ? (messages.get(e.data.messageId)?.delivered ?? Infinity) : Infinity;
      case 'MessageDelivered':
        return messages.get(e.data.messageId)?.to === reader ? seq : Infinity;
      case 'MessageLost':
        return Infinity;
      case 'MessageAcknowledged':
      case 'MessageAnswered':
      case 'AckDeadlineMissed':
      case 'MessageReferred': {
        const m = messages.get(e.data.messageId);
        return m && (m.from === reader || m.to === reader) ? seq : Infinity;
      }
      case 'IncidentOccurred':
        return e.data.against === reader ? seq : Infinity;
      case 'IncidentClarified':
        return e.data.party === reader ? seq : Infinity;
      default:
        if (data.disputeId !== undefined && (disputes.get(data.disputeId) ?? []).includes(reader)) return seq;
        return Infinity;
    }
  };
}
