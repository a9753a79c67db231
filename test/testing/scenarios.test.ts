/** Generated scenarios are valid by construction: as objects, as YAML text, compiled and run. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileScenario } from '../../src/scenario/compile.js';
import { formatIssue, parseScenario } from '../../src/scenario/load.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { runPlan } from '../../src/sim/simulation.js';
import { scenarioArbitrary, scenarioYamlArbitrary } from '../../src/testing/scenarioArbitrary.js';

describe('scenarioArbitrary', () => {
  it('every generated scenario passes the schema and its cross-reference checks', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxParties: 8, maxTimeline: 12 }), (input) => {
        const v = validateScenario(input);
        expect(v.ok ? [] : v.issues).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('its YAML text loads through parseScenario, to the same scenario as the object', () => {
    fc.assert(
      fc.property(scenarioYamlArbitrary(), (text) => {
        const loaded = parseScenario(text, 'generated.yaml');
        expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([]);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const loaded = parseScenario(stringify(input), 'generated.yaml');
        const direct = validateScenario(input);
        expect(loaded.ok && direct.ok && loaded.scenario).toEqual(direct.ok && direct.scenario);
      }),
      { numRuns: 60 },
    );
  });

  it('honours its constraints', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ minParties: 4, maxParties: 5, maxDays: 9, mechanism: false, game: true, maxGenerators: 1, maxTimeline: 2 }), (s) => {
        const n = Object.keys(s.parties).length;
        expect(n >= 4 && n <= 5).toBe(true);
        expect(Number(/^P(\d+)D$/.exec(s.horizon)?.[1])).toBeLessThanOrEqual(9);
        expect(s.mechanism?.enabled).toBe(false);
        expect(s.game).toBeDefined();
        expect(s.generators?.length ?? 0).toBeLessThanOrEqual(1);
        expect(s.timeline?.length ?? 0).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('compiles and runs to the end of its horizon', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxDays: 10 }), (input) => {
        const v = validateScenario(input);
        if (!v.ok) throw new Error('invalid');
        const result = runPlan(compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' }));
        expect(result.endedBy).toBe('horizon');
        expect(result.state.ended).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
