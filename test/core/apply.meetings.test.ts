/**
 * A suspension ends the meeting in session, and only looks for one when the cell's meetings
 * region can have one: the premise (no open meeting while the region is idle or requested)
 * is checked on generated streams, and the effect on hand-written histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Replayer } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { activeCell, cellResumed, cellSuspended, fold, meetingClosed, meetingOpened, meetingRequested, started, time } from './given.js';

/** The meetings region of an active cell (`{ active: { …, meetings } }`), else undefined. */
const regionOf = (s: ParleyState): unknown => {
  const v = s.cell?.machine.value as { active?: { meetings?: unknown } } | string | undefined;
  return typeof v === 'object' ? v.active?.meetings : undefined;
};
const open = (s: ParleyState): string[] => [...s.meetings.values()].filter((m) => m.closedAt === undefined).map((m) => m.id);

describe('apply: meetings and suspension', () => {
  it('no meeting is open while the meetings region is idle or requested (every prefix of generated streams)', () => {
    const regions = new Set<string>();
    fc.assert(
      fc.property(eventStreamArbitrary({ mechanism: true }), (events) => {
        const r = new Replayer();
        for (const e of events) {
          r.push(e);
          const region = regionOf(r.peek());
          if (region === 'idle' || region === 'requested') expect(open(r.peek())).toEqual([]);
          if (region !== undefined) regions.add(String(region));
          expect(open(r.peek()).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 80 },
    );
    // The streams did reach every state of the region (the premise was really exercised).
    expect([...regions].sort()).toEqual(['extraordinary', 'idle', 'regular', 'requested']);
  });

  it('a suspension ends the meeting in session at the suspension time', () => {
    const s = fold([started(), activeCell(), meetingOpened('m-1', 'regular', { at: time(1) }), cellSuspended('syria', { at: time(2) })]);
    expect(s.meetings.get('m-1')?.closedAt).toBe(time(2));
    const x = fold([started(), activeCell(), meetingRequested('syria'), meetingOpened('x-1', 'extraordinary', { at: time(1) }), cellSuspended('us', { at: time(3) })]);
    expect(x.meetings.get('x-1')?.closedAt).toBe(time(3));
  });

  it('meetings closed before a suspension keep their own closing time', () => {
    const s = fold([
      started(),
      activeCell(),
      meetingOpened('m-1', 'regular', { at: time(1) }),
      meetingClosed('m-1', { at: time(2) }),
      meetingRequested('syria', { at: time(3) }),
      cellSuspended('syria', { at: time(4) }),
      cellResumed('syria', { at: time(5) }),
      meetingOpened('m-2', 'regular', { at: time(6) }),
      cellSuspended('syria', { at: time(7) }),
    ]);
    expect(s.meetings.get('m-1')?.closedAt).toBe(time(2));
    expect(s.meetings.get('m-2')?.closedAt).toBe(time(7));
  });
});
