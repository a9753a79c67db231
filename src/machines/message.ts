/**
 * One instance per message passed through the cell.
 *
 * `sent → delivered → acknowledged → answered`, or `lost`. When the acknowledgement deadline
 * elapses first (recorded as an `AckDeadlineMissed` event) the message is `overdue`, and the
 * cell may refer it to the supervisor. The deadline runs on what the sender can know: a lost
 * message looks to its sender like one that is not acknowledged, so it goes `overdue` at its
 * deadline like any other (`lost → overdue`). A late acknowledgement is still possible from
 * `overdue` or `referred`, but never of a message that was not delivered; a message that is
 * lost after its deadline stays `overdue` or `referred`, marked lost.
 */
import { assign, setup } from 'xstate';

export interface MessageContext {
  /** Delivery can happen after the deadline, so it is tracked apart from the state. */
  readonly delivered: boolean;
  /** Loss too: a lost message still goes overdue at its deadline. */
  readonly lost: boolean;
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
    inTransit: ({ context }) => !context.delivered && !context.lost,
  },
  actions: {
    markDelivered: assign({ delivered: true }),
    markLost: assign({ lost: true }),
  },
}).createMachine({
  id: 'message',
  initial: 'sent',
  context: { delivered: false, lost: false },
  states: {
    sent: {
      on: {
        DELIVER: { target: 'delivered', actions: 'markDelivered' },
        LOSE: { target: 'lost', actions: 'markLost' },
        DEADLINE: 'overdue',
      },
    },
    delivered: {
      on: { ACK: 'acknowledged', DEADLINE: 'overdue' },
    },
    // The sender cannot tell a lost message from an unanswered one: its deadline still runs.
    lost: {
      on: { DEADLINE: 'overdue' },
    },
    overdue: {
      on: {
        DELIVER: { guard: 'inTransit', actions: 'markDelivered' },
        LOSE: { guard: 'inTransit', actions: 'markLost' },
        ACK: { guard: 'wasDelivered', target: 'acknowledged' },
        REFER: 'referred',
      },
    },
    referred: {
      on: {
        DELIVER: { guard: 'inTransit', actions: 'markDelivered' },
        LOSE: { guard: 'inTransit', actions: 'markLost' },
        ACK: { guard: 'wasDelivered', target: 'acknowledged' },
      },
    },
    acknowledged: {
      on: { ANSWER: 'answered' },
    },
    answered: { type: 'final' },
  },
});
