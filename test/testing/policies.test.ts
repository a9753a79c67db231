/**
 * Policies of your own, checked by the kit: `checkedPolicy` holds every decision to its
 * contract (and changes nothing for a policy that keeps it), and `policyProperty` passes
 * Parley's own policies while catching a broken contract, a run that runs away, and a failed
 * check of the user's, with the shrunk scenario printed as YAML that loads.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Plan } from '../../src/sim/plan.js';
import { PARTY_POLICIES, partyPolicy, standardSupervisor, type PartyPolicy } from '../../src/sim/policies/index.js';
import { runPlan, type RunOptions } from '../../src/sim/simulation.js';
import { PolicyViolation, checkedPolicy, policyProperty } from '../../src/testing/index.js';
import { checkedSupervisor } from '../../src/testing/policyContract.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const loaded = parseScenario(readFileSync(PARIS, 'utf8'), PARIS);
if (!loaded.ok) throw new Error('paris-2026.yaml does not load');
const paris: Plan = compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: 'test' });

const titForTat = partyPolicy('tit-for-tat') as PartyPolicy;
const hawk = partyPolicy('hawk') as PartyPolicy;

function events(options: RunOptions = {}): Recorded[] {
  const out: Recorded[] = [];
  runPlan(paris, { ...options, onEvent: (e) => out.push(e) });
  return out;
}

/** The violation `run` throws (it must throw one). */
function violation(run: () => unknown): PolicyViolation {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyViolation);
    return error as PolicyViolation;
  }
  throw new Error('[test] it did not throw');
}

describe('checkedPolicy', () => {
  it('changes nothing for policies that keep the contract', () => {
    const checked = { israel: checkedPolicy(titForTat, 'israel'), syria: checkedPolicy(partyPolicy('generous-tit-for-tat') as PartyPolicy, 'syria') };
    expect(events({ policies: checked, supervisor: checkedSupervisor(standardSupervisor) })).toEqual(events());
  });

  it('stops a delay that is not a finite number of ms ≥ 0, naming the party, the decision and the value', () => {
    for (const [value, shown] of [[Number.NaN, 'NaN'], [Number.POSITIVE_INFINITY, 'Infinity'], [-1, '-1']] as const) {
      const e = violation(() => events({ policies: { israel: checkedPolicy({ ...titForTat, ackDelay: () => value }, 'israel') } }));
      expect(e.code).toBe('BAD_DECISION');
      expect(e.message).toBe(`[policy] israel (playing tit-for-tat): ackDelay returned ${shown}; a delay is a finite number of milliseconds, 0 or more`);
    }
  });

  it('stops a yes/no decision that is not a boolean', () => {
    const sloppy = { ...titForTat, acknowledges: () => 'yes' as unknown as boolean };
    const e = violation(() => events({ policies: { israel: checkedPolicy(sloppy, 'israel') } }));
    expect(e.message).toBe('[policy] israel (playing tit-for-tat): acknowledges returned "yes"; a decision is true or false');
  });

  it('reports a decision that throws, with the error as its cause', () => {
    const bug = new TypeError('self.mood is undefined');
    const e = violation(() => events({ policies: { syria: checkedPolicy({ ...titForTat, kind: 'moody', retaliates: () => { throw bug; } }, 'syria') } }));
    expect(e.code).toBe('DECISION_THREW');
    expect(e.message).toBe('[policy] syria (playing moody): retaliates threw TypeError: self.mood is undefined');
    expect(e.cause).toBe(bug);
  });

  it('holds the supervisor to the same contract', () => {
    const e = violation(() => events({ supervisor: checkedSupervisor({ ...standardSupervisor, responseTime: () => Number.NaN }) }));
    expect(e.message).toBe('[policy] the supervisor (playing standard): responseTime returned NaN; a delay is a finite number of milliseconds, 0 or more');
  });
});

describe('policyProperty', () => {
  it('passes every built-in policy, played by one party or by all', () => {
    for (const policy of PARTY_POLICIES) {
      fc.assert(policyProperty(policy), { numRuns: 15 });
      fc.assert(policyProperty(policy, { playedBy: 'every' }), { numRuns: 15 });
    }
  });

  it('catches a broken contract, and prints the shrunk scenario as YAML that loads', () => {
    // Infinity whenever the scenario's kind for the party never retaliates (retaliate: 0).
    const reluctant = { ...titForTat, kind: 'reluctant', retaliationDelay: (self: { retaliationDelayMs: number; retaliate: number }) => self.retaliationDelayMs / self.retaliate };
    const out = fc.check(policyProperty(reluctant), { seed: 3 });
    expect(out.failed).toBe(true);
    expect(out.errorInstance).toBeInstanceOf(PolicyViolation);
    expect(String(out.errorInstance)).toMatch(/\(playing reluctant\): retaliationDelay returned Infinity/);
    const printed = fc.stringify(out.counterexample?.[0]);
    const [first, ...yaml] = printed.split('\n');
    expect(first).toMatch(/^\w+ playing reluctant in this scenario:$/);
    const scenario = parseScenario(yaml.join('\n'), 'counterexample.yaml');
    if (!scenario.ok) throw new Error('[test] the printed scenario does not load');
    // The party that played it is one whose kind never retaliates.
    const player = first?.split(' ')[0] as string;
    expect(['scripted', 'dove', 'probabilistic']).toContain(scenario.scenario.parties[player]?.policy.kind);
    // Why the contract matters: unchecked, the same run raises nothing, and the party never
    // strikes back, where tit-for-tat itself does.
    const plan = compileScenario(scenario.scenario, { hash: scenario.hash, parleyVersion: 'test' });
    const retaliations = (policy: PartyPolicy): number => {
      const out: Recorded[] = [];
      runPlan(plan, { policies: { [player]: policy }, onEvent: (e) => out.push(e) });
      return out.filter((e) => e.type === 'IncidentOccurred' && e.actor === player && e.data.retaliationFor !== undefined).length;
    };
    expect(retaliations(reluctant)).toBe(0);
    expect(retaliations(titForTat)).toBeGreaterThan(0);
  });

  it('catches a run that runs away: every party striking back at once, echo included', () => {
    const hairTrigger = { ...hawk, kind: 'hair-trigger', retaliationDelay: () => 0 };
    const out = fc.check(policyProperty(hairTrigger, { playedBy: 'every', mechanism: false, maxEvents: 5_000 }), { seed: 1 });
    expect(out.failed).toBe(true);
    expect((out.errorInstance as PolicyViolation).code).toBe('EVENT_BUDGET');
    expect(String(out.errorInstance)).toMatch(/playing hair-trigger, the run recorded 5000 events by .*, short of its horizon .*: it runs away/);
  });

  it('fails a run whose check returns false, and lets a check that throws speak for itself', () => {
    const never = fc.check(policyProperty(hawk, { maxDays: 5, check: ({ events }) => events.length < 8 }), { seed: 1 });
    expect((never.errorInstance as PolicyViolation).code).toBe('CHECK_FAILED');
    expect(String(never.errorInstance)).toMatch(/playing hawk, the run fails your check \(\d+ events\)/);
    const mine = new Error('my expectation');
    const thrown = fc.check(policyProperty(hawk, { maxDays: 5, check: () => { throw mine; } }), { seed: 1 });
    expect(thrown.errorInstance).toBe(mine);
  });

  it('passes the check every run of the policy, with who played it', () => {
    const seen = new Set<string>();
    fc.assert(
      policyProperty(titForTat, {
        maxDays: 5,
        check: ({ players, events, result, scenario }) => {
          expect(players).toHaveLength(1);
          expect(Object.keys(scenario.parties)).toContain(players[0]);
          expect(events.at(-1)?.type).toBe('SimulationEnded');
          expect(result.events).toBe(events.length);
          seen.add(players[0] as string);
        },
      }),
      { numRuns: 40 },
    );
    // The player is drawn: not always the first party.
    expect(seen.size).toBeGreaterThan(1);
  });
});
