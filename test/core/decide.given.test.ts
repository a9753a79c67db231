/** The decider specification helper fails loudly when a specification is wrong. */
import { describe, expect, it } from 'vitest';
import { command } from '../../src/core/commands.js';
import { activeCell, acknowledged, delivered, given, sentMessage, started, T0, time } from './given.js';

const ack = command('AcknowledgeMessage', { actor: 'israel', at: time(1) }, { messageId: 'm-1' });

describe('given/when/then', () => {
  it('refuses a history the machines reject, naming the event', () => {
    expect(() => given([started(), activeCell(), acknowledged('m-1', 'israel')])).toThrow(/given: MessageAcknowledged \(seq 5\) does not fold/);
  });

  it('numbers facts in order, and keeps the seq of recorded events', () => {
    const first = started();
    const s = given([{ ...first, seq: 1 }, activeCell()]).state;
    expect(s.seq).toBe(4);
    expect(() => given([{ ...first, seq: 2 }])).toThrow(/does not fold/);
  });

  it('then fails on a refusal, and on facts other than the expected ones', () => {
    const sent = [started(), activeCell(), sentMessage('m-1', 'syria', 'israel')];
    expect(() => given(sent).when(ack).then([])).toThrow(/decide refused it: MESSAGE_NOT_DELIVERED/);
    expect(() => given([...sent, delivered('m-1')]).when(ack).then([acknowledged('m-1', 'israel', { at: T0 })])).toThrow();
  });

  it('thenError fails on an acceptance, on another code and on another message', () => {
    const inbox = [started(), activeCell(), sentMessage('m-1', 'syria', 'israel'), delivered('m-1')];
    expect(() => given(inbox).when(ack).thenError('NOT_ALLOWED')).toThrow(/decide accepted it/);
    const sent = inbox.slice(0, -1);
    expect(() => given(sent).when(ack).thenError('NOT_ALLOWED')).toThrow();
    expect(() => given(sent).when(ack).thenError('MESSAGE_NOT_DELIVERED', /was lost/)).toThrow();
    expect(given(sent).when(ack).thenError('MESSAGE_NOT_DELIVERED', /never received/).code).toBe('MESSAGE_NOT_DELIVERED');
  });
});
