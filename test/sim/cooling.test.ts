/**
 * The ladder cooling down in a run: the level falls in the log when the decayed pressure
 * crosses its threshold (never later), the decay is recorded before any other change of
 * pressure, and a ladder that does not cool records no decay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { halfLifeMs } from '../../src/core/cooling.js';
import { Replayer } from '../../src/core/replay.js';
import { parseInstant } from '../../src/core/time.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { runPlan } from '../../src/sim/simulation.js';
import { scenarioArbitrary } from './scenarioArbitrary.js';

function run(input: unknown) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(v.issues)}`);
  const plan = compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test', maxEvents: 3000 });
  const events: Recorded[] = [];
  runPlan(plan, { onEvent: (e) => events.push(e) });
  return { plan, events };
}

const ms = (at: string): number => parseInstant(at) as number;

describe('cooling in a run', () => {
  it('no level is held past the second its decayed pressure fell below the level’s threshold, and each change of pressure starts from a recorded decay', () => {
    let drops = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const { plan, events } = run(input);
        const h = halfLifeMs(plan.ladder.cooling);
        if (h === undefined) {
          expect(events.filter((e) => e.type === 'LadderCooled')).toEqual([]);
          return;
        }
        const r = new Replayer();
        for (const [k, e] of events.entries()) {
          const levelBefore = r.peek().ladder?.levelIndex ?? 0;
          r.push(e);
          const ladder = r.peek().ladder;
          const next = events[k + 1];
          if (!ladder || !next) continue;
          const threshold = plan.ladder.thresholds[ladder.levelIndex] as number;
          // The pressure as it stands one second before the next event, left to decay.
          const before = Math.max(ms(next.at) - 1000, ms(ladder.pressureAt));
          const decayed = ladder.machine.context.pressure * 2 ** (-(before - ms(ladder.pressureAt)) / h);
          if (ladder.levelIndex > 0 && next.type !== 'SimulationEnded') expect(decayed).toBeGreaterThanOrEqual(threshold - 1e-9);
          // An incident or a step changes the pressure only once the decay up to its instant is recorded.
          const changes = next.type === 'IncidentOccurred' || next.type === 'DeescalationStepTaken';
          if (changes && ladder.machine.context.pressure > 0) expect(ladder.pressureAt).toBe(next.at);
          if (e.type === 'LadderCooled' && ladder.levelIndex < levelBefore) drops += 1;
        }
      }),
      { numRuns: 40 },
    );
    expect(drops).toBeGreaterThan(0);
  });
});
