/**
 * Party and supervisor behaviour sit behind the policy interfaces (src/sim/policies): the
 * built-in kinds are what scenarios can name, and `runPlan` plays a policy of the caller's
 * own for one party, or for the supervisor, without touching anything else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Plan } from '../../src/sim/plan.js';
import { PARTY_POLICIES, partyPolicy, standardSupervisor, type PartyPolicy } from '../../src/sim/policies/index.js';
import { titForTat } from '../../src/sim/policies/titForTat.js';
import { runPlan, type RunOptions } from '../../src/sim/simulation.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;

function parisPlan(seed: number): Plan {
  const loaded = parseScenario(readFileSync(PARIS, 'utf8'), PARIS);
  if (!loaded.ok) throw new Error('paris-2026.yaml does not load');
  return compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: 'test', seed });
}

function events(plan: Plan, options: RunOptions = {}): Recorded[] {
  const out: Recorded[] = [];
  runPlan(plan, { ...options, onEvent: (e) => out.push(e) });
  return out;
}

const retaliationsBy = (es: readonly Recorded[], party: string) =>
  es.filter((e) => e.type === 'IncidentOccurred' && e.actor === party && e.data.retaliationFor !== undefined).length;

describe('party policies', () => {
  it('every built-in kind is one the scenario schema accepts, with its own defaults', () => {
    for (const p of PARTY_POLICIES) {
      const extra = Object.fromEntries(Object.entries(p.parameters).filter(([, v]) => v.default === undefined).map(([k]) => [k, 0.5]));
      const v = validateScenario({
        parley: 1, name: 'k', start: '2026-01-01T00:00:00Z', horizon: 'P1D',
        parties: { a: { name: 'A', policy: { kind: p.kind, ...extra } }, b: { name: 'B', policy: { kind: 'dove' } } },
        supervisor: { id: 'us', name: 'US' },
      });
      expect(v.ok, p.kind).toBe(true);
      if (!v.ok) continue;
      const plan = compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' });
      const a = plan.parties[0]?.policy;
      expect(a?.kind).toBe(p.kind);
      expect(a?.escalate).toBe(p.defaults.escalate);
      expect(a?.acceptRuling).toBe(0.8 * p.defaults.rulingAcceptance);
      expect(partyPolicy(p.kind)).toBe(p);
    }
    expect(validateScenario({ parley: 1, name: 'k', start: '2026-01-01T00:00:00Z', horizon: 'P1D', parties: { a: { name: 'A', policy: { kind: 'grim' } }, b: { name: 'B', policy: { kind: 'dove' } } }, supervisor: { id: 'us', name: 'US' } }).ok).toBe(false);
  });

  it('naming a party\'s own built-in policy explicitly changes nothing', () => {
    for (const seed of [1, 2, 3]) {
      const plan = parisPlan(seed);
      expect(events(plan, { policies: { israel: titForTat } })).toEqual(events(plan));
    }
  });

  it('a policy of the caller\'s own changes that party\'s decisions only', () => {
    const restrained: PartyPolicy = { ...titForTat, kind: 'restrained', retaliates: () => false };
    let before = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const plan = parisPlan(seed);
      const normal = events(plan);
      const changed = events(plan, { policies: { syria: restrained } });
      before += retaliationsBy(normal, 'syria');
      expect(retaliationsBy(changed, 'syria')).toBe(0);
      // Israel's first retaliation comes before anything Syria could have done differently.
      const first = (es: Recorded[]) => es.find((e) => e.type === 'IncidentOccurred' && e.actor === 'israel' && e.data.retaliationFor !== undefined);
      const firstSyrian = normal.find((e) => e.type === 'IncidentOccurred' && e.actor === 'syria');
      const n = first(normal);
      if (n && (!firstSyrian || n.seq < firstSyrian.seq)) expect(first(changed)).toEqual(n);
    }
    // Otherwise the test above would prove nothing: Syria does retaliate under its own policy.
    expect(before).toBeGreaterThan(0);
  });

  it('refuses a policy for a party the plan does not have', () => {
    expect(() => runPlan(parisPlan(1), { policies: { lebanon: titForTat } })).toThrow(/"lebanon", which is not a party/);
  });
});

describe('the supervisor policy', () => {
  it('one that never steps in leaves every mediation without a ruling', () => {
    const plan = parisPlan(42);
    const normal = events(plan);
    const absent = events(plan, { supervisor: { ...standardSupervisor, intervenes: () => false } });
    expect(normal.some((e) => e.type === 'SupervisorRuled')).toBe(true);
    expect(absent.some((e) => e.type === 'SupervisorRuled')).toBe(false);
    expect(absent.some((e) => e.type === 'MediationFailed' || e.type === 'DisputeLapsed')).toBe(true);
  });

  it('is asked on the occasions the interface names: referral, deadline, mediation', () => {
    const asked = new Set<string>();
    runPlan(parisPlan(42), { supervisor: { ...standardSupervisor, intervenes: (self, occasion, rng) => (asked.add(occasion), standardSupervisor.intervenes(self, occasion, rng)) } });
    expect([...asked].every((o) => ['referral', 'deadline', 'mediation'].includes(o))).toBe(true);
    expect(asked.has('mediation')).toBe(true);
  });
});
