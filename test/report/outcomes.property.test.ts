import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { replay } from '../../src/core/replay.js';
import { parseInstant } from '../../src/core/time.js';
import { computeOutcomes, flattenOutcomes } from '../../src/report/metrics.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';

/** Generated runs, half of them closed by `SimulationEnded` (open intervals then run to the scenario end). */
const streams = fc.tuple(eventStreamArbitrary({ maxSteps: 80 }), fc.boolean()).map(([events, ended]): Recorded[] => {
  const last = events[events.length - 1] as Recorded;
  if (!ended) return events;
  const end = fact('SimulationEnded', { at: last.at, actor: 'sim' }, { reason: 'horizon' });
  return [...events, { ...end, seq: last.seq + 1 }];
});
const RUNS = { numRuns: 150 };

/** Every count in the flattened outcomes (keys that name a count, not a time, rate or label). */
const COUNT_KEY = /^(incidents|disputes|messages|supervisor)\.|(^|\.)(count|suspensions|regularMeetings|extraordinaryMeetings|ups|downs|levelsUp|levelsDown|steps|rounds|mutualRestraint|mutualStrike|accidents|clarifiedAccidents|calledOff|resolved|carriedOut|pending|held|clarifiedInTime|clarifiedLate|neverClarified)$|^(accidentalEscalations|misunderstandingsCaught)$/;

describe('computeOutcomes on generated runs', () => {
  it('never throws and never yields NaN or Infinity', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const flat = flattenOutcomes(computeOutcomes(replay(events)));
        for (const value of Object.values(flat)) {
          if (typeof value === 'number' && !Number.isFinite(value)) return false;
        }
        return true;
      }),
      RUNS,
    );
  });

  it('gives non-negative integer counts', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const flat = flattenOutcomes(computeOutcomes(replay(events)));
        for (const [key, value] of Object.entries(flat)) {
          if (!COUNT_KEY.test(key) || value === null) continue;
          expect(Number.isInteger(value) && (value as number) >= 0, `${key} = ${String(value)}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('accounts for every dispute raised: by outcome plus open', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const d = computeOutcomes(replay(events)).disputes;
        return (
          d.settled + d.ruled + d.escalated + d.withdrawn + d.lapsed + d.open === d.raised &&
          d.closed === d.raised - d.open &&
          d.resolved === d.settled + d.ruled
        );
      }),
      RUNS,
    );
  });

  it('spreads the covered period over the ladder levels', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const o = computeOutcomes(replay(events));
        const first = parseInstant((events[0] as { at: string }).at) as number;
        const end = parseInstant(o.period.end as string) as number;
        const total = Object.values(o.ladder.timeAt).reduce((a, b) => a + b, 0);
        return total === end - first && o.period.ms === end - first;
      }),
      RUNS,
    );
  });

  it('keeps derived totals consistent', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const o = computeOutcomes(replay(events));
        const s = o.supervisor;
        const byParty = Object.values(o.incidents.byParty).reduce((a, b) => a + b, 0);
        const byKind = Object.values(o.incidents.byKind).reduce((a, b) => a + b, 0);
        return (
          s.referrals + s.factFindings + s.rulings + s.failedMediations === s.interventions &&
          byParty === o.incidents.total &&
          byKind === o.incidents.total &&
          o.incidents.hostile + o.incidents.cooperative === o.incidents.total &&
          o.ackTime.count === o.messages.acknowledged &&
          o.closeTime.count === o.disputes.closed &&
          o.resolveTime.count === o.disputes.resolved &&
          o.cell.suspendedMs <= o.period.ms
        );
      }),
      RUNS,
    );
  });

  it('accounts for every race: each row is a plan against a side that did not do it, its margin due − clarification', () => {
    let seen = 0;
    fc.assert(
      fc.property(streams, (events) => {
        const state = replay(events);
        const o = computeOutcomes(state);
        const r = o.races;
        const wrong = [...state.incidents.values()].flatMap((i) => Object.entries(i.plans).filter(([, p]) => p.against !== i.by));
        expect(r.count).toBe(wrong.length);
        expect(r.rows).toHaveLength(r.count);
        expect(r.calledOff + r.resolved + r.carriedOut + r.pending).toBe(r.count);
        expect(r.clarifiedInTime + r.clarifiedLate + r.neverClarified).toBe(r.count);
        expect(r.margin.count).toBe(r.clarifiedInTime + r.clarifiedLate);
        expect(r.held).toBe(wrong.filter(([, p]) => p.heldAt !== undefined).length);
        seen += r.count;
        const ms = (at: string): number => parseInstant(at) as number;
        for (const row of r.rows) {
          const i = state.incidents.get(row.incidentId);
          const plan = i?.plans[row.party];
          expect(plan?.against).toBe(row.blamed);
          expect(row.by).toBe(i?.by);
          expect(row.clarifiedAt).toBe(i?.clarified[row.party] ?? null);
          expect(row.marginMs).toBe(row.clarifiedAt === null ? null : ms(row.due) - ms(row.clarifiedAt));
          expect(row.outcome === 'carriedOut').toBe(plan?.status === 'executed');
        }
        if (r.margin.count > 0) {
          expect(r.margin.min).toBeLessThanOrEqual(r.margin.median as number);
          expect(r.margin.median).toBeLessThanOrEqual(r.margin.max as number);
        }
        // The rows stay out of the flat row; their aggregates are in it.
        const flat = flattenOutcomes(o);
        expect(Object.keys(flat).some((k) => k.startsWith('races.rows'))).toBe(false);
        expect(flat['races.count']).toBe(r.count);
      }),
      RUNS,
    );
    // Generated runs do plan retaliations against the wrong side, or this checked nothing.
    expect(seen).toBeGreaterThan(0);
  });
});
