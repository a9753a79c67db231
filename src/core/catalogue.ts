/**
 * The event catalogue: every fact Parley can record, one runtime schema per type (zod), and
 * the TypeScript union derived from those schemas so the two can never disagree.
 *
 * Conventions: the envelope's `actor` is whoever caused the fact (a party, the supervisor,
 * `cell`, `world` for exogenous incidents, `sim` for the clock); `data` never repeats it.
 * Every type starts at schema version 1; a change to a type's data bumps its version and
 * adds an upcaster in `parseEvent`.
 */
import { z } from 'zod';
import { acceptsEnvelope } from './envelope.js';
import { idProblem } from './ids.js';
import { parseDuration, parseInstant } from './time.js';

/** The four tracks of the joint fusion mechanism. */
export const TRACKS = ['intelligence', 'deescalation', 'diplomatic', 'commercial'] as const;
/** A track of the mechanism (see {@link TRACKS}). */
export type Track = (typeof TRACKS)[number];

/** What a message through the cell can be. */
export const MESSAGE_KINDS = [
  'notification',
  'warning',
  'request',
  'protest',
  'clarification',
  'proposal',
  'information',
] as const;
/** One of {@link MESSAGE_KINDS}. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A party's move in a round of the repeated game. */
export const MOVES = ['restrain', 'strike'] as const;
/** One of {@link MOVES}. */
export type Move = (typeof MOVES)[number];

// A plain refinement: the message is worked out again only for a bad id.
const id = z.string().refine((value) => idProblem(value) === undefined, {
  error: (issue) => idProblem(issue.input as string),
});
const instant = z
  .string()
  .refine((s) => parseInstant(s) !== undefined, 'expected an ISO-8601 UTC instant such as 2026-01-06T00:00:00Z');
const track = z.enum(TRACKS);
const text = z.string().max(2000);
const cameo = z.string().regex(/^\d{2,4}$/, 'expected a CAMEO code (2-4 digits, as a string)');
const weight = z.number().min(-10).max(10);
const unit = z.number().min(0).max(1);
const move = z.enum(MOVES);
const partyRecord = <T extends z.ZodType>(value: T) => z.record(id, value);

/** Ladder parameters recorded in the first event, so that replay needs nothing else. */
export const ladderConfigSchema = z.strictObject({
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
/** The escalation ladder's levels, thresholds and reliefs, as `LogStarted` records them. */
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

const duration = z
  .string()
  .refine((d) => parseDuration(d) !== undefined, 'expected an ISO-8601 duration such as PT24H or P7D');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Whether `v` is JSON data: null, a boolean, a string, a finite number, or arrays and plain objects of them. */
function isJsonValue(v: unknown, depth = 0): boolean {
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

const schemas = {
  // --- the log itself -------------------------------------------------------------------
  // v2: the scenario's text, the overrides applied to it, and the mechanism's rules. A v1
  // event (before them) is read as v2 with those marked as not recorded: see upcastLogStarted.
  LogStarted: z.strictObject({
    scenario: z.strictObject({
      name: text,
      /** SHA-256 of the scenario file's bytes. */
      hash: sha256,
      /** The scenario file's text, so that the log alone can rebuild the run; null: not recorded. */
      source: z.string().max(MAX_SCENARIO_BYTES).nullable(),
    }),
    /** Parameter overrides applied to the scenario (`--set path=value`), in the order given. */
    overrides: z
      .array(z.strictObject({ path: z.string().min(1).max(MAX_OVERRIDE_PATH), value: overrideValue }))
      .max(MAX_OVERRIDES),
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
  }),
  SimulationEnded: z.strictObject({ reason: z.enum(['horizon', 'timeline', 'stopped']) }),

  // --- the cell -------------------------------------------------------------------------
  CellProposed: z.strictObject({ tracks: z.array(track).min(1) }),
  CellEstablished: z.strictObject({}),
  CellActivated: z.strictObject({}),
  CellSuspended: z.strictObject({ reason: text, incidentId: id.optional() }),
  CellResumed: z.strictObject({ reason: text.optional() }),
  CellDissolved: z.strictObject({ reason: text }),
  TrackQuieted: z.strictObject({ track }),
  ExtraordinaryMeetingRequested: z.strictObject({ reason: text, incidentId: id.optional() }),
  MeetingOpened: z.strictObject({
    meetingId: id,
    kind: z.enum(['regular', 'extraordinary']),
    agenda: z.strictObject({ incidents: z.array(id), disputes: z.array(id) }),
  }),
  MeetingClosed: z.strictObject({ meetingId: id, summary: text.optional() }),

  // --- messages -------------------------------------------------------------------------
  MessageSent: z.strictObject({
    messageId: id,
    to: id,
    track,
    kind: z.enum(MESSAGE_KINDS),
    cameo: cameo.optional(),
    subject: text.optional(),
    incidentId: id.optional(),
    disputeId: id.optional(),
    inReplyTo: id.optional(),
    ackBy: instant,
  }),
  MessageDelivered: z.strictObject({ messageId: id }),
  MessageLost: z.strictObject({ messageId: id }),
  MessageAcknowledged: z.strictObject({ messageId: id }),
  MessageAnswered: z.strictObject({ messageId: id, reply: id.optional() }),
  AckDeadlineMissed: z.strictObject({ messageId: id }),
  MessageReferred: z.strictObject({ messageId: id }),

  // --- incidents and how they were seen -------------------------------------------------
  IncidentOccurred: z.strictObject({
    incidentId: id,
    kind: id,
    against: id,
    cameo,
    weight,
    severity: unit,
    where: text.optional(),
    description: text.optional(),
    retaliationFor: id.optional(),
  }),
  IncidentObserved: z.strictObject({ incidentId: id, attributedTo: id, severity: unit }),
  IncidentClarified: z.strictObject({ incidentId: id, party: id, attributedTo: id, messageId: id.optional() }),
  DeescalationStepTaken: z.strictObject({
    stepId: id,
    kind: id,
    cameo,
    weight,
    description: text.optional(),
  }),

  // --- disputes -------------------------------------------------------------------------
  DisputeRaised: z.strictObject({
    disputeId: id,
    against: id,
    track,
    incidentId: id.optional(),
    messageId: id.optional(),
    claim: text.optional(),
    respondBy: instant,
  }),
  DisputeAcknowledged: z.strictObject({ disputeId: id }),
  FactFindingOpened: z.strictObject({ disputeId: id }),
  FactFindingReported: z.strictObject({ disputeId: id, attributedTo: id.optional(), finding: text }),
  SettlementReached: z.strictObject({ disputeId: id, terms: text.optional() }),
  MediationRequested: z.strictObject({ disputeId: id }),
  SupervisorRuled: z.strictObject({ disputeId: id, ruling: text }),
  RulingAccepted: z.strictObject({ disputeId: id }),
  RulingRejected: z.strictObject({ disputeId: id, reason: text.optional() }),
  MediationFailed: z.strictObject({ disputeId: id, reason: text }),
  DisputeEscalated: z.strictObject({ disputeId: id, reason: text.optional() }),
  DisputeWithdrawn: z.strictObject({ disputeId: id }),
  DisputeDeadlineMissed: z.strictObject({ disputeId: id, stage: id }),
  DisputeLapsed: z.strictObject({ disputeId: id }),

  // --- repeated-interaction mode --------------------------------------------------------
  RoundPlayed: z.strictObject({
    round: z.number().int().min(1),
    intended: partyRecord(move),
    moves: partyRecord(move),
    payoffs: partyRecord(z.number()),
  }),
  AccidentClarified: z.strictObject({ round: z.number().int().min(1), to: id }),
} as const;

type Schemas = typeof schemas;
/** Every event type name. */
export type EventType = keyof Schemas;
/** The data carried by an event of type `T`. */
export type EventData<T extends EventType> = z.infer<Schemas[T]>;

/** Current schema version of every event type. */
export const EVENT_VERSIONS: { readonly [T in EventType]: number } = Object.fromEntries(
  Object.keys(schemas).map((t) => [t, t === 'LogStarted' ? 2 : 1]),
) as { [T in EventType]: number };

/** `LogStarted` as version 1 wrote it: no scenario text, no overrides, no rules. */
const logStartedV1 = schemas.LogStarted.omit({ overrides: true, rules: true }).extend({
  scenario: z.strictObject({ name: text, hash: sha256 }),
});

/**
 * Reads the data of a `LogStarted` v1 event as v2: what v1 did not record is marked as not
 * recorded (`scenario.source` and `rules` null), never guessed; v1 runs had no overrides.
 */
export function upcastLogStarted(v1: unknown): ParseResult<EventData<'LogStarted'>> {
  const old = logStartedV1.safeParse(v1);
  if (!old.success) return { ok: false, issues: zodIssues(old.error, 'data') };
  return { ok: true, value: { ...old.data, scenario: { ...old.data.scenario, source: null }, overrides: [], rules: null } };
}

/** Every event type of the catalogue, in catalogue order. */
export const EVENT_TYPES = Object.keys(schemas) as EventType[];

/** A fact before it is sequenced: what `decide` returns. */
export type Fact = {
  [T in EventType]: {
    readonly type: T;
    readonly v: number;
    readonly at: string;
    readonly actor: string;
    readonly data: EventData<T>;
    readonly cause?: number;
  };
}[EventType];

/** A fact with its position in the log: what `evolve` folds. */
export type Recorded = Fact & { readonly seq: number; readonly hash?: string };

/** A logged event: sequenced and hash-chained. */
export type Envelope = Fact & { readonly seq: number; readonly hash: string };

/** Narrows a fact union to one type. */
export type FactOf<T extends EventType> = Extract<Recorded, { type: T }>;

/** One problem found while parsing input, with the path to the offending field. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A parsed value, or every problem found with its field path. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** The envelope of every recorded event (`data` is checked by the type's own schema). */
export const envelopeSchema = z.strictObject({
  seq: z.number().int().min(1),
  at: instant,
  type: z.string(),
  v: z.number().int().min(1),
  actor: id,
  data: z.unknown(),
  cause: z.number().int().min(1).optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

/** Renders a zod issue path (`data.agenda.incidents[2]`). */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path, prefix), message: i.message }));
}

/**
 * Validates an unknown value (a parsed JSON line) as a recorded event: envelope fields,
 * a known type, a known version, and the type's data schema. All problems are returned.
 * The one validation of events: the log reader, the writer and `verify` all use it. A
 * valid event comes back as the very value given (no copy).
 */
export function parseEvent(raw: unknown): ParseResult<Recorded> {
  // The hand-written accept path (see envelope.ts) spares zod's envelope parse on valid input.
  let e: z.infer<typeof envelopeSchema>;
  if (acceptsEnvelope(raw)) {
    e = raw;
  } else {
    const env = envelopeSchema.safeParse(raw);
    if (!env.success) return { ok: false, issues: zodIssues(env.error) };
    e = env.data;
  }
  if (!Object.prototype.hasOwnProperty.call(schemas, e.type)) {
    return { ok: false, issues: [{ path: 'type', message: `unknown event type "${e.type}"` }] };
  }
  const type = e.type as EventType;
  if (type === 'LogStarted' && e.v === 1) {
    const up = upcastLogStarted(e.data);
    return up.ok ? { ok: true, value: { ...e, type, v: EVENT_VERSIONS.LogStarted, data: up.value } as Recorded } : up;
  }
  if (e.v !== EVENT_VERSIONS[type]) {
    return {
      ok: false,
      issues: [{ path: 'v', message: `${type} has schema version ${EVENT_VERSIONS[type]}, not ${e.v}` }],
    };
  }
  const data = schemas[type].safeParse(e.data);
  if (!data.success) return { ok: false, issues: zodIssues(data.error, 'data') };
  // No schema of the catalogue transforms or defaults, so zod's value equals the input: an
  // accepted envelope is returned as given (keys in the order read, no copy per event).
  return { ok: true, value: (e === raw ? raw : { ...e, type, data: data.data }) as Recorded };
}

/** Validates the data of a fact about to be recorded (used by `decide` as a last guard). */
export function checkData(type: EventType, data: unknown): Issue[] {
  const r = schemas[type].safeParse(data);
  return r.success ? [] : zodIssues(r.error, 'data');
}

/** Builds a fact with the current schema version of its type. */
export function fact<T extends EventType>(
  type: T,
  meta: { at: string; actor: string; cause?: number | undefined },
  data: EventData<T>,
): Extract<Fact, { type: T }> {
  const f: Record<string, unknown> = { type, v: EVENT_VERSIONS[type], at: meta.at, actor: meta.actor, data };
  if (meta.cause !== undefined) f.cause = meta.cause;
  return f as never;
}

/** The zod schema of one event type's data (for documentation and tooling). */
export function dataSchema(type: EventType): z.ZodType {
  return schemas[type];
}
