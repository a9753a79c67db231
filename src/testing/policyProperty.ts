/**
 * A party policy of your own, checked over generated scenarios: each scenario is run with the
 * policy played by one of its parties (or by all of them), and the run must keep the
 * policy's contract at every decision, end within an event budget, keep every invariant at
 * every prefix of its events, and pass a check of your own on its outcome.
 *
 * A policy cannot make the log break a rule of the mechanism: it only answers yes or no and
 * how long (acknowledge? retaliate? after how long?), the simulator turns the answers into
 * commands, and every command goes through `decide`, which refuses what the rules forbid. So
 * the invariants hold whatever the policy does, and checking them confirms it (and would catch
 * a bug of the simulator's that an unusual policy brings out). What a policy can get wrong is
 * its contract (a delay of `NaN` silently means "never"), a run that never ends, or the
 * behaviour you meant it to have: the property catches the first two by itself, and the last
 * with your `check`.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Recorded } from '../core/catalogue.js';
import { formatInstant } from '../core/time.js';
import { compileScenario } from '../scenario/compile.js';
import type { Scenario, ScenarioInput } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import { standardSupervisor, type PartyPolicy, type SupervisorPolicy } from '../sim/policies/index.js';
import { runPlan, type RunResult } from '../sim/simulation.js';
import { PARLEY_VERSION } from '../version.js';
import { assertEveryPrefix } from './checkEveryPrefix.js';
import type { Invariant } from './invariant.js';
import { PARLEY_INVARIANTS } from './invariants.js';
import { checkedPolicy, checkedSupervisor, PolicyViolation } from './policyContract.js';
import { scenarioArbitrary, type ScenarioConstraints } from './scenarioArbitrary.js';

/** Constraints of {@link policyProperty}: the scenarios' (see `scenarioArbitrary`), and these. */
export interface PolicyConstraints extends ScenarioConstraints {
  /** Who plays the policy: one party per scenario, drawn (default), or every party. */
  readonly playedBy?: 'one' | 'every';
  /** The supervisor's policy (default the standard one). Its decisions are checked too. */
  readonly supervisor?: SupervisorPolicy;
  /**
   * Most events a run may record before its horizon (default 50,000; with Parley's own
   * policies, 1,000 generated scenarios under the default constraints recorded at most 959).
   */
  readonly maxEvents?: number;
  /** The invariants checked at every prefix (default `PARLEY_INVARIANTS`). */
  readonly invariants?: readonly Invariant[];
  /** Your own property of each run: return `false` or throw (an `expect`, say) to fail it. */
  readonly check?: (run: PolicyRun) => boolean | void;
}

/** One run of a generated scenario with the policy: what `check` is given. */
export interface PolicyRun {
  /** The scenario, validated, with its defaults. */
  readonly scenario: Scenario;
  /** The parties that played the policy. */
  readonly players: readonly string[];
  /** Every event the run recorded. */
  readonly events: readonly Recorded[];
  /** What `runPlan` returned: the final state, refusals, how the run ended. */
  readonly result: RunResult;
}

/** A generated scenario and who plays the policy in it (prints as YAML when a property fails). */
export interface PolicyCase {
  readonly scenario: ScenarioInput;
  readonly players: readonly string[];
}

/** About fifty times the most Parley's own policies recorded in 1,000 generated scenarios (959). */
const DEFAULT_MAX_EVENTS = 50_000;

/**
 * The property that `policy` is safe to play, over generated scenarios (see the module's
 * documentation for what it checks and why). fast-check shrinks a failure to the simplest
 * scenario that shows it, printed as YAML.
 * @example
 * import fc from 'fast-check';
 * import { partyPolicy, type PartyPolicy } from 'parley';
 * import { policyProperty } from 'parley/testing';
 *
 * const titForTat = partyPolicy('tit-for-tat');
 * if (!titForTat) throw new Error('no tit-for-tat');
 * // Tit-for-tat that lets minor acts pass: it must never retaliate more often than tit-for-tat.
 * const patient: PartyPolicy = { ...titForTat, kind: 'patient', retaliates: (self, seen, rng) => seen.severity > 0.6 && titForTat.retaliates(self, seen, rng) };
 * fc.assert(policyProperty(patient, { playedBy: 'every', maxDays: 10 }));
 */
export function policyProperty(policy: PartyPolicy, constraints: PolicyConstraints = {}): fc.IPropertyWithHooks<[PolicyCase]> {
  const maxEvents = constraints.maxEvents ?? DEFAULT_MAX_EVENTS;
  const invariants = constraints.invariants ?? PARLEY_INVARIANTS;
  const supervisor = checkedSupervisor(constraints.supervisor ?? standardSupervisor);
  const cases = fc.record({ scenario: scenarioArbitrary(constraints), pick: fc.nat() }).map(({ scenario, pick }) => {
    const ids = Object.keys(scenario.parties);
    const players = constraints.playedBy === 'every' ? ids : [ids[pick % ids.length] as string];
    return printable({ scenario, players }, policy.kind);
  });
  return fc.property(cases, ({ scenario: input, players }) => {
    const checked = validateScenario(input);
    if (!checked.ok) throw new Error(`[testing] a generated scenario does not validate: ${checked.issues[0]?.message}`);
    const plan = compileScenario(checked.scenario, { hash: '0'.repeat(64), parleyVersion: PARLEY_VERSION, maxEvents });
    const events: Recorded[] = [];
    const policies = Object.fromEntries(players.map((p) => [p, checkedPolicy(policy, p)]));
    const result = runPlan(plan, { policies, supervisor, onEvent: (e) => events.push(e) });
    const who = `${players.join(', ')} playing ${policy.kind}`;
    if (result.endedBy === 'stopped') {
      const horizon = formatInstant(plan.endMs);
      const message = `[policy] with ${who}, the run recorded ${maxEvents} events by ${result.reachedAt}, short of its horizon ${horizon}: it runs away (raise maxEvents if runs that long are what you meant)`;
      throw new PolicyViolation('EVENT_BUDGET', message);
    }
    assertEveryPrefix(events, invariants);
    if (constraints.check?.({ scenario: checked.scenario, players, events, result }) === false) {
      throw new PolicyViolation('CHECK_FAILED', `[policy] with ${who}, the run fails your check (${events.length} events)`);
    }
  });
}

/** The case, with a `fc.toStringMethod` that prints the scenario as YAML, ready to save and run. */
function printable(c: PolicyCase, kind: string): PolicyCase {
  Object.defineProperty(c, fc.toStringMethod, {
    value: () => `${c.players.join(', ')} playing ${kind} in this scenario:\n${stringify(c.scenario)}`,
    enumerable: false,
  });
  return c;
}
