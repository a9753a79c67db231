/**
 * The log's first event, `LogStarted`: what produced the log (the scenario's name, hash and
 * text, the overrides applied, the seed, Parley's version), the mechanism's rules `decide`
 * computes from, and everything replay needs (parties, supervisor, tracks, ladder, game).
 * Its schema, the schemas of the configurations it records, and the upcasters that read its
 * older versions as the current one.
 */
import { z } from 'zod';
import { duration, id, instant, type Issue, partyRecord, sha256, text, track, unit, zodIssues } from './fieldSchemas.js';
import { parseDuration } from './time.js';

/**
 * How the ladder cools down with time (see core/cooling.ts): `none`, or a half-life, the
 * time in which the pressure halves while nothing raises it.
 */
export const coolingSchema = z.union([
  z.literal('none'),
  z.strictObject({ halfLife: duration.refine((d) => (parseDuration(d) as number) > 0, 'a half-life is longer than zero') }),
]);
export type Cooling = z.infer<typeof coolingSchema>;

/** The ladder as LogStarted v2 recorded it: no cooling. */
const ladderConfigV2 = z.strictObject({
  // Level names become state names: no dots (xstate paths), no repeats.
  levels: z
    .array(id.refine((l) => !l.includes('.'), 'a level name may not contain "."'))
    .min(2)
    .refine((ls) => new Set(ls).size === ls.length, 'levels must be distinct'),
  /** `thresholds[i]` is the pressure at which level i begins; thresholds[0] must be 0. */
  thresholds: z.array(z.number().min(0)).min(2),
  /** Pressure never exceeds this. */
  max: z.number().positive(),
  reliefOnSettlement: z.number().min(0),
  reliefOnRuling: z.number().min(0),
  escalationPenalty: z.number().min(0),
});

/** Ladder parameters recorded in the first event, so that replay needs nothing else. */
export const ladderConfigSchema = ladderConfigV2.extend({ cooling: coolingSchema });
/** The escalation ladder's levels, thresholds, reliefs and cooling, as `LogStarted` records them. */
export type LadderConfig = z.infer<typeof ladderConfigSchema>;

export const gameConfigSchema = z.strictObject({
  payoff: z.strictObject({ R: z.number(), S: z.number(), T: z.number(), P: z.number() }),
});

/**
 * Longest scenario text a log records (and so the largest scenario file Parley reads), in
 * UTF-8 bytes: the first event carries the scenario's text, and a log line is at most 1 MiB
 * (log/reader.ts); escaped as JSON, 256 KiB of text takes at most 512 KiB.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;
/** Most parameter overrides a log records, and the longest path and value text of each. */
export const MAX_OVERRIDES = 100;
export const MAX_OVERRIDE_PATH = 200;
export const MAX_OVERRIDE_VALUE = 1000;

/** Whether `v` is JSON data: null, a boolean, a string, a finite number, or arrays and plain objects of them. */
export function isJsonValue(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (depth > 16 || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => isJsonValue(x, depth + 1));
}
/** A JSON value given on a command line (`--set path=value`), at most {@link MAX_OVERRIDE_VALUE} characters as JSON. */
const overrideValue = z
  .unknown()
  .refine(
    (v) => isJsonValue(v) && JSON.stringify(v).length <= MAX_OVERRIDE_VALUE,
    `expected a JSON value of at most ${MAX_OVERRIDE_VALUE} characters`,
  );
/** Parameter overrides (`--set path=value`), in the order given: what `LogStarted` and `ParametersChanged` record. */
export const overridesSchema = z
  .array(z.strictObject({ path: z.string().min(1).max(MAX_OVERRIDE_PATH), value: overrideValue }))
  .max(MAX_OVERRIDES);

/**
 * The mechanism's rules as a run applied them: `decide` computes deadlines from them
 * (`ackBy`, `respondBy`), so a log's deadlines can be checked against its own first event.
 * Durations are ISO-8601 (`P1D`); `null` where the scenario sets none.
 */
export const mechanismRulesSchema = z.strictObject({
  /** A message not acknowledged this long after it was sent is overdue. */
  ackDeadline: duration,
  /** A dispute not answered this long after it was raised is overdue. */
  disputeResponseDeadline: duration,
  /** Overdue acknowledgements are referred to the supervisor. */
  referral: z.boolean(),
  meetings: z.strictObject({
    /** Cadence of regular meetings; null: none. */
    every: duration.nullable(),
    extraordinaryOnRequest: z.boolean(),
    /** Incidents since the last meeting are on each regular meeting's agenda. */
    standingIncidentAgenda: z.boolean(),
  }),
  suspension: z.strictObject({
    /** Who suspends the cell over a severe incident. */
    by: z.array(id),
    /** Observed severity at or above which they do; null: never on their own. */
    onSeverityAbove: unit.nullable(),
    /** The cell resumes this long after a suspension; null: only when someone resumes it. */
    resumeAfter: duration.nullable(),
  }),
});
/** The mechanism's rules as `LogStarted` records them (see {@link mechanismRulesSchema}). */
export type MechanismRules = z.infer<typeof mechanismRulesSchema>;

/** `LogStarted`'s data: what the first event of every log records. */
export const logStartedSchema = z.strictObject({
  scenario: z.strictObject({
    name: text,
    /** SHA-256 of the scenario file's bytes. */
    hash: sha256,
    /** The scenario file's text, so that the log alone can rebuild the run; null: not recorded. */
    source: z.string().max(MAX_SCENARIO_BYTES).nullable(),
  }),
  /** Parameter overrides applied to the scenario (`--set path=value`), in the order given. */
  overrides: overridesSchema,
  seed: z.number().int().min(0).max(0xffffffff),
  parley: z.string().max(40),
  start: instant,
  end: instant,
  parties: partyRecord(z.strictObject({ name: text })),
  supervisor: z.strictObject({ id, name: text }),
  mechanism: z.boolean(),
  /** The mechanism's rules; null: not recorded (a log written before LogStarted v2). */
  rules: mechanismRulesSchema.nullable(),
  tracks: z.array(track),
  ladder: ladderConfigSchema,
  game: gameConfigSchema.optional(),
});

/**
 * The version `LogStarted` is written in; older ones are read through an upcaster.
 * v2: the scenario's text, the overrides applied, the mechanism's rules. v3: the ladder's
 * cooling rule.
 */
export const LOG_STARTED_VERSION = 3;

/** The data of a `LogStarted` event read as the current version, or what is wrong with it. */
export type UpcastResult = { ok: true; value: z.infer<typeof logStartedSchema> } | { ok: false; issues: Issue[] };

/** `LogStarted` as version 2 wrote it: a ladder without cooling. */
const logStartedV2 = logStartedSchema.extend({ ladder: ladderConfigV2 });

/** `LogStarted` as version 1 wrote it: no scenario text, no overrides, no rules. */
const logStartedV1 = logStartedV2.omit({ overrides: true, rules: true }).extend({
  scenario: z.strictObject({ name: text, hash: sha256 }),
});

/**
 * Reads the data of an older `LogStarted` event (`version` 1 or 2) as the current version.
 * What a version did not record is never guessed: v1's scenario text and rules read as not
 * recorded (null; v1 runs had no overrides), and a ladder before v3 did not cool (`none`:
 * those runs had no cooling, so their replay is unchanged).
 */
export function upcastLogStarted(data: unknown, version: 1 | 2): UpcastResult {
  if (version === 1) {
    const old = logStartedV1.safeParse(data);
    if (!old.success) return { ok: false, issues: zodIssues(old.error, 'data') };
    const v2 = { ...old.data, scenario: { ...old.data.scenario, source: null }, overrides: [], rules: null };
    return { ok: true, value: { ...v2, ladder: { ...v2.ladder, cooling: 'none' } } };
  }
  const old = logStartedV2.safeParse(data);
  if (!old.success) return { ok: false, issues: zodIssues(old.error, 'data') };
  return { ok: true, value: { ...old.data, ladder: { ...old.data.ladder, cooling: 'none' } } };
}
