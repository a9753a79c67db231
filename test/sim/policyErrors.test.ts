/**
 * A policy of the caller's own is code Parley does not control: when it throws, `runPlan`
 * throws that error and stops, rather than go on (the agenda is an rxjs Observable, which
 * would report the error later as an uncaught exception and let the run end as if complete).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import { titForTat } from '../../src/sim/policies/titForTat.js';
import { runPlan } from '../../src/sim/simulation.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const loaded = parseScenario(readFileSync(PARIS, 'utf8'), PARIS);
if (!loaded.ok) throw new Error('paris-2026.yaml does not load');
const plan = compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: 'test' });

describe('a policy that throws', () => {
  it('makes runPlan throw its error, at the decision that threw, with nothing recorded after it', () => {
    const complete: Recorded[] = [];
    runPlan(plan, { onEvent: (e) => complete.push(e) });
    const bug = new RangeError('my policy has a bug');
    let calls = 0;
    const events: Recorded[] = [];
    const run = () =>
      runPlan(plan, {
        policies: {
          israel: {
            ...titForTat,
            ackDelay: () => {
              calls += 1;
              // Not the first call: the run is well under way when it throws.
              if (calls === 3) throw bug;
              return 3_600_000;
            },
          },
        },
        onEvent: (e) => events.push(e),
      });
    expect(run).toThrow(bug);
    expect(calls).toBe(3);
    // It stopped where the policy threw: no SimulationEnded, far short of a whole run.
    expect(events.length).toBeGreaterThan(4);
    expect(events.length).toBeLessThan(complete.length / 2);
    expect(events.map((e) => e.type)).not.toContain('SimulationEnded');
  });

  it('is no different from a listener that throws', () => {
    let seen = 0;
    const full = new Error('disk full');
    expect(() =>
      runPlan(plan, {
        onEvent: () => {
          seen += 1;
          if (seen === 50) throw full;
        },
      }),
    ).toThrow(full);
    expect(seen).toBe(50);
  });
});
