/** The virtual-time agenda: order by time then by scheduling order, and the Observable drain. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/sim/agenda.js';

describe('Agenda', () => {
  it('pops in time order, ties in the order they were scheduled (stable), for any schedule', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const agenda = new Agenda<number>(0);
        times.forEach((t, i) => agenda.schedule(t, i));
        const out: Array<[number, number]> = [];
        for (let d = agenda.pop(); d; d = agenda.pop()) out.push([d.at, d.task]);
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('interleaves scheduling and popping like a sorted list would, for any sequence', () => {
    const op = fc.oneof(fc.record({ pop: fc.constant(true) }), fc.record({ after: fc.integer({ min: 0, max: 20 }) }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const agenda = new Agenda<number>(0);
        const reference: Array<{ at: number; task: number }> = [];
        ops.forEach((o, i) => {
          if ('after' in o) {
            agenda.schedule(agenda.now + o.after, i);
            reference.push({ at: agenda.now + o.after, task: i });
            reference.sort((x, y) => x.at - y.at || x.task - y.task);
          } else {
            expect(agenda.pop()).toEqual(reference.shift());
          }
          expect(agenda.size).toBe(reference.length);
        });
      }),
    );
  });

  it('advances its clock and never schedules into the past', () => {
    const agenda = new Agenda<string>(100);
    agenda.schedule(150, 'a');
    expect(agenda.pop()).toEqual({ at: 150, task: 'a' });
    expect(agenda.now).toBe(150);
    agenda.schedule(120, 'late');
    expect(agenda.pop()).toEqual({ at: 150, task: 'late' });
  });

  it('drains as an Observable up to a horizon; tasks scheduled while draining join in order', () => {
    const agenda = new Agenda<string>(0);
    agenda.schedule(10, 'first');
    agenda.schedule(30, 'third');
    agenda.schedule(99, 'after the horizon');
    const seen: string[] = [];
    agenda.drain$(50).subscribe(({ at, task }) => {
      seen.push(`${at}:${task}`);
      if (task === 'first') agenda.schedule(20, 'second');
    });
    expect(seen).toEqual(['10:first', '20:second', '30:third']);
    expect(agenda.size).toBe(1);
  });

  it('stops draining as soon as it is told to, leaving the rest untouched and the clock where it was', () => {
    const agenda = new Agenda<number>(0);
    for (let i = 1; i <= 5; i++) agenda.schedule(i * 10, i);
    const seen: number[] = [];
    agenda.drain$(100, () => seen.length < 2).subscribe(({ task }) => seen.push(task));
    expect(seen).toEqual([1, 2]);
    expect(agenda.now).toBe(20);
    expect(agenda.size).toBe(3);
  });

  it('handles a long self-rescheduling chain without recursion (where VirtualTimeScheduler overflows)', () => {
    const agenda = new Agenda<number>(0);
    agenda.schedule(1, 1);
    let last = 0;
    agenda.drain$(200_000).subscribe(({ task }) => {
      last = task;
      if (task < 100_000) agenda.schedule(agenda.now + 1, task + 1);
    });
    expect(last).toBe(100_000);
  });
});
