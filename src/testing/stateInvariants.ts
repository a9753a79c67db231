/**
 * The invariants of Parley's core, named and stated for the kit: the predicates are the core's
 * own (`src/core/invariants.ts`, what `parley verify --deep` runs), checked incrementally: after each event only the dispute or message it names is
 * examined, and totals are compared with tallies the check keeps as it goes. Each also has
 * a whole-state form (every entity scanned), run once at the end of a stream.
 */
import type { Recorded } from '../core/catalogue.js';
import { countersProblems, disputeProblems, ladderWithinBounds, messageProblems, talliesOf } from '../core/invariants.js';
import type { Invariant } from './invariant.js';

/** The id in the event's data under `key`, if any. */
function named(e: Recorded, key: 'disputeId' | 'messageId'): string | undefined {
  const value = (e.data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

export const disputesClosedOnceInvariant: Invariant = {
  name: 'disputesClosedOnce',
  statement: 'A dispute is closed exactly once, when its machine is final, with the outcome of that final state.',
  start: () => {
    // How each closed dispute was closed: a second closing would change it.
    const closed = new Map<string, string>();
    return (s, e) => {
      const id = named(e, 'disputeId');
      const d = id === undefined ? undefined : s.disputes.get(id);
      const out = d ? disputeProblems(d) : [];
      if (d && d.closedAt !== undefined) {
        const how = `${d.closedAt} ${String(d.outcome)}`;
        const before = closed.get(d.id);
        if (before === undefined) closed.set(d.id, how);
        else if (before !== how) out.push(`dispute ${d.id}: closed twice (${before}, then ${how})`);
      }
      if (closed.size !== s.counters.disputesClosed) out.push(`disputes closed: counter ${s.counters.disputesClosed}, closings seen ${closed.size}`);
      return out;
    };
  },
  whole: (s) => {
    const out = [...s.disputes.values()].flatMap(disputeProblems);
    const closed = [...s.disputes.values()].filter((d) => d.machine.status === 'done').length;
    if (closed !== s.counters.disputesClosed) out.push(`disputes closed: counter ${s.counters.disputesClosed}, machines ${closed}`);
    return out;
  },
};

export const acknowledgementsAfterDeliveryInvariant: Invariant = {
  name: 'acknowledgementsAfterDelivery',
  statement: 'No message is acknowledged before it was delivered, nor answered before it was acknowledged.',
  start: () => (s, e) => {
    const id = named(e, 'messageId');
    const m = id === undefined ? undefined : s.messages.get(id);
    return m ? messageProblems(m) : [];
  },
  whole: (s) => [...s.messages.values()].flatMap(messageProblems),
};

export const ladderWithinBoundsInvariant: Invariant = {
  name: 'ladderWithinBounds',
  statement: 'The ladder’s pressure stays within [0, max], and its level is the one that pressure implies.',
  // Constant time already: the ladder is one entity.
  start: () => ladderWithinBounds,
  whole: ladderWithinBounds,
};

export const countersMatchInvariant: Invariant = {
  name: 'countersMatch',
  statement: 'The state’s counters agree with the events recorded and the entities they count.',
  start: () => {
    let retaliations = 0;
    let accidental = 0;
    return (s, e) => {
      if (e.type === 'IncidentOccurred') {
        const i = s.incidents.get(e.data.incidentId);
        if (i?.retaliationFor !== undefined) retaliations += 1;
        if (i?.accidental) accidental += 1;
      }
      // Closed disputes are disputesClosedOnce's to check (it sees each closing).
      return countersProblems(s, { disputesClosed: s.counters.disputesClosed, retaliations, accidental });
    };
  },
  whole: (s) => countersProblems(s, { ...talliesOf(s), disputesClosed: s.counters.disputesClosed }),
};

/** The core's invariants, in the kit's incremental form. */
export const STATE_INVARIANTS: readonly Invariant[] = [
  disputesClosedOnceInvariant,
  acknowledgementsAfterDeliveryInvariant,
  ladderWithinBoundsInvariant,
  countersMatchInvariant,
];
