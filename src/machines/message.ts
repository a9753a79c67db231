/**
 * One instance per message passed through the cell.
 *
 * `sent → delivered → acknowledged → answered`, or `lost`. When the acknowledgement deadline
 * elapses first (recorded as an `AckDeadlineMissed` event) the message is `overdue`, and the
 * cell may refer it to the supervisor. A late acknowledgement is still possible from
 * `overdue` or `referred`, but never of a message that was not delivered.
 */
import { assign, setup } from 'xstate';

export interface MessageContext {
  /** Delivery can happen after the deadline, so it is tracked apart from the state. */
  readonly delivered: boolean;
}

export type MessageMachineEvent =
  | { type: 'DELIVER' }
  | { type: 'LOSE' }
  | { type: 'ACK' }
  | { type: 'ANSWER' }
  | { type: 'DEADLINE' }
  | { type: 'REFER' };

/**
 * One message: `sent → delivered → acknowledged → answered`, or `lost`; past its
 * acknowledgement deadline `overdue`, then `referred` to the supervisor.
 */
export const messageMachine = setup({
  types: {} as { context: MessageContext; events: MessageMachineEvent },
  guards: {
    wasDelivered: ({ context }) => context.delivered,
    notYetDelivered: ({ context }) => !context.delivered,
  },
  actions: {
    markDelivered: assign({ delivered: true }),
  },
}).createMachine({
  id: 'message',
  initial: 'sent',
  context: { delivered: false },
  states: {
    sent: {
      on: {
        DELIVER: { target: 'delivered', actions: 'markDelivered' },
        LOSE: 'lost',
        DEADLINE: 'overdue',
      },
    },
    delivered: {
      on: { ACK: 'acknowledged', DEADLINE: 'overdue' },
    },
    overdue: {
      on: {
        DELIVER: { guard: 'notYetDelivered', actions: 'markDelivered' },
        ACK: { guard: 'wasDelivered', target: 'acknowledged' },
        REFER: 'referred',
        LOSE: 'lost',
      },
    },
    referred: {
      on: {
        DELIVER: { guard: 'notYetDelivered', actions: 'markDelivered' },
        ACK: { guard: 'wasDelivered', target: 'acknowledged' },
        LOSE: 'lost',
      },
    },
    acknowledged: {
      on: { ANSWER: 'answered' },
    },
    answered: { type: 'final' },
    lost: { type: 'final' },
  },
});
