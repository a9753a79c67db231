/**
 * The stepper's pure core: time travel lands exactly where a replay of the prefix lands,
 * whatever the snapshot interval; each step is described from a glimpse and the state after.
 */
import { UsageError } from '../../src/core/errors.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer, replay } from '../../src/core/replay.js';
import { stateToJSON } from '../../src/core/state.js';
import { describeEvent, glimpse, type StepDescription } from '../../src/report/stepper/describe.js';
import { MAX_SNAPSHOTS, snapshotInterval, Stepper } from '../../src/report/stepper/stepper.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { runScenarioFile } from '../scenarios/run.js';

/** A stream with a position in it and a number of steps back from there. */
const walk = eventStreamArbitrary({ maxSteps: 80 }).chain((events) =>
  fc.record({
    events: fc.constant(events),
    at: fc.integer({ min: 0, max: events.length }),
    every: fc.integer({ min: 1, max: 12 }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

/** Every step of a straight fold, described. */
function straight(events: readonly Recorded[]): StepDescription[] {
  const r = new Replayer();
  return events.map((e) => {
    const g = glimpse(r.peek(), e);
    r.push(e);
    return describeEvent(g, e, r.peek());
  });
}

describe('Stepper', () => {
  it('back N then forward N lands on the state replay gives for the same seq', () => {
    fc.assert(
      fc.property(walk, ({ events, at, every, fraction }) => {
        const n = Math.floor(fraction * at);
        const s = new Stepper(events, { snapshotEvery: every });
        s.goTo(at);
        for (let i = 0; i < n; i++) expect(s.back()).toBe(true);
        expect(stateToJSON(s.state())).toEqual(stateToJSON(replay(events, { untilSeq: at - n })));
        for (let i = 0; i < n; i++) expect(s.next()).toBe(true);
        expect(s.seq).toBe(at);
        expect(stateToJSON(s.state())).toEqual(stateToJSON(replay(events, { untilSeq: at })));
      }),
      { numRuns: 60 },
    );
  });

  it('travels exactly on a real run too (incidents clarified long after a snapshot)', async () => {
    const { events } = await runScenarioFile('paris-2026.yaml');
    expect(events.some((e) => e.type === 'IncidentClarified')).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(events.length), fc.nat(events.length), (every, at, back) => {
        const s = new Stepper(events, { snapshotEvery: every });
        s.goTo(events.length);
        s.goTo(at);
        const to = Math.max(0, at - back);
        s.goTo(to);
        expect(stateToJSON(s.state())).toEqual(stateToJSON(replay(events, { untilSeq: to })));
      }),
      { numRuns: 25 },
    );
  });

  it('describes the event at every position as a straight fold does, however it got there', () => {
    fc.assert(
      fc.property(walk, fc.array(fc.nat(), { maxLength: 6 }), ({ events, every }, jumps) => {
        const expected = straight(events);
        const s = new Stepper(events, { snapshotEvery: every });
        for (const j of jumps) {
          const seq = events.length === 0 ? 0 : j % (events.length + 1);
          s.goTo(seq);
          expect(s.current()).toEqual(seq === 0 ? undefined : expected[seq - 1]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stops at both ends without moving', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 20 }), (events) => {
        const s = new Stepper(events);
        expect(s.back()).toBe(false);
        s.goTo(s.last);
        expect(s.next()).toBe(false);
        expect(s.seq).toBe(events.length);
      }),
      { numRuns: 20 },
    );
  });

  it('finds the next event of a type and the next dispute change', () => {
    fc.assert(
      fc.property(walk, ({ events, at }) => {
        const s = new Stepper(events);
        s.goTo(at);
        const steps = straight(events);
        const wanted = steps.slice(at).find((d) => d.changes.some((c) => c.machine === 'dispute'));
        expect(s.nextDisputeChange()).toBe(wanted !== undefined);
        expect(s.seq).toBe(wanted?.seq ?? at);
        s.goTo(at);
        const raised = events.slice(at).find((e) => e.type === 'DisputeRaised');
        expect(s.find((e) => e.type === 'DisputeRaised')).toBe(raised !== undefined);
        expect(s.seq).toBe(raised?.seq ?? at);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a position outside the history and events not numbered from 1', () => {
    const events = fc.sample(eventStreamArbitrary({ maxSteps: 10 }), { numRuns: 1, seed: 3 })[0] as Recorded[];
    const s = new Stepper(events);
    expect(() => s.goTo(events.length + 1)).toThrow(UsageError);
    expect(() => s.goTo(-1)).toThrow(UsageError);
    expect(() => new Stepper(events.slice(1))).toThrow(/numbered 1, 2, 3/);
  });

  it('keeps one snapshot per interval, and at most ~256 however long the history', () => {
    const events = fc.sample(eventStreamArbitrary({ maxSteps: 40 }), { numRuns: 1, seed: 5 })[0] as Recorded[];
    expect(new Stepper(events, { snapshotEvery: 3 }).snapshotCount).toBe(Math.floor(events.length / 3) + 1);
    expect(new Stepper(events).every).toBe(256);
    expect(snapshotInterval(100_000)).toBe(391);
    expect(Math.floor(100_000 / snapshotInterval(100_000))).toBeLessThanOrEqual(MAX_SNAPSHOTS);
  });
});
