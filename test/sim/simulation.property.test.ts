/**
 * Properties of the simulator over generated scenarios: the state at the end of a run equals
 * the replay of the log it wrote, every invariant holds at every prefix, decide accepts each
 * recorded fact as it was recorded, and the seed alone decides the log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { checkInvariants } from '../../src/core/invariants.js';
import { Replayer, replay } from '../../src/core/replay.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { runPlan } from '../../src/sim/simulation.js';
import { scenarioArbitrary } from './scenarioArbitrary.js';

/**
 * Generated runs are cut at this many events (ending with `SimulationEnded`, reason
 * `stopped`, as `parley run --max-events` does). Checking every invariant after every event
 * is quadratic in the run's length, and about one generated scenario in two thousand runs
 * past 10,000 events, which alone took half a minute.
 */
const MAX_EVENTS = 3000;

function planOf(input: unknown, seed?: number) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(v.issues)}`);
  return compileScenario(v.scenario, {
    hash: '0'.repeat(64),
    parleyVersion: 'test',
    maxEvents: MAX_EVENTS,
    ...(seed === undefined ? {} : { seed }),
  });
}

function run(input: unknown, seed?: number) {
  const events: Recorded[] = [];
  const result = runPlan(planOf(input, seed), { onEvent: (e) => events.push(e) });
  return { events, result };
}

describe('simulation', () => {
  it('the end state of a run equals the replay of its log, and every prefix satisfies the invariants', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const { events, result } = run(input);
        expect(events.at(-1)?.type).toBe('SimulationEnded');
        expect(replay(JSON.parse(JSON.stringify(events)) as Recorded[])).toEqual(result.state);
        const r = new Replayer();
        for (const e of events) {
          r.push(e);
          const problems = checkInvariants(r.peek());
          if (problems.length > 0) throw new Error(`after seq ${e.seq} (${e.type}): ${problems.join('; ')}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('same scenario and seed give identical events; seq is gapless and time never goes back', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const a = run(input).events;
        expect(run(input).events).toEqual(a);
        a.forEach((e, i) => expect(e.seq).toBe(i + 1));
        for (let i = 1; i < a.length; i++) expect(Date.parse((a[i] as Recorded).at)).toBeGreaterThanOrEqual(Date.parse((a[i - 1] as Recorded).at));
      }),
      { numRuns: 20 },
    );
  });

  it('another seed gives another log when the scenario has randomness', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const s = input as { generators: unknown[] };
        fc.pre(s.generators.length > 0);
        const a = run(input, 1).events;
        const b = run(input, 2).events;
        expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
      }),
      { numRuns: 15 },
    );
  });

  it('exercises the mechanism: generated runs reach disputes, rulings, clarifications, suspensions and retaliation', () => {
    const types = new Set<string>();
    for (const input of fc.sample(scenarioArbitrary, { numRuns: 60, seed: 5 })) {
      for (const e of run(input).events) types.add(e.type);
    }
    for (const t of ['DisputeRaised', 'SupervisorRuled', 'SettlementReached', 'IncidentClarified', 'CellSuspended', 'CellResumed', 'MeetingOpened', 'MessageLost', 'AckDeadlineMissed', 'RoundPlayed']) {
      expect(types, t).toContain(t);
    }
  });
});
