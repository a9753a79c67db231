/**
 * One instance per dispute raised in the cell.
 *
 * `raised → acknowledged → factFinding → settled`, or through the supervisor:
 * `mediation → ruling → ruled` once every party has accepted the ruling; a rejected ruling
 * or a failed mediation leaves the dispute `deadlocked`, from which it can go back to
 * mediation, be settled, withdrawn, or `escalated`. An open dispute can also be withdrawn,
 * lapse (nobody pursued it) or be escalated outright. Final states carry the outcome.
 */
import { assign, setup } from 'xstate';

export interface DisputeContext {
  /** The parties whose acceptance makes a ruling binding. */
  readonly parties: readonly string[];
  readonly accepted: readonly string[];
  /** Fact-finding reports received. */
  readonly findings: number;
}

export interface DisputeInput {
  readonly parties: readonly string[];
}

export type DisputeMachineEvent =
  | { type: 'ACK' }
  | { type: 'OPEN_FACT_FINDING' }
  | { type: 'REPORT_FINDINGS' }
  | { type: 'SETTLE' }
  | { type: 'REQUEST_MEDIATION' }
  | { type: 'RULE' }
  | { type: 'ACCEPT_RULING'; by: string }
  | { type: 'REJECT_RULING' }
  | { type: 'MEDIATION_FAILED' }
  | { type: 'ESCALATE' }
  | { type: 'WITHDRAW' }
  | { type: 'LAPSE' };

/** How a dispute ended, by final state. */
export const DISPUTE_OUTCOMES = {
  settled: 'settlement',
  ruled: 'ruling',
  withdrawn: 'withdrawal',
  lapsed: 'lapse',
  escalated: 'escalation',
} as const;
/** How a closed dispute ended (settlement, ruling, withdrawal, lapse, escalation). */
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[keyof typeof DISPUTE_OUTCOMES];

const open = {
  WITHDRAW: 'withdrawn',
  ESCALATE: 'escalated',
} as const;

/**
 * One dispute: `raised → acknowledged → factFinding → {settled | mediation → ruled |
 * deadlocked → escalated}`, or `withdrawn` / `lapsed`; the context records the parties,
 * findings and who accepted a ruling.
 */
export const disputeMachine = setup({
  types: {} as { context: DisputeContext; events: DisputeMachineEvent; input: DisputeInput },
  guards: {
    // A second acceptance, or one by someone outside the dispute, changes nothing: no transition.
    alreadyAccepted: ({ context, event }) =>
      event.type === 'ACCEPT_RULING' && (context.accepted.includes(event.by) || !context.parties.includes(event.by)),
    completesAcceptance: ({ context, event }) =>
      event.type === 'ACCEPT_RULING' &&
      context.parties.every((p) => p === event.by || context.accepted.includes(p)),
  },
  actions: {
    recordAcceptance: assign({
      accepted: ({ context, event }) =>
        event.type === 'ACCEPT_RULING' && !context.accepted.includes(event.by)
          ? [...context.accepted, event.by]
          : context.accepted,
    }),
    clearAcceptances: assign({ accepted: [] }),
    countFindings: assign({ findings: ({ context }) => context.findings + 1 }),
  },
}).createMachine({
  id: 'dispute',
  initial: 'raised',
  context: ({ input }) => ({ parties: input.parties, accepted: [], findings: 0 }),
  states: {
    raised: {
      on: {
        ACK: 'acknowledged',
        REQUEST_MEDIATION: 'mediation',
        SETTLE: 'settled',
        LAPSE: 'lapsed',
        ...open,
      },
    },
    acknowledged: {
      on: {
        OPEN_FACT_FINDING: 'factFinding',
        REQUEST_MEDIATION: 'mediation',
        SETTLE: 'settled',
        LAPSE: 'lapsed',
        ...open,
      },
    },
    factFinding: {
      on: {
        REPORT_FINDINGS: { actions: 'countFindings' },
        REQUEST_MEDIATION: 'mediation',
        SETTLE: 'settled',
        LAPSE: 'lapsed',
        ...open,
      },
    },
    mediation: {
      entry: 'clearAcceptances',
      on: {
        RULE: 'ruling',
        SETTLE: 'settled',
        MEDIATION_FAILED: 'deadlocked',
        ...open,
      },
    },
    ruling: {
      on: {
        ACCEPT_RULING: [
          { guard: 'alreadyAccepted' },
          { guard: 'completesAcceptance', target: 'ruled', actions: 'recordAcceptance' },
          { actions: 'recordAcceptance' },
        ],
        REJECT_RULING: 'deadlocked',
        ...open,
      },
    },
    deadlocked: {
      on: {
        REQUEST_MEDIATION: 'mediation',
        SETTLE: 'settled',
        ...open,
      },
    },
    settled: { type: 'final' },
    ruled: { type: 'final' },
    withdrawn: { type: 'final' },
    lapsed: { type: 'final' },
    escalated: { type: 'final' },
  },
});
