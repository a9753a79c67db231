/**
 * decide: a party's retaliation plans — planned against the side it blames, held while its
 * dispute over the incident is open, called off on a clarification or a peaceful end of that
 * dispute, carried out as planned — and the consequential misunderstandings they define.
 */
import { describe, expect, it } from 'vitest';
import type { EventData } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import {
  activeCell,
  disputeAcknowledged,
  given,
  incident,
  observed,
  raisedDispute,
  settled,
  started,
  T0,
  time,
} from './given.js';

const DUE = time(12);
const plan = (actor: string, against: string, at = T0, due = DUE) =>
  command('PlanRetaliation', { actor, at }, { incidentId: 'inc-1', against, due });
const planned = (actor: string, against: string, at = T0, due = DUE) =>
  fact('RetaliationPlanned', { actor, at }, { incidentId: 'inc-1', against, due });
const hold = (actor: string, at: string, disputeId = 'd-1') => command('HoldRetaliation', { actor, at }, { incidentId: 'inc-1', disputeId });
const callOff = (actor: string, at: string, data: Partial<EventData<'RetaliationCalledOff'>> = {}) =>
  command('CallOffRetaliation', { actor, at }, { incidentId: 'inc-1', reason: 'clarified', ...data });
const clarified = (at: string) => fact('IncidentClarified', { actor: 'cell', at }, { incidentId: 'inc-1', party: 'syria', attributedTo: 'world' });
const retaliate = (at: string, against = 'israel') =>
  command('RecordIncident', { actor: 'syria', at }, { ...incident('inc-2', 'syria', against, 'inc-1').data });

/** An armed group's attack that Syria blames on Israel, in a run with the cell. */
const blamed = [started(), activeCell(), incident('inc-1', 'world', 'syria'), observed('inc-1', 'syria', 'israel')];
const planning = [...blamed, planned('syria', 'israel')];

describe('decide: retaliation plans', () => {
  it('a party plans a retaliation against the side it blamed', () => {
    const s = given(blamed).when(plan('syria', 'israel')).then([planned('syria', 'israel')]);
    expect(s.incidents.get('inc-1')?.plans.syria).toMatchObject({ against: 'israel', due: DUE, status: 'pending' });
  });

  it('needs no cell: parties plan retaliation in the counterfactual too', () => {
    const history = [started({ mechanism: false }), incident('inc-1', 'world', 'syria'), observed('inc-1', 'syria', 'israel')];
    given(history).when(plan('syria', 'israel')).then([planned('syria', 'israel')]);
  });

  it('refuses a plan against anyone but the party it blames, by a party that did not observe it, or twice', () => {
    given(blamed).when(plan('syria', 'world')).thenError('NOT_ALLOWED', /aimed at the party it blames/);
    given([...blamed.slice(0, 3), observed('inc-1', 'syria', 'world')]).when(plan('syria', 'israel')).thenError('NOT_ALLOWED', /blames world/);
    given(blamed).when(plan('israel', 'syria')).thenError('NOT_ALLOWED', /has not observed/);
    given(planning).when(plan('syria', 'israel')).thenError('DUPLICATE_ID', /already/);
    given(blamed).when(plan('syria', 'israel', time(2), time(1))).thenError('INVALID_DATA', /before the plan/);
    given(blamed).when(plan('us', 'israel')).thenError('NOT_ALLOWED', /a supervisor/);
  });

  it('a clarification while the plan is pending is a consequential misunderstanding caught; the party calls it off', () => {
    const s = given([...planning, clarified(time(1))])
      .when(callOff('syria', time(1)))
      .then([fact('RetaliationCalledOff', { actor: 'syria', at: time(1) }, { incidentId: 'inc-1', reason: 'clarified' })]);
    expect(s.counters).toMatchObject({ misunderstandingsCaught: 1, consequentialMisunderstandingsCaught: 1 });
    expect(s.incidents.get('inc-1')?.plans.syria).toMatchObject({ status: 'calledOff', reason: 'clarified', endedAt: time(1) });
  });

  it('a clarification with no retaliation planned is a misunderstanding caught, not a consequential one', () => {
    const s = given([...blamed, clarified(time(1))]).when(plan('syria', 'israel', time(1))).then([planned('syria', 'israel', time(1))]);
    expect(s.counters).toMatchObject({ misunderstandingsCaught: 1, consequentialMisunderstandingsCaught: 0 });
  });

  it('refuses to call off on a clarification nobody gave, or a plan already called off', () => {
    given(planning).when(callOff('syria', time(1))).thenError('NOT_ALLOWED', /nobody has told syria/);
    const off = fact('RetaliationCalledOff', { actor: 'syria', at: time(1) }, { incidentId: 'inc-1', reason: 'clarified' });
    given([...planning, clarified(time(1)), off]).when(callOff('syria', time(2))).thenError('INVALID_TRANSITION', /neither carried out nor called off/);
  });

  it('holds a due retaliation while the party’s dispute over the incident is open, and calls it off once settled', () => {
    const disputed = [...planning, raisedDispute('d-1', 'syria', 'israel', 'inc-1', { at: time(1) }), disputeAcknowledged('d-1', 'israel', { at: time(2) })];
    given(disputed).when(hold('syria', time(6))).thenError('DEADLINE_NOT_REACHED', /due at/);
    const heldFact = fact('RetaliationHeld', { actor: 'syria', at: DUE }, { incidentId: 'inc-1', disputeId: 'd-1' });
    const s = given(disputed).when(hold('syria', DUE)).then([heldFact]);
    expect(s.incidents.get('inc-1')?.plans.syria).toMatchObject({ status: 'held', heldAt: DUE });
    given([...disputed, heldFact]).when(callOff('syria', time(13), { reason: 'resolved', disputeId: 'd-1' })).thenError('INVALID_TRANSITION', /settled, ruled on or withdrawn/);
    given([...disputed, heldFact, settled('d-1', 'cell', { at: time(13) })])
      .when(callOff('syria', time(13), { reason: 'resolved', disputeId: 'd-1' }))
      .then([fact('RetaliationCalledOff', { actor: 'syria', at: time(13) }, { incidentId: 'inc-1', reason: 'resolved', disputeId: 'd-1' })]);
  });

  it('refuses to hold for a dispute the party did not raise over this incident', () => {
    const other = [...planning, incident('inc-9', 'world', 'syria'), raisedDispute('d-1', 'syria', 'israel', 'inc-9')];
    given(other).when(hold('syria', DUE)).thenError('UNKNOWN_DISPUTE', /not a dispute syria raised over inc-1/);
  });

  it('a retaliation carries the plan out: once due, against the side planned, and never after it was called off', () => {
    given(planning).when(retaliate(time(6))).thenError('DEADLINE_NOT_REACHED', /due at/);
    given(planning).when(retaliate(DUE, 'us')).thenError('NOT_ALLOWED');
    const s = given(planning).when(retaliate(DUE)).then([fact('IncidentOccurred', { actor: 'syria', at: DUE }, incident('inc-2', 'syria', 'israel', 'inc-1').data)]);
    expect(s.incidents.get('inc-1')?.plans.syria).toMatchObject({ status: 'executed', endedAt: DUE });
    expect(s.counters.accidentalEscalations).toBe(1);
    const off = fact('RetaliationCalledOff', { actor: 'syria', at: time(1) }, { incidentId: 'inc-1', reason: 'clarified' });
    given([...planning, clarified(time(1)), off]).when(retaliate(DUE)).thenError('INVALID_TRANSITION', /called off already/);
  });
});
