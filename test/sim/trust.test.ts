/**
 * When the simulator skips decide's schema check of its own commands: only for plans whose
 * data the catalogue accepts, and never for an incident id that outgrew the id rules. Either
 * way every recorded event must pass the catalogue, and bad data must be refused as before.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvent, type Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Plan } from '../../src/sim/plan.js';
import { runPlan } from '../../src/sim/simulation.js';
import { planDataIsValid } from '../../src/sim/trust.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;

function planOf(input: unknown): Plan {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' });
}

/** Incidents by `by` against `against` every hour for two days, of the given kind. */
function hourly(kind: string): Plan {
  return planOf({
    parley: 1,
    name: 'trust',
    start: '2026-01-06T00:00:00Z',
    horizon: 'P2D',
    seed: 3,
    parties: { a: { name: 'A', policy: { kind: 'tit-for-tat' } }, b: { name: 'B', policy: { kind: 'dove' } } },
    supervisor: { id: 's', name: 'S' },
    incidentKinds: { [kind]: { cameo: '190', severity: 0.6 } },
    generators: [{ incident: kind, by: 'a', against: 'b', every: 'PT1H' }],
  });
}

function run(plan: Plan) {
  const events: Recorded[] = [];
  const result = runPlan(plan, { onEvent: (e) => events.push(e) });
  return { events, result };
}

function allParse(events: readonly Recorded[]): void {
  for (const e of events) {
    const r = parseEvent(JSON.parse(JSON.stringify(e)));
    if (!r.ok) throw new Error(`seq ${e.seq} ${e.type}: ${JSON.stringify(r.issues)}`);
  }
}

describe('planDataIsValid', () => {
  it('holds for every shipped scenario', async () => {
    for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
      const loaded = await loadScenario(join(SCENARIOS, file));
      if (!loaded.ok) throw new Error(file);
      expect(planDataIsValid(compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: 'test' })), file).toBe(true);
    }
  });

  it('fails for data the catalogue refuses, wherever it sits in the plan', () => {
    const plan = hourly('raid');
    const gen = plan.generators[0] as Plan['generators'][number];
    const bad: Plan[] = [
      { ...plan, generators: [{ ...gen, cameo: 'abc' }] },
      { ...plan, generators: [{ ...gen, kind: 'k'.repeat(65) }] },
      { ...plan, generators: [{ ...gen, severity: 1.5 }] },
      { ...plan, generators: [{ ...gen, where: 'w'.repeat(2001) }] },
      { ...plan, generators: [{ ...gen, blamed: 'not an id' }] },
      { ...plan, parties: [...plan.parties, { ...(plan.parties[0] as Plan['parties'][number]), id: 'constructor' }] },
      { ...plan, fog: { ...plan.fog, severityNoise: Number.NaN } },
      { ...plan, mechanism: { ...plan.mechanism, tracks: ['nowhere' as 'intelligence'] } },
      { ...plan, endMs: 253_402_300_799_000, mechanism: { ...plan.mechanism, ackDeadlineMs: 86_400_000 } },
      { ...plan, mechanism: { ...plan.mechanism, disputeResponseMs: 0.5 } },
    ];
    expect(planDataIsValid(plan)).toBe(true);
    bad.forEach((p, i) => expect(planDataIsValid(p), `case ${i}`).toBe(false));
  });
});

describe('the simulator without per-command schema checks', () => {
  it('still refuses incident ids that a long kind pushes past 64 characters', () => {
    // 62 characters: `<kind>-1` … `<kind>-9` fit in an id, `<kind>-10` and later do not.
    const kind = `k${'i'.repeat(61)}`;
    const { events, result } = run(hourly(kind));
    allParse(events);
    const recorded = events.filter((e) => e.type === 'IncidentOccurred');
    expect(recorded.map((e) => (e.data as { incidentId: string }).incidentId)).toEqual(
      Array.from({ length: 9 }, (_, i) => `${kind}-${i + 1}`),
    );
    expect(result.refused.length).toBeGreaterThan(30);
    for (const r of result.refused) {
      expect(r.code).toBe('INVALID_DATA');
      expect(r.reason).toMatch(/^\[RecordIncident\] data\.incidentId: .*not a valid id/);
    }
  });

  it('checks every command when the plan carries bad data: refusals as before, nothing invalid recorded', () => {
    const plan = hourly('raid');
    const gen = plan.generators[0] as Plan['generators'][number];
    const { events, result } = run({ ...plan, generators: [{ ...gen, cameo: 'abc' }] });
    allParse(events);
    expect(events.some((e) => e.type === 'IncidentOccurred')).toBe(false);
    expect(result.refused.length).toBeGreaterThan(30);
    expect(result.refused.every((r) => r.code === 'INVALID_DATA' && /data\.cameo/.test(r.reason))).toBe(true);
  });

  it('records only events the catalogue accepts on a busy run', () => {
    const { events } = run(hourly('airstrike'));
    expect(events.length).toBeGreaterThan(100);
    allParse(events);
  });
});
