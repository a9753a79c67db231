/**
 * decide: a run's parameters change from an instant on (`parley fork`): only the simulator
 * records it, before the end, with rules that name known actors; from then on deadlines
 * follow the new rules, and what was recorded before keeps the deadline it was given.
 */
import { describe, expect, it } from 'vitest';
import type { EventData, MechanismRules } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { activeCell, given, RULES, sentMessage, simulationEnded, started, T0, time } from './given.js';

const FAST: MechanismRules = { ...RULES, ackDeadline: 'PT6H', disputeResponseDeadline: 'P2D' };
const data = (rules = FAST): EventData<'ParametersChanged'> => ({ overrides: [{ path: 'mechanism.ackDeadline', value: 'PT6H' }], timeline: [], seed: 7, rules });
const change = (actor = 'sim', at = time(1), rules = FAST) => command('ChangeParameters', { actor, at }, data(rules));
const changed = (at = time(1)) => fact('ParametersChanged', { actor: 'sim', at }, data());
const cell = [started(), ...activeCell()];

describe('decide: parameters changed mid-run', () => {
  it('the simulator records the change; the rules decide deadlines by are the new ones from then on', () => {
    const before = sentMessage('m-1', 'syria', 'israel');
    const s = given([...cell, before]).when(change()).then([changed()]);
    expect(s.meta?.rules).toEqual(FAST);
    // The first event's own record stays as it was.
    expect(started().data.rules).toEqual(RULES);
    given([...cell, before, changed()])
      .when(command('SendMessage', { actor: 'syria', at: time(2) }, { messageId: 'm-2', to: 'israel', track: 'intelligence', kind: 'notification' }))
      .then([sentMessage('m-2', 'syria', 'israel', { at: time(2), ackBy: time(8) })]);
    expect(s.messages.get('m-1')?.ackBy).toBe(time(24));
  });

  it('nobody else may change the parameters', () => {
    for (const actor of ['syria', 'us', 'cell', 'world']) given(cell).when(change(actor)).thenError('NOT_ALLOWED', /\[ChangeParameters\] a \w+ \(\w+\) may not do this/);
  });

  it('not after the run ended, nor with suspension rules that name a stranger', () => {
    given([...cell, simulationEnded()]).when(change('sim', time(2))).thenError('ENDED');
    given(cell)
      .when(change('sim', time(1), { ...FAST, suspension: { ...FAST.suspension, by: ['atlantis'] } }))
      .thenError('INVALID_DATA', /rules\.suspension\.by names "atlantis"/);
  });

  it('the change is checked against its schema: a timeline entry is a JSON object', () => {
    given(cell)
      .when(command('ChangeParameters', { actor: 'sim', at: T0 }, { ...data(), timeline: ['not an entry'] }))
      .thenError('INVALID_DATA', /timeline\[0\]: expected a timeline entry as a JSON object/);
  });
});
