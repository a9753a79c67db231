/**
 * Valid logs to tamper with, and the tampering. Valid logs come from real simulator runs
 * (the shipped scenarios at random seeds, small generated scenarios) and from the testing
 * kit's stream generator. Each edit makes one line content-wise wrong in a way the rules
 * forbid — and only that line: the lines before it are untouched, and the chain is re-hashed
 * (as a forger who knows the algorithm would), so a plain `verify` finds nothing.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorded } from '../../src/core/catalogue.js';
import { parseScenario } from '../../src/scenario/load.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { runPlan } from '../../src/sim/simulation.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { SCENARIO_DIR } from '../scenarios/run.js';
import { scenarioArbitrary } from '../sim/scenarioArbitrary.js';

/** A log as plain objects (seq, at, type, v, actor, data, cause?, hash), and where it came from. */
export interface SourceLog {
  readonly from: string;
  readonly events: readonly Record<string, unknown>[];
}

/** The shipped scenarios short enough to simulate in a property's every run. */
export const SHORT_SCENARIOS = ['paris-2026.yaml', 'paris-2026-no-cell.yaml', 'iprm-monthly.yaml', 'suspension-2017.yaml', 'late-warning-il20.yaml'];

const loaded = new Map<string, { scenario: Scenario; hash: string; source: string }>();

/** A shipped scenario, loaded once per test file. */
export function shipped(file: string): { scenario: Scenario; hash: string; source: string } {
  let s = loaded.get(file);
  if (!s) {
    const r = parseScenario(readFileSync(join(SCENARIO_DIR, file), 'utf8'), file);
    if (!r.ok) throw new Error(`${file}: ${r.issues[0]?.message}`);
    s = { scenario: r.scenario, hash: r.hash, source: r.source };
    loaded.set(file, s);
  }
  return s;
}

/** The events a run of `scenario` at `seed` records, as plain objects. */
export function simulate(scenario: Scenario, seed: number, hash = '0'.repeat(64), maxEvents = 3000): Recorded[] {
  const events: Recorded[] = [];
  runPlan(compileScenario(scenario, { hash, parleyVersion: PARLEY_VERSION, seed, maxEvents }), { onEvent: (e) => events.push(e) });
  return JSON.parse(JSON.stringify(events)) as Recorded[];
}

/** Plain objects with a `hash` key, so that `resealed` chains every one of them. */
const plain = (events: readonly Recorded[]): Record<string, unknown>[] =>
  (JSON.parse(JSON.stringify(events)) as Record<string, unknown>[]).map((e) => ({ ...e, hash: 'x' }));

/** Valid logs: shipped scenarios at random seeds, generated scenarios, generated streams. */
export const sourceLogArbitrary: fc.Arbitrary<SourceLog> = fc.oneof(
  fc.record({ file: fc.constantFrom(...SHORT_SCENARIOS), seed: fc.nat() }).map(({ file, seed }) => ({
    from: `${file} at seed ${seed}`,
    events: plain(simulate(shipped(file).scenario, seed)),
  })),
  scenarioArbitrary.map((input) => {
    const v = validateScenario(input);
    if (!v.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(v.issues)}`);
    return { from: `generated scenario ${JSON.stringify(input)}`, events: plain(simulate(v.scenario, v.scenario.seed)) };
  }),
  eventStreamArbitrary({ maxSteps: 100 }).map((events) => ({ from: 'a generated stream', events: plain(events) })),
);

/** A tampered log: the objects to re-seal, the line at fault and what verify must say. */
export interface Tampered {
  readonly what: string;
  readonly objects: Record<string, unknown>[];
  readonly line: number;
  /** The problem kind: `rule` for content, `schema` for a malformed envelope. */
  readonly kind: 'rule' | 'schema';
  /** The rule verify --deep must name, when one is certain. */
  readonly rule?: string;
  readonly field?: string;
}

type Obj = Record<string, unknown>;
const data = (o: Obj): Obj => o.data as Obj;
const at = (objects: readonly Obj[], i: number): Obj => objects[i] as Obj;

/** Inserts `o` after index `i` (so at line i + 2), renumbering the seqs and causes after it. */
function insertAfter(objects: readonly Obj[], i: number, o: Obj): Obj[] {
  const shifted = objects.slice(i + 1).map((e) => {
    const c = e.cause as number | undefined;
    return { ...e, seq: (e.seq as number) + 1, ...(c !== undefined && c > i + 1 ? { cause: c + 1 } : {}) };
  });
  return [...objects.slice(0, i + 1), { ...o, seq: i + 2, hash: 'x' }, ...shifted];
}

/** Replaces the object at index `i`. */
function replaceAt(objects: readonly Obj[], i: number, o: Obj): Obj[] {
  return objects.map((e, j) => (j === i ? o : e));
}

const indicesOf = (objects: readonly Obj[], test: (o: Obj) => boolean): number[] =>
  objects.flatMap((o, i) => (i > 0 && test(o) ? [i] : []));

/** One kind of tampering: the lines it applies to, and the edit at one of them. */
interface Edit {
  readonly name: string;
  readonly where: (objects: readonly Obj[]) => number[];
  readonly apply: (objects: readonly Obj[], i: number, n: number) => Tampered;
}

const parties = (objects: readonly Obj[]): string[] => Object.keys(data(at(objects, 0)).parties as Obj);

/** The edits, each making its line wrong and nothing before it. */
export const EDITS: readonly Edit[] = [
  {
    name: 'an event after SimulationEnded',
    where: (o) => (o.at(-1)?.type === 'SimulationEnded' && o.length > 2 ? [o.length - 1] : []),
    apply: (o, i, n) => {
      const copied = at(o, 1 + (n % (o.length - 2)));
      const { cause: _cause, ...rest } = copied;
      const extra = { ...rest, seq: i + 2, at: at(o, i).at, hash: 'x' };
      return { what: `${copied.type as string} copied after the end`, objects: [...o, extra], line: i + 2, kind: 'rule', rule: 'ENDED' };
    },
  },
  {
    name: 'an incident against a party that does not exist',
    where: (o) => indicesOf(o, (e) => e.type === 'IncidentOccurred'),
    apply: (o, i) => ({
      what: 'incident against "atlantis"',
      objects: replaceAt(o, i, { ...at(o, i), data: { ...data(at(o, i)), against: 'atlantis' } }),
      line: i + 1,
      kind: 'rule',
      rule: 'NOT_ALLOWED',
    }),
  },
  {
    name: 'a ruling recorded with a party as its actor',
    where: (o) => indicesOf(o, (e) => e.type === 'SupervisorRuled'),
    apply: (o, i, n) => {
      const ps = parties(o);
      return {
        what: 'ruling by a party',
        objects: replaceAt(o, i, { ...at(o, i), actor: ps[n % ps.length] }),
        line: i + 1,
        kind: 'rule',
        rule: 'NOT_ALLOWED',
      };
    },
  },
  {
    name: 'an acknowledgement of a message never delivered',
    where: (o) => indicesOf(o, (e) => e.type === 'MessageSent'),
    apply: (o, i) => {
      const sent = at(o, i);
      const ack = { at: sent.at, type: 'MessageAcknowledged', v: 1, actor: data(sent).to, data: { messageId: data(sent).messageId } };
      return { what: 'acknowledged before delivery', objects: insertAfter(o, i, ack), line: i + 2, kind: 'rule', rule: 'MESSAGE_NOT_DELIVERED' };
    },
  },
  {
    name: 'a second settlement',
    where: (o) => indicesOf(o, (e) => e.type === 'SettlementReached'),
    apply: (o, i) => {
      const { cause: _cause, ...again } = at(o, i);
      return { what: 'settled twice', objects: insertAfter(o, i, again), line: i + 2, kind: 'rule', rule: 'INVALID_TRANSITION' };
    },
  },
  {
    name: 'a deadline the recorded rules do not give',
    where: (o) => indicesOf(o, (e) => e.type === 'MessageSent' || e.type === 'DisputeRaised'),
    apply: (o, i, n) => {
      const e = at(o, i);
      const field = e.type === 'MessageSent' ? 'ackBy' : 'respondBy';
      const due = new Date(Date.parse(data(e)[field] as string) + 1000 * (1 + (n % 3600))).toISOString();
      return {
        what: `${field} moved`,
        objects: replaceAt(o, i, { ...e, data: { ...data(e), [field]: due } }),
        line: i + 1,
        kind: 'rule',
        rule: 'DIFFERS_FROM_RULES',
        field: `data.${field}`,
      };
    },
  },
  {
    name: 'a retaliation planned against the planner itself',
    where: (o) => indicesOf(o, (e) => e.type === 'RetaliationPlanned'),
    apply: (o, i) => {
      const e = at(o, i);
      return { what: 'retaliation against itself', objects: replaceAt(o, i, { ...e, data: { ...data(e), against: e.actor } }), line: i + 1, kind: 'rule', rule: 'NOT_ALLOWED' };
    },
  },
  {
    name: 'a retaliation planned twice for one incident',
    where: (o) => indicesOf(o, (e) => e.type === 'RetaliationPlanned'),
    apply: (o, i) => {
      const { cause: _cause, ...again } = at(o, i);
      return { what: 'planned twice', objects: insertAfter(o, i, again), line: i + 2, kind: 'rule', rule: 'DUPLICATE_ID' };
    },
  },
  {
    name: 'a retaliation held for a dispute that does not exist',
    where: (o) => indicesOf(o, (e) => e.type === 'RetaliationPlanned'),
    apply: (o, i) => {
      const plan = at(o, i);
      const hold = { at: plan.at, type: 'RetaliationHeld', v: 1, actor: plan.actor, data: { incidentId: data(plan).incidentId, disputeId: 'no-such-dispute' } };
      return { what: 'held for no dispute', objects: insertAfter(o, i, hold), line: i + 2, kind: 'rule', rule: 'UNKNOWN_DISPUTE' };
    },
  },
  {
    name: 'a ladder cooling the cooling rule does not give',
    where: (o) => indicesOf(o, (e) => e.type === 'LadderCooled'),
    apply: (o, i, n) => {
      const e = at(o, i);
      const delta = Math.round(((data(e).delta as number) - 0.5 - (n % 10)) * 1000) / 1000;
      return {
        what: `delta ${String(data(e).delta)} recorded as ${delta}`,
        objects: replaceAt(o, i, { ...e, data: { ...data(e), delta } }),
        line: i + 1,
        kind: 'rule',
        rule: 'DIFFERS_FROM_RULES',
        field: 'data.delta',
      };
    },
  },
  {
    name: 'a cause pointing to a later event',
    where: (o) => indicesOf(o, () => true),
    apply: (o, i, n) => ({
      what: 'cause after the event',
      objects: replaceAt(o, i, { ...at(o, i), cause: i + 1 + (n % 5) }),
      line: i + 1,
      kind: 'schema',
      field: 'cause',
    }),
  },
  {
    name: 'an event recorded by world, which only carries out incidents',
    where: (o) => indicesOf(o, (e) => e.type !== 'IncidentOccurred'),
    apply: (o, i) => ({ what: `${at(o, i).type as string} by world`, objects: replaceAt(o, i, { ...at(o, i), actor: 'world' }), line: i + 1, kind: 'rule' }),
  },
];

/**
 * A valid log with one of the edits applied at a line drawn at random among those it applies
 * to. The edit is drawn first, uniformly, and then a log it applies to (each applies to at
 * least a quarter of the logs): so every edit is tried about as often, however rare the
 * events it needs.
 */
export const tamperedArbitrary: fc.Arbitrary<{ source: SourceLog; tampered: Tampered }> = fc.constantFrom(...EDITS).chain((edit) =>
  sourceLogArbitrary
    // A stream of LogStarted alone (no steps, no cell, no end) has no line to edit.
    .filter((source) => source.events.length > 1 && edit.where(source.events).length > 0)
    .chain((source) =>
      fc.record({ pick: fc.nat(), n: fc.nat() }).map(({ pick, n }) => {
        const lines = edit.where(source.events);
        const i = lines[pick % lines.length] as number;
        const tampered = edit.apply(source.events, i, n);
        return { source, tampered: { ...tampered, what: `${edit.name} (${tampered.what}) at line ${i + 1}` } };
      }),
    ),
);
