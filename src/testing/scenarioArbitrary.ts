/**
 * fast-check arbitraries of whole scenarios, valid by construction: every generated scenario
 * passes the scenario schema and its cross-reference checks (so it always loads, from an
 * object or from its YAML text), compiles and runs. Parties, policies, the cell's tracks,
 * deadlines, meetings and suspension rules, fog, a custom ladder, incident generators, a
 * scripted timeline whose references point only backwards in time, and sometimes a game.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { MESSAGE_KINDS, TRACKS, type Track } from '../core/catalogue.js';
import { formatInstant, parseInstant } from '../core/time.js';
import type { ScenarioInput } from '../scenario/schema.js';

/** Constraints of {@link scenarioArbitrary}. */
export interface ScenarioConstraints {
  /** Fewest and most parties (default 2 and 3; the format allows 2 to 8). */
  readonly minParties?: number;
  readonly maxParties?: number;
  /** Longest horizon in days (default 30); the shortest is 2. */
  readonly maxDays?: number;
  /** Whether the cell is on (default: drawn). */
  readonly mechanism?: boolean;
  /** Whether the scenario plays repeated-interaction rounds (default: drawn). */
  readonly game?: boolean;
  /** Most incident generators (default 3). */
  readonly maxGenerators?: number;
  /** Most scripted timeline entries (default 6). */
  readonly maxTimeline?: number;
}

const PARTY_IDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'] as const;
const SUPERVISOR = 'sup';
const START = '2026-01-01T00:00:00Z';
const INCIDENT_KINDS = ['incursion', 'airstrike', 'raid', 'detention', 'threat', 'shelling', 'aid'] as const;
const POLICY_KINDS = ['scripted', 'tit-for-tat', 'generous-tit-for-tat', 'hawk', 'dove', 'probabilistic'] as const;
const HOUR = 3_600_000;

const hours = (h: number): string => `PT${h}H`;
const days = (d: number): string => `P${d}D`;
const chance = fc.integer({ min: 0, max: 100 }).map((x) => x / 100);
const option = <T>(fixed: T | undefined, drawn: fc.Arbitrary<T>): fc.Arbitrary<T> => (fixed === undefined ? drawn : fc.constant(fixed));

const policy = fc
  .record({
    kind: fc.constantFrom(...POLICY_KINDS),
    ackDelay: fc.integer({ min: 0, max: 30 }).map(hours),
    answerDelay: fc.integer({ min: 0, max: 30 }).map(hours),
    retaliationDelay: fc.integer({ min: 1, max: 48 }).map(hours),
    disputeThreshold: chance,
    settle: fc.option(chance, { nil: undefined }),
    generosity: chance,
    retaliate: chance,
    raiseDispute: chance,
  })
  .map(({ kind, settle, generosity, retaliate, raiseDispute, ...common }) => ({
    kind,
    ...common,
    ...(settle === undefined ? {} : { settle }),
    ...(kind === 'generous-tit-for-tat' ? { generosity } : {}),
    ...(kind === 'probabilistic' ? { retaliate, raiseDispute } : {}),
  }));

const supervisorPolicy = fc.oneof(
  fc.constant({ kind: 'active' }),
  fc.constant({ kind: 'passive' }),
  chance.map((intervene) => ({ kind: 'probabilistic', intervene })),
);

/** A ladder of 2 to 5 levels with strictly increasing thresholds from 0 and a max above them. */
const ladder = fc
  .array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 })
  .map((steps) => {
    const thresholds = steps.reduce<number[]>((acc, step) => [...acc, (acc.at(-1) as number) + step], [0]);
    return {
      levels: thresholds.map((_, i) => `level${i}`),
      thresholds,
      max: (thresholds.at(-1) as number) + 10,
    };
  });

/** Raw choices for one timeline entry, resolved against what came before it. */
const entryChoice = fc.record({
  kind: fc.constantFrom('incident', 'incident', 'message', 'dispute', 'deescalation', 'suspend', 'resume', 'meeting', 'withdraw'),
  hour: fc.nat({ max: 1_000_000 }),
  a: fc.nat({ max: 99 }),
  b: fc.nat({ max: 99 }),
  c: fc.nat({ max: 99 }),
});

type EntryChoice = { kind: string; hour: number; a: number; b: number; c: number };

/** Builds timeline entries in run order; references only name entries before them. */
function timeline(choices: readonly EntryChoice[], parties: readonly string[], tracks: readonly Track[], totalHours: number): unknown[] {
  const at = (h: number): string => formatInstant((parseInstant(START) as number) + h * HOUR);
  const hoursSorted = choices.map((c) => c.hour % (totalHours + 1)).sort((x, y) => x - y);
  const incidents: string[] = [];
  const disputes: Array<{ id: string; by: string }> = [];
  const participants = [...parties, SUPERVISOR];
  const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
  const other = (list: readonly string[], not: string, n: number): string => pick(list.filter((p) => p !== not), n);
  return choices.flatMap((c, i): unknown[] => {
    const when = at(hoursSorted[i] as number);
    const id = `${c.kind}-${i}`;
    const by = pick(parties, c.a);
    switch (c.kind) {
      case 'incident': {
        const actor = c.c % 4 === 0 ? 'world' : by;
        incidents.push(id);
        const against = actor === 'world' ? by : other(parties, by, c.b);
        return [{ at: when, incident: { id, kind: pick(INCIDENT_KINDS, c.b), by: actor, against, ...(c.c % 3 === 0 ? { blamed: 'world' } : {}) } }];
      }
      case 'message': {
        const from = pick(participants, c.a);
        const to = other(participants, from, c.b);
        const about = incidents.length > 0 && c.c % 2 === 0 ? { incident: pick(incidents, c.c) } : {};
        return [{ at: when, message: { id, from, to, track: pick(tracks, c.c), kind: pick(MESSAGE_KINDS, c.b), ...about } }];
      }
      case 'dispute': {
        const over = incidents.length > 0 && c.c % 2 === 0 ? { over: pick(incidents, c.c) } : {};
        disputes.push({ id, by });
        return [{ at: when, dispute: { id, by, against: other(parties, by, c.b), track: pick(tracks, c.c), ...over } }];
      }
      case 'deescalation':
        return [{ at: when, deescalation: { id, by, kind: 'deescalation' } }];
      case 'suspend':
        return [{ at: when, suspend: { by: pick(participants, c.a), reason: 'a strike' } }];
      case 'resume':
        return [{ at: when, resume: { by: pick(participants, c.a) } }];
      case 'meeting':
        return [{ at: when, meeting: { by: pick(participants, c.a), reason: 'an incident' } }];
      default: {
        if (disputes.length === 0) return [];
        const d = pick(disputes, c.a);
        return [{ at: when, withdraw: { dispute: d.id, by: d.by } }];
      }
    }
  });
}

/**
 * Scenarios as written in a file (before defaults), valid by construction.
 * @example
 * fc.assert(fc.property(scenarioArbitrary({ maxDays: 10 }), (input) => validateScenario(input).ok));
 */
export function scenarioArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<ScenarioInput> {
  const minParties = Math.max(2, constraints.minParties ?? 2);
  const maxParties = Math.min(PARTY_IDS.length, Math.max(minParties, constraints.maxParties ?? 3));
  return fc
    .record({
      parties: fc.integer({ min: minParties, max: maxParties }),
      policies: fc.array(policy, { minLength: maxParties, maxLength: maxParties }),
      supervisorPolicy,
      seed: fc.nat({ max: 0xffff }),
      days: fc.integer({ min: 2, max: Math.max(2, constraints.maxDays ?? 30) }),
      enabled: option(constraints.mechanism, fc.boolean().map((off) => !off)),
      tracks: fc.shuffledSubarray([...TRACKS], { minLength: 1 }),
      ackDeadline: fc.integer({ min: 1, max: 48 }).map(hours),
      disputeResponseDeadline: fc.integer({ min: 1, max: 14 }).map(days),
      referral: fc.boolean(),
      meetingsEvery: fc.option(fc.integer({ min: 3, max: 30 }).map(days), { nil: null }),
      extraordinaryOnRequest: fc.boolean(),
      suspendBy: fc.array(fc.nat({ max: 8 }), { maxLength: 2 }),
      onSeverityAbove: fc.option(chance, { nil: undefined }),
      resumeAfter: fc.option(fc.integer({ min: 1, max: 10 }).map(days), { nil: undefined }),
      fog: fc.record({ misattribution: chance, severityNoise: fc.integer({ min: 0, max: 30 }).map((x) => x / 100), messageLoss: fc.integer({ min: 0, max: 20 }).map((x) => x / 100), deliveryDelay: fc.integer({ min: 0, max: 120 }).map((m) => `PT${m}M`) }),
      ladder: fc.option(ladder, { nil: undefined }),
      rulingAccepted: chance,
      generators: fc.array(
        fc.record({ kind: fc.constantFrom(...INCIDENT_KINDS), by: fc.nat(8), against: fc.nat(8), everyHours: fc.integer({ min: 6, max: 240 }), warn: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) }),
        { maxLength: constraints.maxGenerators ?? 3 },
      ),
      timeline: fc.array(entryChoice, { maxLength: constraints.maxTimeline ?? 6 }),
      game: option(constraints.game, fc.boolean()),
      gameChoice: fc.record({ rounds: fc.integer({ min: 1, max: 40 }), epsilon: fc.integer({ min: 0, max: 50 }).map((x) => x / 100), clarify: chance }),
    })
    .map((g) => {
      const ids = PARTY_IDS.slice(0, g.parties);
      const pick = (n: number): string => ids[n % ids.length] as string;
      const parties = Object.fromEntries(ids.map((id, i) => [id, { name: id.toUpperCase(), policy: g.policies[i] }]));
      const suspendBy = [...new Set(g.suspendBy.map((n) => (n % (ids.length + 1) === ids.length ? SUPERVISOR : pick(n))))];
      const generators = g.generators.map((x) => {
        const by = x.by % (ids.length + 1) === ids.length ? 'world' : pick(x.by);
        const against = by === pick(x.against) ? pick(x.against + 1) : pick(x.against);
        return { incident: x.kind, by, against, every: hours(x.everyHours), ...(x.warn !== undefined && by !== 'world' ? { warn: hours(x.warn) } : {}) };
      });
      // Two rounds a day: the rounds must fit the horizon.
      const rounds = Math.min(g.gameChoice.rounds, 2 * g.days - 1);
      return {
        parley: 1,
        name: 'generated',
        start: START,
        horizon: days(g.days),
        seed: g.seed,
        parties,
        supervisor: { id: SUPERVISOR, name: 'Supervisor', policy: g.supervisorPolicy, mediation: { rulingAccepted: g.rulingAccepted } },
        mechanism: {
          enabled: g.enabled,
          tracks: g.tracks,
          ackDeadline: g.ackDeadline,
          disputeResponseDeadline: g.disputeResponseDeadline,
          referral: g.referral,
          meetings: { every: g.meetingsEvery, extraordinaryOnRequest: g.extraordinaryOnRequest },
          suspension: {
            by: suspendBy,
            ...(suspendBy.length > 0 && g.onSeverityAbove !== undefined ? { onSeverityAbove: g.onSeverityAbove } : {}),
            ...(g.resumeAfter === undefined ? {} : { resumeAfter: g.resumeAfter }),
          },
        },
        fog: g.fog,
        ...(g.ladder === undefined ? {} : { ladder: g.ladder }),
        generators,
        timeline: timeline(g.timeline, ids, g.tracks, g.days * 24),
        ...(g.game ? { game: { rounds, every: 'PT12H', epsilon: g.gameChoice.epsilon, clarify: g.gameChoice.clarify } } : {}),
      } as ScenarioInput;
    });
}

/**
 * The same scenarios as YAML text, as a user would write the file (with the schema comment
 * editors use): `parseScenario(text, file)` loads every one.
 * @example
 * fc.assert(fc.property(scenarioYamlArbitrary(), (text) => parseScenario(text, 'generated.yaml').ok));
 */
export function scenarioYamlArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<string> {
  return scenarioArbitrary(constraints).map(
    (s) => `# yaml-language-server: $schema=../schema/scenario.schema.json\n${stringify(s)}`,
  );
}
