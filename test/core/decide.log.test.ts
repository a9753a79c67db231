/** decide: the rules every command passes first (log started, not ended, time, actor, role, data). */
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { activeCell, given, incident, simulationEnded, started, T0, time } from './given.js';

const step = (actor: string, at: string, stepId = 'step-1') =>
  command('TakeDeescalationStep', { actor, at }, { stepId, kind: 'hotline-call', cameo: '087', weight: 9 });
const stepTaken = (actor: string, at: string, stepId = 'step-1') =>
  fact('DeescalationStepTaken', { actor, at }, { stepId, kind: 'hotline-call', cameo: '087', weight: 9 });

describe('decide: the log', () => {
  it('starts an empty log with exactly the LogStarted it was given', () => {
    const first = started();
    const s = given([]).when(command('StartLog', { actor: 'sim', at: T0 }, first.data)).then([first]);
    expect(s.meta?.supervisor.id).toBe('us');
    expect(s.seq).toBe(1);
  });

  it('refuses to start a log twice (ALREADY_STARTED)', () => {
    given([started()])
      .when(command('StartLog', { actor: 'sim', at: T0 }, started().data))
      .thenError('ALREADY_STARTED', /already started/);
  });

  it('refuses anything before StartLog (NOT_STARTED)', () => {
    given([]).when(step('syria', T0)).thenError('NOT_STARTED', /TakeDeescalationStep before the log started/);
    given([]).when(command('ProposeCell', { actor: 'us', at: T0 }, { tracks: ['intelligence'] })).thenError('NOT_STARTED');
  });

  it('ends the simulation, and refuses anything after it (ENDED)', () => {
    const s = given([started()])
      .when(command('EndSimulation', { actor: 'sim', at: time(1) }, { reason: 'horizon' }))
      .then([simulationEnded({ at: time(1) })]);
    expect(s.ended).toBe(true);
    given([started(), simulationEnded()]).when(step('syria', time(1))).thenError('ENDED', /after the simulation ended/);
    given([started(), simulationEnded()])
      .when(command('EndSimulation', { actor: 'sim', at: time(1) }, { reason: 'stopped' }))
      .thenError('ENDED');
  });

  it('accepts a command at the same instant as the last event, and refuses one before it (TIME_BACKWARDS)', () => {
    given([started(), stepTaken('israel', time(5), 'step-0')]).when(step('syria', time(5))).then([stepTaken('syria', time(5))]);
    given([started(), stepTaken('israel', time(5), 'step-0')])
      .when(step('syria', time(4)))
      .thenError('TIME_BACKWARDS', /before the last event \(2026-01-06T05:00:00Z\)/);
  });

  it('refuses an actor who is neither a party, the supervisor, the cell, the world nor the clock (UNKNOWN_ACTOR)', () => {
    given([started()]).when(step('lebanon', T0)).thenError('UNKNOWN_ACTOR', /"lebanon"/);
  });

  it('refuses a role that may not issue the command (NOT_ALLOWED)', () => {
    const h = [started(), activeCell()];
    // Only the supervisor rules; only parties raise disputes; only the clock ends the run.
    given(h).when(command('Rule', { actor: 'syria', at: T0 }, { disputeId: 'd-1', ruling: 'no' })).thenError('NOT_ALLOWED', /a party \(syria\)/);
    given(h)
      .when(command('RaiseDispute', { actor: 'us', at: T0 }, { disputeId: 'd-1', against: 'israel', track: 'deescalation' }))
      .thenError('NOT_ALLOWED', /a supervisor \(us\)/);
    given(h).when(command('EndSimulation', { actor: 'us', at: T0 }, { reason: 'stopped' })).thenError('NOT_ALLOWED');
    given(h).when(command('DeliverMessage', { actor: 'israel', at: T0 }, { messageId: 'm-1' })).thenError('NOT_ALLOWED');
    given(h).when(command('MarkAckOverdue', { actor: 'cell', at: T0 }, { messageId: 'm-1' })).thenError('NOT_ALLOWED');
    given(h)
      .when(command('ObserveIncident', { actor: 'world', at: T0 }, { incidentId: 'inc-1', attributedTo: 'syria', severity: 1 }))
      .thenError('NOT_ALLOWED', /a world/);
    given(h).when(command('AcknowledgeDispute', { actor: 'cell', at: T0 }, { disputeId: 'd-1' })).thenError('NOT_ALLOWED');
  });

  it('lets the world record an exogenous incident against a party', () => {
    const f = incident('inc-1', 'world', 'syria');
    given([started()]).when(command('RecordIncident', { actor: 'world', at: T0 }, f.data)).then([f]);
  });

  it('refuses data that breaks the event schema (INVALID_DATA), naming the field', () => {
    given([started()]).when(step('syria', T0, 'bad id!')).thenError('INVALID_DATA', /data\.stepId: "bad id!" is not a valid id/);
    given([started()]).when(step('syria', T0, 'constructor')).thenError('INVALID_DATA', /reserved/);
    given([started(), activeCell()])
      .when(command('ProposeCell', { actor: 'us', at: T0 }, { tracks: [] }))
      .thenError('INVALID_DATA', /data\.tracks/);
    const extra = { stepId: 'step-1', kind: 'k', cameo: '087', weight: 9, secret: true } as never;
    given([started()]).when(command('TakeDeescalationStep', { actor: 'syria', at: T0 }, extra)).thenError('INVALID_DATA');
    const heavy = { stepId: 'step-1', kind: 'k', cameo: '087', weight: 11 };
    given([started()]).when(command('TakeDeescalationStep', { actor: 'syria', at: T0 }, heavy)).thenError('INVALID_DATA', /data\.weight/);
  });

  it('refuses a command whose time is not an ISO-8601 UTC instant (INVALID_DATA)', () => {
    given([started()]).when(step('syria', '2026-01-06 00:00')).thenError('INVALID_DATA', /at: not an ISO-8601 UTC instant/);
    given([started()]).when(step('syria', '2026-02-30T00:00:00Z')).thenError('INVALID_DATA');
  });

  it('checks the data before the log state, so a malformed StartLog is INVALID_DATA, not ALREADY_STARTED', () => {
    given([started()])
      .when(command('StartLog', { actor: 'sim', at: T0 }, { ...started().data, seed: -1 }))
      .thenError('INVALID_DATA', /data\.seed/);
  });

  it('copies the cause of a command onto the fact', () => {
    const h = [started(), incident('inc-1', 'israel', 'syria')];
    const cmd = command('TakeDeescalationStep', { actor: 'israel', at: T0, cause: 2 }, { stepId: 'step-1', kind: 'k', cameo: '087', weight: 9 });
    given(h).when(cmd).then([fact('DeescalationStepTaken', { actor: 'israel', at: T0, cause: 2 }, cmd.data)]);
  });
});
