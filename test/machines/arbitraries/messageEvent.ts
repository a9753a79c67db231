/** Any event of the message machine. */
import fc from 'fast-check';
import type { MessageMachineEvent } from '../../../src/machines/message.js';

/** The message machine's event types, all of them. */
export const MESSAGE_EVENT_TYPES = ['DELIVER', 'LOSE', 'ACK', 'ANSWER', 'DEADLINE', 'REFER'] as const;

/** One message machine event. */
export const messageEvent: fc.Arbitrary<MessageMachineEvent> = fc
  .constantFrom(...MESSAGE_EVENT_TYPES)
  .map((type) => ({ type }));

/** Every message event: the pool for steered runs and exhaustive walks. */
export const MESSAGE_EVENTS: readonly MessageMachineEvent[] = MESSAGE_EVENT_TYPES.map((type) => ({ type }));
