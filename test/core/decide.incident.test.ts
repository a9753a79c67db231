/** decide: incidents, how parties see them, the cell clearing misattributions, de-escalation steps. */
import { describe, expect, it } from 'vitest';
import type { EventData } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { activeCell, cellSuspended, deescalationStep, given, incident, observed, started, T0 } from './given.js';

const record = (actor: string, data: EventData<'IncidentOccurred'>) => command('RecordIncident', { actor, at: T0 }, data);
/** The command that would record `incident(...)`'s fact. */
const occur = (incidentId: string, actor: string, against: string, retaliationFor?: string) =>
  record(actor, incident(incidentId, actor, against, retaliationFor).data);
const observe = (actor: string, attributedTo: string, incidentId = 'inc-1') =>
  command('ObserveIncident', { actor, at: T0 }, { incidentId, attributedTo, severity: 0.5 });
const clarify = (actor: string, data: Partial<EventData<'IncidentClarified'>> = {}) =>
  command('ClarifyIncident', { actor, at: T0 }, { incidentId: 'inc-1', party: 'syria', attributedTo: 'world', ...data });
const takeStep = (actor: string, stepId = 'step-1') =>
  command('TakeDeescalationStep', { actor, at: T0 }, deescalationStep(stepId, actor).data);

const run = [started()];
const struck = [started(), incident('inc-1', 'israel', 'syria')];

describe('decide: incidents', () => {
  it('records an incident by one party against another, and it raises the pressure', () => {
    const s = given(run).when(occur('inc-1', 'israel', 'syria')).then([incident('inc-1', 'israel', 'syria')]);
    expect(s.incidents.get('inc-1')).toMatchObject({ by: 'israel', against: 'syria' });
    expect(s.ladder?.machine.context.pressure).toBeCloseTo(3.6);
  });

  it('needs no cell: incidents happen with the mechanism switched off', () => {
    given([started({ mechanism: false })]).when(occur('inc-1', 'israel', 'syria')).then([incident('inc-1', 'israel', 'syria')]);
  });

  it('refuses an incident id already used (DUPLICATE_ID)', () => {
    given(struck).when(occur('inc-1', 'syria', 'israel')).thenError('DUPLICATE_ID', /inc-1 already exists/);
  });

  it('refuses an incident against oneself, the supervisor or an unknown party (NOT_ALLOWED)', () => {
    given(run).when(occur('inc-1', 'syria', 'syria')).thenError('NOT_ALLOWED', /target "syria" must be another party/);
    given(run).when(occur('inc-1', 'syria', 'us')).thenError('NOT_ALLOWED', /"us"/);
    given(run).when(occur('inc-1', 'syria', 'lebanon')).thenError('NOT_ALLOWED');
  });

  it('refuses an incident recorded by the supervisor or the cell (NOT_ALLOWED)', () => {
    given(run).when(occur('inc-1', 'us', 'syria')).thenError('NOT_ALLOWED', /a supervisor/);
    given([started(), activeCell()]).when(occur('inc-1', 'cell', 'syria')).thenError('NOT_ALLOWED', /a cell/);
  });

  it('records a retaliation for a known incident, and refuses one for an unknown incident (UNKNOWN_INCIDENT)', () => {
    const s = given(struck).when(occur('inc-2', 'syria', 'israel', 'inc-1')).then([incident('inc-2', 'syria', 'israel', 'inc-1')]);
    expect(s.incidents.get('inc-1')?.retaliatedBy).toEqual(['syria']);
    expect(s.counters.retaliations).toBe(1);
    given(run).when(occur('inc-2', 'syria', 'israel', 'inc-1')).thenError('UNKNOWN_INCIDENT', /retaliation for unknown incident inc-1/);
  });
});

describe('decide: observations', () => {
  it('a party observes a known incident, attributing it to a party or to the world', () => {
    const s = given(struck).when(observe('syria', 'israel')).then([observed('inc-1', 'syria', 'israel')]);
    expect(s.incidents.get('inc-1')?.observations.syria?.attributedTo).toBe('israel');
    given(struck).when(observe('syria', 'world')).then([observed('inc-1', 'syria', 'world')]);
  });

  it('refuses to observe an unknown incident (UNKNOWN_INCIDENT)', () => {
    given(run).when(observe('syria', 'israel')).thenError('UNKNOWN_INCIDENT', /unknown inc-1/);
  });

  it('refuses an attribution to someone who is not a party or the world (NOT_ALLOWED)', () => {
    given(struck).when(observe('syria', 'us')).thenError('NOT_ALLOWED', /cannot attribute to "us"/);
    given(struck).when(observe('syria', 'lebanon')).thenError('NOT_ALLOWED');
  });

  it('only a party observes (NOT_ALLOWED for the supervisor)', () => {
    given(struck).when(observe('us', 'israel')).thenError('NOT_ALLOWED', /a supervisor/);
  });
});

describe('decide: clarification', () => {
  const seen = [started(), activeCell(), incident('inc-1', 'world', 'syria'), observed('inc-1', 'syria', 'israel')];

  it('the cell clears a misattribution, and that counts as a misunderstanding caught', () => {
    const s = given(seen)
      .when(clarify('cell'))
      .then([fact('IncidentClarified', { actor: 'cell', at: T0 }, { incidentId: 'inc-1', party: 'syria', attributedTo: 'world' })]);
    expect(s.incidents.get('inc-1')?.clarified).toEqual({ syria: T0 });
    expect(s.counters.misunderstandingsCaught).toBe(1);
  });

  it('refuses to clarify an unknown incident (UNKNOWN_INCIDENT) or for a non-party (NOT_ALLOWED)', () => {
    given([started(), activeCell()]).when(clarify('us')).thenError('UNKNOWN_INCIDENT');
    given(seen).when(clarify('us', { party: 'us' })).thenError('NOT_ALLOWED', /"us" is not a party/);
  });

  it('needs an active cell (NO_MECHANISM without one, CELL_NOT_ACTIVE while suspended)', () => {
    given([started({ mechanism: false }), incident('inc-1', 'world', 'syria')]).when(clarify('us')).thenError('NO_MECHANISM');
    given([...seen, cellSuspended('israel')]).when(clarify('cell')).thenError('CELL_NOT_ACTIVE');
  });

  it('a party cannot clarify (NOT_ALLOWED)', () => {
    given(seen).when(clarify('israel')).thenError('NOT_ALLOWED');
  });
});

describe('decide: de-escalation steps', () => {
  it('a party or the supervisor takes a step, and it relieves pressure', () => {
    const s = given(struck).when(takeStep('israel')).then([deescalationStep('step-1', 'israel')]);
    expect(s.ladder?.machine.context.pressure).toBe(0);
    expect(s.counters.deescalationSteps).toBe(1);
    given(run).when(takeStep('us')).then([deescalationStep('step-1', 'us')]);
  });

  it('refuses a step id already used (DUPLICATE_ID)', () => {
    given([started(), deescalationStep('step-1', 'syria')]).when(takeStep('israel')).thenError('DUPLICATE_ID', /step step-1 exists/);
  });

  it('refuses a step taken by the world (NOT_ALLOWED)', () => {
    given(run).when(takeStep('world')).thenError('NOT_ALLOWED');
  });
});
