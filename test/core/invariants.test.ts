/** The invariant predicates catch corrupted states (so the property tests can fail). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/core/invariants.js';
import { replay } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';

function sample(): ParleyState {
  const [events] = fc.sample(eventStreamArbitrary({ maxSteps: 200, mechanism: true }), { numRuns: 1, seed: 6 });
  return replay(events ?? []);
}

const mutable = (s: ParleyState) => structuredClone(s) as any;

describe('invariants', () => {
  it('hold on a generated state', () => {
    expect(checkInvariants(sample())).toEqual([]);
  });

  it('catch a dispute closed without its machine being final', () => {
    const s = mutable(sample());
    const open = [...s.disputes.values()].find((d: any) => d.closedAt === undefined) as any;
    expect(open).toBeDefined();
    open.closedAt = s.at;
    expect(checkInvariants(s).join('\n')).toMatch(/closedAt does not match/);
  });

  it('catch an acknowledgement without delivery', () => {
    const s = mutable(sample());
    const m = [...s.messages.values()][0] as any;
    delete m.deliveredAt;
    m.acknowledgedAt = s.at;
    expect(checkInvariants(s).join('\n')).toMatch(/acknowledged but never delivered/);
  });

  it('catch a ladder out of bounds or on the wrong level', () => {
    const s = mutable(sample());
    s.ladder.machine = { ...s.ladder.machine, context: { pressure: -1 } };
    expect(checkInvariants(s).join('\n')).toMatch(/outside/);
  });

  it('catch counters that disagree with the events', () => {
    const s = mutable(sample());
    s.counters.byType.MessageSent += 1;
    expect(checkInvariants(s).join('\n')).toMatch(/messages/);
  });
});
