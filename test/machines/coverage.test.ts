/**
 * Every state and every transition of every machine is reachable from some event stream
 * (DESIGN §2), and the coverage check itself notices when one is not.
 */
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../src/core/catalogue.js';
import { compileMachine } from '../../src/machines/compiled/compile.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import { compiledCell, compiledDispute, compiledLadder, compiledMessage } from '../../src/machines/index.js';
import { CELL_EVENTS } from './arbitraries/cellEvent.js';
import { DISPUTE_EVENTS } from './arbitraries/disputeEvent.js';
import { MESSAGE_EVENTS } from './arbitraries/messageEvent.js';
import { definitionItems, exploreCoverage } from './coverage.js';

/** Pressure changes from -100 to 100 in steps of 5: enough to jump between any two levels. */
const DELTAS = Array.from({ length: 41 }, (_, i) => ({ type: 'PRESSURE' as const, delta: i * 5 - 100 }));

const THREE_LEVELS: LadderConfig = {
  ...DEFAULT_LADDER,
  levels: ['low', 'mid', 'high'],
  thresholds: [0, 20, 50],
  max: 60,
};

describe('every state and transition is reachable', () => {
  it.each([
    { name: 'message', compiled: compiledMessage, input: undefined, events: MESSAGE_EVENTS },
    {
      name: 'dispute',
      compiled: compiledDispute,
      input: { parties: ['syria', 'israel'] },
      events: DISPUTE_EVENTS,
    },
    { name: 'cell', compiled: compiledCell, input: undefined, events: CELL_EVENTS },
    { name: 'ladder (default)', compiled: compiledLadder(DEFAULT_LADDER), input: undefined, events: DELTAS },
    { name: 'ladder (three levels)', compiled: compiledLadder(THREE_LEVELS), input: undefined, events: DELTAS },
  ] as const)('$name', ({ compiled, input, events }) => {
    const report = exploreCoverage(compiled as never, { input, events: events as never });
    expect(report.missingStates).toEqual([]);
    expect(report.missingTransitions).toEqual([]);
  });

  it('requires what the compiled machines know: the same states and transitions', () => {
    for (const compiled of [compiledMessage, compiledDispute, compiledCell, compiledLadder(DEFAULT_LADDER)]) {
      const items = definitionItems(compiled.machine);
      expect(compiled.stateIds).toEqual(items.states);
      expect(compiled.transitions.map((t) => t.key)).toEqual(items.transitions);
    }
  });
});

describe('the coverage check', () => {
  const lonely = setup({ guards: { never: () => false } }).createMachine({
    id: 'lonely',
    initial: 'a',
    states: {
      a: { on: { GO: 'b', WISH: { guard: 'never', target: 'b' } } },
      b: { on: { BACK: 'a' } },
      island: { on: { GO: 'a' } },
    },
  });

  it('reports an unreachable state and transitions that are never taken', () => {
    const report = exploreCoverage(compileMachine(lonely), {
      events: [{ type: 'GO' }, { type: 'BACK' }, { type: 'WISH' }],
    });
    expect(report.missingStates).toEqual(['lonely.island']);
    expect(report.missingTransitions).toEqual(['lonely.a|WISH|0', 'lonely.island|GO|0']);
  });

  it('reports transitions whose event is missing from the samples', () => {
    const report = exploreCoverage(compileMachine(lonely), { events: [{ type: 'GO' }] });
    expect(report.missingTransitions).toContain('lonely.b|BACK|0');
  });

  it('enumerates states and transitions from the definition, nested and parallel ones included', () => {
    const items = definitionItems(compiledCell.machine);
    expect(items.states).toContain('cell.active.meetings.extraordinary');
    expect(items.transitions).toContain('cell.active.meetings.requested|OPEN_MEETING|1');
    expect(items.transitions).toContain('cell.active|SUSPEND|0');
  });
});
