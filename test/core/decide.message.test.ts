/** decide: messages through the cell (send, deliver, acknowledge, answer, deadlines, referral). */
import { describe, expect, it } from 'vitest';
import type { EventData } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import {
  acknowledged,
  ackMissed,
  activeCell,
  answered,
  delivered,
  given,
  incident,
  lost,
  referred,
  sentMessage,
  RULES,
  started,
  T0,
  time,
} from './given.js';

type SendData = Omit<EventData<'MessageSent'>, 'ackBy'>;
const sendData = (over: Partial<SendData> = {}): SendData => ({
  messageId: 'm-1',
  to: 'israel',
  track: 'intelligence',
  kind: 'notification',
  ...over,
});
const send = (actor: string, over: Partial<SendData> = {}, at = T0) => command('SendMessage', { actor, at }, sendData(over));
const ack = (actor: string, at = time(1), messageId = 'm-1') => command('AcknowledgeMessage', { actor, at }, { messageId });
const answer = (actor: string, at = time(2)) => command('AnswerMessage', { actor, at }, { messageId: 'm-1' });
const overdue = (at: string) => command('MarkAckOverdue', { actor: 'sim', at }, { messageId: 'm-1' });

const cell = [started(), activeCell()];
const sent = [...cell, sentMessage('m-1', 'syria', 'israel')];
const inbox = [...sent, delivered('m-1')];

describe('decide: sending', () => {
  it('sends a message from one party to another on an open track', () => {
    const s = given(cell).when(send('syria')).then([sentMessage('m-1', 'syria', 'israel')]);
    expect(s.messages.get('m-1')).toMatchObject({ from: 'syria', to: 'israel', ackBy: time(24) });
    expect(s.cell?.machine.value).toMatchObject({ active: { intelligence: 'engaged' } });
  });

  it('lets a party write to the supervisor, and the supervisor to a party', () => {
    given(cell).when(send('syria', { to: 'us' })).then([fact('MessageSent', { actor: 'syria', at: T0 }, { ...sendData({ to: 'us' }), ackBy: time(24) })]);
    given(cell).when(send('us', { to: 'israel' })).then([fact('MessageSent', { actor: 'us', at: T0 }, { ...sendData(), ackBy: time(24) })]);
  });

  it('refuses a message id already used (DUPLICATE_ID)', () => {
    given(sent).when(send('israel', { to: 'syria' })).thenError('DUPLICATE_ID', /m-1 already exists/);
  });

  it('refuses a message to oneself, to an unknown party, or to the cell (NOT_ALLOWED)', () => {
    given(cell).when(send('syria', { to: 'syria' })).thenError('NOT_ALLOWED', /recipient "syria" must be another participant/);
    given(cell).when(send('syria', { to: 'lebanon' })).thenError('NOT_ALLOWED', /"lebanon"/);
    given(cell).when(send('syria', { to: 'cell' })).thenError('NOT_ALLOWED');
  });

  it('refuses a track that is not open in this cell (NOT_ALLOWED)', () => {
    given([started(), activeCell(['intelligence', 'deescalation'])])
      .when(send('syria', { track: 'commercial' }))
      .thenError('NOT_ALLOWED', /track commercial is not open/);
  });

  it('gives the message the acknowledgement deadline the recorded rules set, counted from when it is sent', () => {
    given(cell).when(send('syria', {}, time(2))).then([sentMessage('m-1', 'syria', 'israel', { at: time(2), ackBy: time(26) })]);
    const quick = [started({ rules: { ...RULES, ackDeadline: 'PT30M' } }), activeCell()];
    const s = given(quick).when(send('syria', {}, time(2))).then([sentMessage('m-1', 'syria', 'israel', { at: time(2), ackBy: time(2.5) })]);
    expect(s.messages.get('m-1')?.ackBy).toBe(time(2.5));
    // A zero deadline is due at once.
    given([started({ rules: { ...RULES, ackDeadline: 'PT0S' } }), activeCell()])
      .when(send('syria', {}, time(2)))
      .then([sentMessage('m-1', 'syria', 'israel', { at: time(2), ackBy: time(2) })]);
  });

  it('refuses an acknowledgement deadline in the command: it follows from the rules (INVALID_DATA)', () => {
    given(cell).when(send('syria', { ackBy: time(30) } as Partial<SendData>)).thenError('INVALID_DATA', /ackBy is not given: it follows from the mechanism's rules/);
  });

  it('cannot send a message in a log that does not record its rules (NOT_RECORDED), rather than guess a deadline', () => {
    given([started({ rules: null }), activeCell()]).when(send('syria')).thenError('NOT_RECORDED', /acknowledgement deadline .*cannot be computed/);
  });

  it('refuses a message about an unknown incident (UNKNOWN_INCIDENT), accepts one about a known incident', () => {
    given(cell).when(send('syria', { incidentId: 'inc-1' })).thenError('UNKNOWN_INCIDENT', /inc-1/);
    given([...cell, incident('inc-1', 'israel', 'syria')])
      .when(send('syria', { incidentId: 'inc-1' }))
      .then([sentMessage('m-1', 'syria', 'israel', { incidentId: 'inc-1' })]);
  });

  it('refuses a message from the world or the cell (NOT_ALLOWED)', () => {
    given(cell).when(send('world')).thenError('NOT_ALLOWED');
    given(cell).when(send('cell')).thenError('NOT_ALLOWED');
  });
});

describe('decide: delivery', () => {
  it('delivers or loses a sent message', () => {
    given(sent).when(command('DeliverMessage', { actor: 'cell', at: T0 }, { messageId: 'm-1' })).then([delivered('m-1')]);
    given(sent).when(command('LoseMessage', { actor: 'cell', at: T0 }, { messageId: 'm-1' })).then([lost('m-1')]);
  });

  it('refuses to deliver an unknown message (UNKNOWN_MESSAGE) or to deliver twice (INVALID_TRANSITION)', () => {
    given(cell).when(command('DeliverMessage', { actor: 'cell', at: T0 }, { messageId: 'm-9' })).thenError('UNKNOWN_MESSAGE', /m-9 was never sent/);
    given(inbox).when(command('DeliverMessage', { actor: 'cell', at: T0 }, { messageId: 'm-1' })).thenError('INVALID_TRANSITION', /\(delivered\)/);
    given([...sent, lost('m-1')]).when(command('DeliverMessage', { actor: 'cell', at: T0 }, { messageId: 'm-1' })).thenError('INVALID_TRANSITION');
  });
});

describe('decide: acknowledgement and answer', () => {
  it('the recipient acknowledges a delivered message, then answers it', () => {
    const s = given(inbox).when(ack('israel')).then([acknowledged('m-1', 'israel', { at: time(1) })]);
    expect(s.messages.get('m-1')?.machine.value).toBe('acknowledged');
    const after = given([...inbox, acknowledged('m-1', 'israel')]).when(answer('israel')).then([answered('m-1', 'israel', { at: time(2) })]);
    expect(after.messages.get('m-1')?.machine.value).toBe('answered');
  });

  it('refuses to acknowledge a message never sent (UNKNOWN_MESSAGE)', () => {
    given(cell).when(ack('israel')).thenError('UNKNOWN_MESSAGE', /m-1 was never sent/);
    given(cell).when(answer('israel')).thenError('UNKNOWN_MESSAGE');
  });

  it('refuses to acknowledge a message never received (MESSAGE_NOT_DELIVERED)', () => {
    given(sent).when(ack('israel')).thenError('MESSAGE_NOT_DELIVERED', /never received by israel/);
    given([...sent, lost('m-1')]).when(ack('israel')).thenError('MESSAGE_NOT_DELIVERED');
  });

  it('refuses an acknowledgement or answer by anyone but the recipient (NOT_ALLOWED)', () => {
    given(inbox).when(ack('syria')).thenError('NOT_ALLOWED', /only israel can acknowledge or answer m-1/);
    given(inbox).when(ack('us')).thenError('NOT_ALLOWED');
    given([...inbox, acknowledged('m-1', 'israel')]).when(answer('syria')).thenError('NOT_ALLOWED');
  });

  it('refuses an answer before the acknowledgement, and a second acknowledgement (INVALID_TRANSITION)', () => {
    given(inbox).when(answer('israel')).thenError('INVALID_TRANSITION', /MessageAnswered is not possible for m-1 \(delivered\)/);
    given([...inbox, acknowledged('m-1', 'israel')]).when(ack('israel')).thenError('INVALID_TRANSITION', /\(acknowledged\)/);
    given([...inbox, acknowledged('m-1', 'israel'), answered('m-1', 'israel')]).when(answer('israel')).thenError('INVALID_TRANSITION');
  });
});

describe('decide: acknowledgement deadline', () => {
  it('marks the acknowledgement overdue at the deadline, and not before it (DEADLINE_NOT_REACHED)', () => {
    const s = given(inbox).when(overdue(time(24))).then([ackMissed('m-1', { at: time(24) })]);
    expect(s.messages.get('m-1')?.machine.value).toBe('overdue');
    expect(s.counters.overdueAcks).toBe(1);
    given(inbox).when(overdue(time(23))).thenError('DEADLINE_NOT_REACHED', /m-1 is due at 2026-01-07T00:00:00Z/);
  });

  it('refuses to mark an unknown message overdue (UNKNOWN_MESSAGE), or one already acknowledged (INVALID_TRANSITION)', () => {
    given(cell).when(overdue(time(24))).thenError('UNKNOWN_MESSAGE');
    given([...inbox, acknowledged('m-1', 'israel')]).when(overdue(time(30))).thenError('INVALID_TRANSITION');
  });

  it('accepts a late acknowledgement of a delivered message after the deadline was missed', () => {
    given([...inbox, ackMissed('m-1', { at: time(24) })]).when(ack('israel', time(30))).then([acknowledged('m-1', 'israel', { at: time(30) })]);
  });

  it('refuses a late acknowledgement of a message never delivered (MESSAGE_NOT_DELIVERED), until it is delivered late', () => {
    const missed = [...sent, ackMissed('m-1', { at: time(24) })];
    given(missed).when(ack('israel', time(30))).thenError('MESSAGE_NOT_DELIVERED');
    given(missed).when(command('DeliverMessage', { actor: 'cell', at: time(25) }, { messageId: 'm-1' })).then([delivered('m-1', { at: time(25) })]);
    given([...missed, delivered('m-1', { at: time(25) })]).when(ack('israel', time(30))).then([acknowledged('m-1', 'israel', { at: time(30) })]);
  });

  it('refers an overdue message to the supervisor, but not one still on time (INVALID_TRANSITION)', () => {
    const missed = [...inbox, ackMissed('m-1', { at: time(24) })];
    const s = given(missed).when(command('ReferMessage', { actor: 'cell', at: time(25) }, { messageId: 'm-1' })).then([referred('m-1', { at: time(25) })]);
    expect(s.counters.referrals).toBe(1);
    given(inbox).when(command('ReferMessage', { actor: 'us', at: T0 }, { messageId: 'm-1' })).thenError('INVALID_TRANSITION', /MessageReferred/);
    given(cell).when(command('ReferMessage', { actor: 'us', at: T0 }, { messageId: 'm-1' })).thenError('UNKNOWN_MESSAGE');
  });

  it('accepts a late acknowledgement after referral', () => {
    given([...inbox, ackMissed('m-1', { at: time(24) }), referred('m-1', { at: time(25) })])
      .when(ack('israel', time(26)))
      .then([acknowledged('m-1', 'israel', { at: time(26) })]);
  });

  it('needs an active cell to refer a message (CELL_NOT_ACTIVE), but not to acknowledge one', () => {
    const suspended = [...inbox, ackMissed('m-1', { at: time(24) }), fact('CellSuspended', { actor: 'us', at: time(24) }, { reason: 'strike' })];
    given(suspended).when(command('ReferMessage', { actor: 'cell', at: time(25) }, { messageId: 'm-1' })).thenError('CELL_NOT_ACTIVE');
    given(suspended).when(ack('israel', time(25))).then([acknowledged('m-1', 'israel', { at: time(25) })]);
  });
});
