/**
 * What a run keeps is bounded, and a run says how it ended: refused actions are kept up to a
 * limit and counted beyond it; a run stopped by its event limit says where it got to; a plan
 * that cannot even start a log is an error, not an empty run.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { MAX_REFUSALS_KEPT, runPlan } from '../../src/sim/simulation.js';

const base = (extra: Record<string, unknown>) => ({
  parley: 1,
  name: 'limits',
  start: '2026-01-01T00:00:00Z',
  horizon: 'P30D',
  parties: { a: { name: 'A', policy: { kind: 'hawk', retaliationDelay: 'PT1H' } }, b: { name: 'B', policy: { kind: 'hawk', retaliationDelay: 'PT1H' } } },
  supervisor: { id: 'us', name: 'US' },
  ...extra,
});

function plan(input: unknown, maxEvents?: number) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test', ...(maxEvents === undefined ? {} : { maxEvents }) });
}

describe('a run', () => {
  it(`keeps the first ${MAX_REFUSALS_KEPT} refused actions and counts the rest`, () => {
    // Without a cell every scripted dispute is refused.
    const timeline = Array.from({ length: 250 }, (_, i) => ({
      at: `2026-01-02T00:00:${String(i % 60).padStart(2, '0')}Z`,
      dispute: { id: `d-${i}`, by: 'a', against: 'b' },
    }));
    const r = runPlan(plan(base({ mechanism: { enabled: false }, timeline })));
    expect(r.refusedCount).toBe(250);
    expect(r.refused).toHaveLength(MAX_REFUSALS_KEPT);
    expect(r.refused[0]).toMatchObject({ action: expect.stringMatching(/^dispute d-/), code: 'NO_MECHANISM' });
  });

  it('stopped by its event limit, says so and where it got to; its outcomes cover only that', () => {
    // Two hawks trade retaliations for as long as the run lasts.
    const input = base({ timeline: [{ at: '2026-01-02T00:00:00Z', incident: { id: 'first', kind: 'raid', by: 'a', against: 'b' } }] });
    const full = runPlan(plan(input));
    expect(full).toMatchObject({ endedBy: 'horizon', reachedAt: '2026-01-31T00:00:00Z' });
    const cut = runPlan(plan(input, 200));
    expect(cut.endedBy).toBe('stopped');
    expect(cut.events).toBeLessThan(full.events);
    expect(cut.reachedAt < full.reachedAt).toBe(true);
    expect(cut.state).toMatchObject({ ended: true, endReason: 'stopped', at: cut.reachedAt });
  });

  it('refuses a plan that cannot start a log, rather than run refusing everything', () => {
    const p = plan(base({}));
    const broken = { ...p, ladder: { ...p.ladder, thresholds: [0, 5] } };
    expect(() => runPlan(broken)).toThrow(/\[sim\] the plan cannot start a log: \[ladder\] thresholds must match the levels/);
  });
});
