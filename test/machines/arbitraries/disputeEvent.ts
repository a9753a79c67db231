/** Any event of the dispute machine, and the parties of a dispute. */
import fc from 'fast-check';
import type { DisputeMachineEvent } from '../../../src/machines/dispute.js';

/** Party names: the first two are the usual disputants, the others are outsiders. */
export const PARTY_NAMES = ['syria', 'israel', 'us', 'lebanon'] as const;

const simple = [
  'ACK',
  'OPEN_FACT_FINDING',
  'REPORT_FINDINGS',
  'SETTLE',
  'REQUEST_MEDIATION',
  'RULE',
  'REJECT_RULING',
  'MEDIATION_FAILED',
  'ESCALATE',
  'WITHDRAW',
  'LAPSE',
] as const;

/** Every dispute event type (ACCEPT_RULING carries `by`). */
export const DISPUTE_EVENT_TYPES = [...simple, 'ACCEPT_RULING'] as const;

/** One dispute event; ACCEPT_RULING is weighted up so rulings actually complete. */
export const disputeEvent: fc.Arbitrary<DisputeMachineEvent> = fc.oneof(
  { arbitrary: fc.constantFrom(...simple).map((type) => ({ type })), weight: 3 },
  {
    arbitrary: fc.constantFrom(...PARTY_NAMES).map((by) => ({ type: 'ACCEPT_RULING' as const, by })),
    weight: 1,
  },
);

/** The parties of a dispute: usually two, sometimes none or three (`us` may be one). */
export const disputeParties: fc.Arbitrary<readonly string[]> = fc.uniqueArray(
  fc.constantFrom(...PARTY_NAMES.slice(0, 3)),
  { minLength: 0, maxLength: 3 },
);

/** Every dispute event, ACCEPT_RULING by each party name: the pool for steered runs and walks. */
export const DISPUTE_EVENTS: readonly DisputeMachineEvent[] = [
  ...simple.map((type) => ({ type })),
  ...PARTY_NAMES.map((by) => ({ type: 'ACCEPT_RULING' as const, by })),
];
