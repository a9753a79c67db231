/** decide: disputes, from raising them to their outcome. */
import { describe, expect, it } from 'vitest';
import type { EventData } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import type { CommandType } from '../../src/core/commands.js';
import { command } from '../../src/core/commands.js';
import {
  activeCell,
  delivered,
  disputeAcknowledged,
  factFindingOpened,
  given,
  incident,
  mediationRequested,
  raisedDispute,
  ruled,
  rulingAccepted,
  rulingRejected,
  sentMessage,
  settled,
  RULES,
  started,
  T0,
  time,
  withdrawn,
} from './given.js';

type RaiseData = Omit<EventData<'DisputeRaised'>, 'respondBy'>;
const raise = (actor: string, over: Partial<RaiseData> = {}, at = T0) =>
  command('RaiseDispute', { actor, at }, { disputeId: 'd-1', against: 'israel', track: 'deescalation', ...over });
/** Dispute commands whose data can be just the dispute id. */
type OnDispute = Extract<
  CommandType,
  | 'AcknowledgeDispute'
  | 'OpenFactFinding'
  | 'ReachSettlement'
  | 'RequestMediation'
  | 'AcceptRuling'
  | 'RejectRuling'
  | 'EscalateDispute'
  | 'WithdrawDispute'
  | 'LapseDispute'
>;
const on = (type: OnDispute, actor: string, at = T0) => command(type, { actor, at }, { disputeId: 'd-1' });
const rule = (at = T0) => command('Rule', { actor: 'us', at }, { disputeId: 'd-1', ruling: 'withdraw to line B' });
const fail = () => command('FailMediation', { actor: 'us', at: T0 }, { disputeId: 'd-1', reason: 'no common ground' });
const overdue = (at: string, stage = 'raised') => command('MarkDisputeOverdue', { actor: 'sim', at }, { disputeId: 'd-1', stage });

const cell = [started(), activeCell()];
const raised = [...cell, raisedDispute('d-1', 'syria', 'israel')];
const inMediation = [...raised, mediationRequested('d-1', 'syria')];
const inRuling = [...inMediation, ruled('d-1')];
const closed = [...raised, withdrawn('d-1', 'syria')];

describe('decide: raising a dispute', () => {
  it('a party raises a dispute against another, which strains the track', () => {
    const s = given(cell).when(raise('syria')).then([raisedDispute('d-1', 'syria', 'israel')]);
    expect(s.disputes.get('d-1')).toMatchObject({ by: 'syria', against: 'israel', respondBy: time(168) });
    expect(s.cell?.machine.value).toMatchObject({ active: { deescalation: 'strained' } });
  });

  it('may be over a known incident or a known message', () => {
    given([...cell, incident('inc-1', 'israel', 'syria')]).when(raise('syria', { incidentId: 'inc-1' })).then([raisedDispute('d-1', 'syria', 'israel', 'inc-1')]);
    given([...cell, sentMessage('m-1', 'israel', 'syria')])
      .when(raise('syria', { messageId: 'm-1' }))
      .then([fact('DisputeRaised', { actor: 'syria', at: T0 }, { disputeId: 'd-1', against: 'israel', track: 'deescalation', respondBy: time(168), messageId: 'm-1' })]);
  });

  it('refuses a dispute over an unknown incident (UNKNOWN_INCIDENT) or message (UNKNOWN_MESSAGE)', () => {
    given(cell).when(raise('syria', { incidentId: 'inc-1' })).thenError('UNKNOWN_INCIDENT', /over unknown incident inc-1/);
    given(cell).when(raise('syria', { messageId: 'm-1' })).thenError('UNKNOWN_MESSAGE', /over unknown message m-1/);
  });

  it('refuses a dispute id already used (DUPLICATE_ID), even once the first is closed', () => {
    given(raised).when(raise('israel', { against: 'syria' })).thenError('DUPLICATE_ID', /d-1 already exists/);
    given(closed).when(raise('syria')).thenError('DUPLICATE_ID');
  });

  it('refuses a dispute against oneself, the supervisor or an unknown party (NOT_ALLOWED)', () => {
    given(cell).when(raise('syria', { against: 'syria' })).thenError('NOT_ALLOWED', /respondent "syria" must be another party/);
    given(cell).when(raise('syria', { against: 'us' })).thenError('NOT_ALLOWED');
    given(cell).when(raise('syria', { against: 'lebanon' })).thenError('NOT_ALLOWED');
  });

  it('gives the dispute the response deadline the recorded rules set, counted from when it is raised', () => {
    given(cell).when(raise('syria', {}, time(2))).then([raisedDispute('d-1', 'syria', 'israel', undefined, { at: time(2), respondBy: time(2 + 168) })]);
    const hourly = [started({ rules: { ...RULES, disputeResponseDeadline: 'PT1H' } }), activeCell()];
    given(hourly).when(raise('syria', {}, time(2))).then([raisedDispute('d-1', 'syria', 'israel', undefined, { at: time(2), respondBy: time(3) })]);
  });

  it('refuses a response deadline in the command: it follows from the rules (INVALID_DATA)', () => {
    const withDeadline = command('RaiseDispute', { actor: 'syria', at: T0 }, { disputeId: 'd-1', against: 'israel', track: 'deescalation', respondBy: time(1) } as RaiseData);
    given(cell).when(withDeadline).thenError('INVALID_DATA', /respondBy is not given: it follows from the mechanism's rules/);
  });

  it('cannot raise a dispute in a log that does not record its rules (NOT_RECORDED), rather than guess a deadline', () => {
    given([started({ rules: null }), activeCell()]).when(raise('syria')).thenError('NOT_RECORDED', /dispute response deadline .*cannot be computed/);
  });
});

describe('decide: who may act on a dispute', () => {
  it('only the respondent acknowledges it (NOT_ALLOWED for the claimant)', () => {
    const s = given(raised).when(on('AcknowledgeDispute', 'israel')).then([disputeAcknowledged('d-1', 'israel')]);
    expect(s.disputes.get('d-1')?.acknowledgedAt).toBe(T0);
    given(raised).when(on('AcknowledgeDispute', 'syria')).thenError('NOT_ALLOWED', /syria may not AcknowledgeDispute on d-1/);
  });

  it('only the claimant withdraws it (NOT_ALLOWED for the respondent)', () => {
    const s = given(raised).when(on('WithdrawDispute', 'syria')).then([withdrawn('d-1', 'syria')]);
    expect(s.disputes.get('d-1')?.outcome).toBe('withdrawal');
    given(raised).when(on('WithdrawDispute', 'israel')).thenError('NOT_ALLOWED');
  });

  it('either side requests mediation; a third party may not (NOT_ALLOWED)', () => {
    given(raised).when(on('RequestMediation', 'israel')).then([mediationRequested('d-1', 'israel')]);
    const three = [started({ parties: ['syria', 'israel', 'lebanon'] }), activeCell(), raisedDispute('d-1', 'syria', 'israel')];
    given(three).when(on('RequestMediation', 'lebanon')).thenError('NOT_ALLOWED', /lebanon may not RequestMediation/);
    given(three).when(on('EscalateDispute', 'lebanon')).thenError('NOT_ALLOWED');
  });

  it('refuses to act on an unknown dispute (UNKNOWN_DISPUTE)', () => {
    given(cell).when(on('AcknowledgeDispute', 'israel')).thenError('UNKNOWN_DISPUTE', /unknown dispute d-1/);
    given(cell).when(rule()).thenError('UNKNOWN_DISPUTE');
    given(cell).when(on('ReachSettlement', 'cell')).thenError('UNKNOWN_DISPUTE');
    given(cell).when(overdue(time(200))).thenError('UNKNOWN_DISPUTE');
  });
});

describe('decide: fact-finding and settlement', () => {
  it('the cell opens fact-finding on an acknowledged dispute, not on one merely raised (INVALID_TRANSITION)', () => {
    const s = given([...raised, disputeAcknowledged('d-1', 'israel')]).when(on('OpenFactFinding', 'cell')).then([factFindingOpened('d-1')]);
    expect(s.disputes.get('d-1')?.machine.value).toBe('factFinding');
    expect(s.counters.interventions).toBe(1);
    given(raised).when(on('OpenFactFinding', 'us')).thenError('INVALID_TRANSITION', /FactFindingOpened is not possible for d-1 \(raised\)/);
  });

  it('settles an open dispute, which closes it with a settlement', () => {
    const s = given([...raised, disputeAcknowledged('d-1', 'israel'), factFindingOpened('d-1')])
      .when(on('ReachSettlement', 'israel'))
      .then([settled('d-1', 'israel')]);
    expect(s.disputes.get('d-1')).toMatchObject({ outcome: 'settlement', closedAt: T0 });
    expect(s.openDisputes.deescalation).toBe(0);
  });
});

describe('decide: mediation and ruling', () => {
  it('refuses a ruling on a dispute not in mediation (NOT_IN_MEDIATION)', () => {
    given(raised).when(rule()).thenError('NOT_IN_MEDIATION', /cannot rule on d-1: it is raised, not in mediation/);
    given(inRuling).when(rule()).thenError('NOT_IN_MEDIATION', /it is ruling/);
    given(closed).when(rule()).thenError('NOT_IN_MEDIATION', /withdrawn/);
  });

  it('the supervisor rules on a dispute in mediation', () => {
    const s = given(inMediation).when(rule(time(1))).then([ruled('d-1', { at: time(1) })]);
    expect(s.disputes.get('d-1')).toMatchObject({ ruledAt: time(1), machine: { value: 'ruling' } });
  });

  it('a ruling binds once both parties accept it: the dispute closes as ruled', () => {
    const one = given(inRuling).when(on('AcceptRuling', 'israel')).then([rulingAccepted('d-1', 'israel')]);
    expect(one.disputes.get('d-1')?.machine.value).toBe('ruling');
    expect(one.disputes.get('d-1')?.closedAt).toBeUndefined();
    const both = given([...inRuling, rulingAccepted('d-1', 'israel')]).when(on('AcceptRuling', 'syria')).then([rulingAccepted('d-1', 'syria')]);
    expect(both.disputes.get('d-1')).toMatchObject({ outcome: 'ruling', closedAt: T0, machine: { value: 'ruled', status: 'done' } });
    expect(both.counters.disputesClosed).toBe(1);
  });

  it('a ruling cannot be accepted before it is given (INVALID_TRANSITION)', () => {
    given(inMediation).when(on('AcceptRuling', 'syria')).thenError('INVALID_TRANSITION', /RulingAccepted is not possible for d-1 \(mediation\)/);
  });

  it('a rejected ruling deadlocks the dispute, which can go back to mediation', () => {
    const s = given(inRuling).when(on('RejectRuling', 'israel')).then([rulingRejected('d-1', 'israel')]);
    expect(s.disputes.get('d-1')?.machine.value).toBe('deadlocked');
    const again = given([...inRuling, rulingRejected('d-1', 'israel')]).when(on('RequestMediation', 'syria')).then([mediationRequested('d-1', 'syria')]);
    // Acceptances of the earlier ruling do not carry over into the new mediation.
    expect(again.disputes.get('d-1')?.machine.context.accepted).toEqual([]);
  });

  it('the supervisor declares mediation failed, only while mediating (INVALID_TRANSITION otherwise)', () => {
    const s = given(inMediation)
      .when(fail())
      .then([fact('MediationFailed', { actor: 'us', at: T0 }, { disputeId: 'd-1', reason: 'no common ground' })]);
    expect(s.disputes.get('d-1')?.machine.value).toBe('deadlocked');
    given(raised).when(fail()).thenError('INVALID_TRANSITION', /MediationFailed/);
  });

  it('a deadlocked dispute is escalated by either party, at a cost on the ladder', () => {
    const s = given([...inRuling, rulingRejected('d-1', 'israel')])
      .when(on('EscalateDispute', 'israel'))
      .then([fact('DisputeEscalated', { actor: 'israel', at: T0 }, { disputeId: 'd-1' })]);
    expect(s.disputes.get('d-1')?.outcome).toBe('escalation');
    expect(s.ladder?.machine.context.pressure).toBe(8);
  });

  it('needs an active cell to rule (CELL_NOT_ACTIVE)', () => {
    given([...inMediation, fact('CellSuspended', { actor: 'israel', at: T0 }, { reason: 'strike' })])
      .when(rule())
      .thenError('CELL_NOT_ACTIVE');
  });
});

describe('decide: closed disputes', () => {
  const closings: ReadonlyArray<[string, Parameters<typeof given>[0]]> = [
    ['withdrawn', closed],
    ['settled', [...raised, settled('d-1', 'cell')]],
    ['ruled', [...inRuling, rulingAccepted('d-1', 'syria'), rulingAccepted('d-1', 'israel')]],
  ];
  for (const [outcome, history] of closings) {
    it(`refuses anything on a ${outcome} dispute (INVALID_TRANSITION)`, () => {
      given(history).when(on('AcknowledgeDispute', 'israel')).thenError('INVALID_TRANSITION', new RegExp(`\\(${outcome}\\)`));
      given(history).when(on('RequestMediation', 'syria')).thenError('INVALID_TRANSITION');
      given(history).when(on('WithdrawDispute', 'syria')).thenError('INVALID_TRANSITION');
      given(history).when(on('ReachSettlement', 'us')).thenError('INVALID_TRANSITION');
      given(history).when(on('EscalateDispute', 'israel')).thenError('INVALID_TRANSITION');
      given(history).when(on('LapseDispute', 'sim', time(200))).thenError('INVALID_TRANSITION');
      given(history).when(overdue(time(200))).thenError('INVALID_TRANSITION', /d-1 is closed/);
    });
  }
});

describe('decide: response deadline', () => {
  it('marks the deadline missed once respondBy has passed, and not before (DEADLINE_NOT_REACHED)', () => {
    const s = given(raised)
      .when(overdue(time(168)))
      .then([fact('DisputeDeadlineMissed', { actor: 'sim', at: time(168) }, { disputeId: 'd-1', stage: 'raised' })]);
    expect(s.disputes.get('d-1')?.deadlinesMissed).toBe(1);
    given(raised).when(overdue(time(167))).thenError('DEADLINE_NOT_REACHED', /d-1 is due at 2026-01-13T00:00:00Z/);
  });

  it('an unpursued dispute lapses, but a dispute in mediation cannot (INVALID_TRANSITION)', () => {
    const s = given(raised).when(on('LapseDispute', 'sim', time(200))).then([fact('DisputeLapsed', { actor: 'sim', at: time(200) }, { disputeId: 'd-1' })]);
    expect(s.disputes.get('d-1')?.outcome).toBe('lapse');
    given(inMediation).when(on('LapseDispute', 'cell', time(200))).thenError('INVALID_TRANSITION', /DisputeLapsed/);
  });

  it('only the clock marks a deadline missed (NOT_ALLOWED)', () => {
    given(raised).when(command('MarkDisputeOverdue', { actor: 'cell', at: time(200) }, { disputeId: 'd-1', stage: 'raised' })).thenError('NOT_ALLOWED');
  });
});

describe('decide: disputes need the cell', () => {
  it('a dispute over a delivered message is refused while the cell is suspended, and accepted after', () => {
    const h = [...cell, sentMessage('m-1', 'israel', 'syria'), delivered('m-1')];
    const suspended = [...h, fact('CellSuspended', { actor: 'us', at: T0 }, { reason: 'strike' })];
    given(suspended).when(raise('syria', { messageId: 'm-1' })).thenError('CELL_NOT_ACTIVE');
    given([...suspended, fact('CellResumed', { actor: 'us', at: T0 }, {})])
      .when(raise('syria', { messageId: 'm-1' }))
      .then([fact('DisputeRaised', { actor: 'syria', at: T0 }, { disputeId: 'd-1', against: 'israel', track: 'deescalation', respondBy: time(168), messageId: 'm-1' })]);
  });
});
