/**
 * Replay properties over generated valid event streams (fast-check): determinism, snapshot
 * equivalence, evolve (immer) ≡ Replayer (in-place), and the invariants at every prefix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../src/core/evolve.js';
import { checkInvariants } from '../../src/core/invariants.js';
import { Replayer, replay } from '../../src/core/replay.js';
import { initialState, stateFromJSON, stateToJSON, type StateJSON } from '../../src/core/state.js';
import { eventStreamArbitrary, streamWithCutArbitrary } from '../../src/testing/arbitraries.js';

describe('replay', () => {
  it('replaying twice gives deep-equal states', () => {
    fc.assert(
      fc.property(eventStreamArbitrary(), (events) => {
        expect(replay(events)).toEqual(replay(events));
      }),
      { numRuns: 60 },
    );
  });

  it('a snapshot at N plus the rest equals a replay from the start', () => {
    fc.assert(
      fc.property(streamWithCutArbitrary(), ({ events, cut }) => {
        const snapshot = replay(events, { untilSeq: cut });
        expect(snapshot.seq).toBe(Math.min(cut, events.length));
        const saved = JSON.stringify(stateToJSON(snapshot));
        const resumed = replay(events.slice(cut), { from: stateFromJSON(JSON.parse(saved) as StateJSON) });
        expect(resumed).toEqual(replay(events));
      }),
      { numRuns: 60 },
    );
  });

  it('a snapshot kept in memory (a structured clone) plus the rest equals a replay from the start', () => {
    // A clone keeps whatever the views share; a fold that wrote into a shared value would then
    // write one incident's clarification into every incident sharing it (seen in the stepper).
    fc.assert(
      fc.property(streamWithCutArbitrary({ maxSteps: 200 }), ({ events, cut }) => {
        const r = new Replayer();
        for (const e of events.slice(0, cut)) r.push(e);
        const resumed = replay(events.slice(cut), { from: r.state() });
        expect(resumed).toEqual(replay(events));
      }),
      { numRuns: 80 },
    );
  });

  it('evolve (immutable, immer) and Replayer (in place) agree, and evolve never mutates its input', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 60 }), (events) => {
        let s = initialState();
        for (const e of events) {
          const before = JSON.stringify(stateToJSON(s));
          const next = evolve(s, e);
          expect(JSON.stringify(stateToJSON(s))).toBe(before);
          s = next;
        }
        expect(JSON.parse(JSON.stringify(stateToJSON(s)))).toEqual(JSON.parse(JSON.stringify(stateToJSON(replay(events)))));
      }),
      { numRuns: 30 },
    );
  });

  it('every prefix satisfies the invariants', () => {
    fc.assert(
      fc.property(eventStreamArbitrary(), (events) => {
        const r = new Replayer();
        for (const e of events) {
          r.push(e);
          const problems = checkInvariants(r.peek());
          if (problems.length > 0) throw new Error(`after seq ${e.seq} (${e.type}): ${problems.join('; ')}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('generated streams are not trivial: they reach disputes, messages and ladder moves', () => {
    const samples = fc.sample(eventStreamArbitrary({ maxSteps: 200, mechanism: true }), { numRuns: 40, seed: 7 });
    const types = new Set(samples.flat().map((e) => e.type));
    for (const t of ['MessageAcknowledged', 'DisputeRaised', 'SettlementReached', 'SupervisorRuled', 'IncidentClarified', 'CellSuspended']) {
      expect(types).toContain(t);
    }
  });

  it('a snapshot is isolated: pushing more events does not change a state already taken', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 80, mechanism: true }), fc.nat(), (all, at) => {
        const r = new Replayer();
        const split = at % (all.length + 1);
        for (const e of all.slice(0, split)) r.push(e);
        const taken = r.state();
        const copy = JSON.stringify(stateToJSON(taken));
        for (const e of all.slice(split)) r.push(e);
        expect(JSON.stringify(stateToJSON(taken))).toBe(copy);
        expect(taken).toEqual(replay(all.slice(0, split)));
      }),
      { numRuns: 40 },
    );
  });
});
