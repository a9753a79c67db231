/** The machines' public surface: compiled singletons and the memoized ladder compiler. */
import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../src/core/catalogue.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import {
  cellMachine,
  compiledCell,
  compiledDispute,
  compiledLadder,
  compiledMessage,
  disputeMachine,
  messageMachine,
} from '../../src/machines/index.js';

describe('compiled singletons', () => {
  it('are derived from the exported machines', () => {
    expect(compiledMessage.machine).toBe(messageMachine);
    expect(compiledDispute.machine).toBe(disputeMachine);
    expect(compiledCell.machine).toBe(cellMachine);
  });

  it('list the event types xstate says each machine handles', () => {
    for (const compiled of [compiledMessage, compiledDispute, compiledCell, compiledLadder(DEFAULT_LADDER)]) {
      expect([...compiled.eventTypes].sort()).toEqual([...compiled.machine.events].sort());
    }
  });

  it('start where the design says', () => {
    expect(compiledMessage.initial()).toEqual({ value: 'sent', context: { delivered: false, lost: false }, status: 'active' });
    expect(compiledDispute.initial({ parties: ['syria', 'israel'] })).toEqual({
      value: 'raised',
      context: { parties: ['syria', 'israel'], accepted: [], findings: 0 },
      status: 'active',
    });
    expect(compiledCell.initial().value).toBe('proposed');
  });

  it('share one frozen state value per configuration', () => {
    const active = ['ESTABLISH', 'ACTIVATE'].reduce(
      (s, type) => compiledCell.transition(s, { type } as never),
      compiledCell.initial(),
    );
    const again = compiledCell.transition(
      compiledCell.transition(active, { type: 'intelligence.ENGAGE' }),
      { type: 'intelligence.QUIET' },
    );
    expect(again.value).toBe(active.value);
    expect(Object.isFrozen(active.value)).toBe(true);
  });
});

describe('compiledLadder', () => {
  const reordered: LadderConfig = {
    escalationPenalty: DEFAULT_LADDER.escalationPenalty,
    reliefOnRuling: DEFAULT_LADDER.reliefOnRuling,
    reliefOnSettlement: DEFAULT_LADDER.reliefOnSettlement,
    max: DEFAULT_LADDER.max,
    thresholds: [...DEFAULT_LADDER.thresholds],
    levels: [...DEFAULT_LADDER.levels],
    cooling: DEFAULT_LADDER.cooling,
  };

  it('compiles each configuration once, whatever its key order', () => {
    expect(compiledLadder(reordered)).toBe(compiledLadder(DEFAULT_LADDER));
  });

  it('compiles different configurations separately', () => {
    const other = { ...DEFAULT_LADDER, max: 90 };
    expect(compiledLadder(other)).not.toBe(compiledLadder(DEFAULT_LADDER));
    const s = compiledLadder(other).transition(compiledLadder(other).initial(), { type: 'PRESSURE', delta: 95 });
    expect(s.context.pressure).toBe(90);
  });

  it('keeps a bounded number of configurations', () => {
    const first = compiledLadder({ ...DEFAULT_LADDER, max: 1000 });
    for (let i = 0; i < 64; i++) compiledLadder({ ...DEFAULT_LADDER, max: 2000 + i });
    // An equal configuration in a new object: recompiled, since the first one was evicted.
    expect(compiledLadder({ ...DEFAULT_LADDER, max: 1000 })).not.toBe(first);
  });
});
