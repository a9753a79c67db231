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
import { cameo, id, instant, type Issue, MESSAGE_KINDS, move, type ParseResult, partyRecord, RETALIATION_CALLED_OFF, text, track, unit, weight, zodIssues } from './fieldSchemas.js';
import { LOG_STARTED_VERSION, logStartedSchema, upcastLogStarted } from './logStarted.js';
import { parametersChangedSchema } from './parametersChanged.js';

export { MESSAGE_KINDS, MOVES, RETALIATION_CALLED_OFF, TRACKS, formatPath } from './fieldSchemas.js';
export type { CalledOffReason, Issue, MessageKind, Move, ParseResult, Track } from './fieldSchemas.js';
export {
  coolingSchema,
  gameConfigSchema,
  ladderConfigSchema,
  MAX_OVERRIDE_PATH,
  MAX_OVERRIDE_VALUE,
  MAX_OVERRIDES,
  MAX_SCENARIO_BYTES,
  mechanismRulesSchema,
  upcastLogStarted,
} from './logStarted.js';
export type { Cooling, LadderConfig, MechanismRules } from './logStarted.js';
export { MAX_INJECTED, MAX_INJECTED_ENTRY } from './parametersChanged.js';

const schemas = {
  // --- the log itself -------------------------------------------------------------------
  // v2: the scenario's text, the overrides applied to it, and the mechanism's rules; v3: the
  // ladder's cooling. Older versions are read as v3 (what they lacked marked as not recorded,
  // a ladder that did not cool): see logStarted.ts.
  LogStarted: logStartedSchema,
  SimulationEnded: z.strictObject({ reason: z.enum(['horizon', 'timeline', 'stopped']) }),
  // A run's parameters changed from this instant on (`parley fork`): see parametersChanged.ts.
  ParametersChanged: parametersChangedSchema,

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
  // What a party intends after an incident, and what became of it: planned when its policy
  // decides to strike back (due when its retaliation delay is over), held while a dispute it
  // raised over the incident is engaged in the cell, called off when it learns it blamed the
  // wrong side or the dispute ends peacefully; carried out as an IncidentOccurred whose
  // retaliationFor names the incident.
  RetaliationPlanned: z.strictObject({ incidentId: id, against: id, due: instant }),
  RetaliationHeld: z.strictObject({ incidentId: id, disputeId: id }),
  RetaliationCalledOff: z.strictObject({ incidentId: id, reason: z.enum(RETALIATION_CALLED_OFF), disputeId: id.optional() }),
  DeescalationStepTaken: z.strictObject({
    stepId: id,
    kind: id,
    cameo,
    weight,
    description: text.optional(),
  }),

  // --- the escalation ladder -------------------------------------------------------------
  // The pressure decayed while nothing raised it (the ladder's cooling rule, core/cooling.ts):
  // recorded before any other change of pressure and when the level falls, by the clock.
  LadderCooled: z.strictObject({ delta: z.number().max(0) }),

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
  Object.keys(schemas).map((t) => [t, t === 'LogStarted' ? LOG_STARTED_VERSION : 1]),
) as { [T in EventType]: number };

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
  if (type === 'LogStarted' && (e.v === 1 || e.v === 2)) {
    const up = upcastLogStarted(e.data, e.v);
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
