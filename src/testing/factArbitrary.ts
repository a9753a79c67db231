/**
 * fast-check arbitraries of single facts and recorded events, one data arbitrary per event
 * type. Each value is valid in isolation: its type, version and data pass the catalogue's
 * schema (`parseEvent` accepts it), though it need not make sense after any given history —
 * for that, draw whole streams ({@link eventStreamArbitrary}).
 */
import fc from 'fast-check';
import type { EventData, EventType, Fact, Recorded } from '../core/catalogue.js';
import { EVENT_TYPES, EVENT_VERSIONS, MESSAGE_KINDS, MOVES, RETALIATION_CALLED_OFF, TRACKS } from '../core/catalogue.js';
import { formatDuration, formatInstant, parseInstant } from '../core/time.js';
import { DEFAULT_LADDER } from '../machines/ladder.js';

const FROM = parseInstant('2026-01-01T00:00:00Z') as number;
const YEAR = 365 * 86_400_000;

/**
 * Ids as a log names things: a word and a number (`alpha-3`, `inc-12`).
 * @example fc.sample(idArbitrary, 3) // e.g. ['inc-7', 'alpha-42', 'd-0']
 */
export const idArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('alpha', 'bravo', 'charlie', 'us', 'inc', 'msg', 'd', 'mtg', 'step'), fc.nat({ max: 99 }))
  .map(([word, n]) => `${word}-${n}`);

/**
 * Instants in 2026, to the second.
 * @example fc.sample(instantArbitrary, 1) // e.g. ['2026-03-14T09:26:53Z']
 */
export const instantArbitrary: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: YEAR / 1000 })
  .map((s) => formatInstant(FROM + s * 1000));

const text = fc.string({ maxLength: 40 });
const cameo = fc.stringMatching(/^\d{2,4}$/);
const weight = fc.integer({ min: -100, max: 100 }).map((x) => x / 10);
const unit = fc.integer({ min: 0, max: 100 }).map((x) => x / 100);
const track = fc.constantFrom(...TRACKS);
const hash = fc.stringMatching(/^[0-9a-f]{64}$/);
const round = fc.integer({ min: 1, max: 1000 });
const byParty = <T>(value: fc.Arbitrary<T>) => fc.dictionary(idArbitrary, value, { minKeys: 1, maxKeys: 3 });
const disputeOnly = fc.record({ disputeId: idArbitrary });
const messageOnly = fc.record({ messageId: idArbitrary });
/** `fc.record` with only the named keys always present (the rest optional, never `undefined`). */
const some = <T extends Record<string, unknown>, K extends keyof T>(
  model: { [P in keyof T]: fc.Arbitrary<T[P]> },
  requiredKeys: readonly K[],
) => fc.record(model, { requiredKeys: [...requiredKeys] }) as fc.Arbitrary<Pick<T, K> & Partial<T>>;

const duration = fc.integer({ min: 1, max: 30 * 24 }).map((h) => formatDuration(h * 3_600_000));
/** The mechanism's rules a LogStarted records (null only in logs older than LogStarted v2). */
const rulesArbitrary = fc.record({
  ackDeadline: duration,
  disputeResponseDeadline: duration,
  referral: fc.boolean(),
  meetings: fc.record({ every: fc.option(duration, { nil: null }), extraordinaryOnRequest: fc.boolean(), standingIncidentAgenda: fc.boolean() }),
  suspension: fc.record({ by: fc.array(idArbitrary, { maxLength: 2 }), onSeverityAbove: fc.option(unit, { nil: null }), resumeAfter: fc.option(duration, { nil: null }) }),
});

/** One data arbitrary per event type; the compiler checks the table is complete and right. */
const DATA: { readonly [T in EventType]: fc.Arbitrary<EventData<T>> } = {
  LogStarted: fc
    .record({
      scenario: fc.record({ name: text, hash, source: fc.option(text, { nil: null }) }),
      overrides: fc.array(fc.record({ path: fc.constantFrom('fog.misattribution', 'mechanism.ackDeadline', 'parties.alpha.name'), value: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 3 }),
      seed: fc.nat(),
      parley: fc.constantFrom('0.1.0', 'test'),
      start: instantArbitrary,
      parties: byParty(fc.record({ name: text })),
      supervisor: fc.record({ id: idArbitrary, name: text }),
      mechanism: fc.boolean(),
      rules: fc.option(rulesArbitrary, { nil: null }),
      tracks: fc.subarray([...TRACKS]),
      game: fc.option(fc.record({ payoff: fc.record({ R: fc.integer(), S: fc.integer(), T: fc.integer(), P: fc.integer() }) }), { nil: undefined }),
    })
    .map(({ game, start, ...rest }) => ({
      ...rest,
      start,
      end: formatInstant((parseInstant(start) as number) + YEAR),
      ladder: DEFAULT_LADDER,
      ...(game === undefined ? {} : { game }),
    })),
  SimulationEnded: fc.record({ reason: fc.constantFrom('horizon', 'timeline', 'stopped') }),
  ParametersChanged: fc
    .record({
      overrides: fc.array(fc.record({ path: fc.constantFrom('fog.misattribution', 'mechanism.ackDeadline', 'parties.alpha.policy.kind'), value: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 3 }),
      timeline: fc.array(
        fc.record({ at: instantArbitrary, deescalation: fc.record({ id: idArbitrary, by: idArbitrary, kind: fc.constantFrom('deescalation', 'apology') }) }),
        { maxLength: 2 },
      ),
      seed: fc.option(fc.nat(), { nil: undefined }),
      rules: rulesArbitrary,
    })
    .map(({ seed, ...rest }) => (seed === undefined ? rest : { ...rest, seed })),
  CellProposed: fc.record({ tracks: fc.subarray([...TRACKS], { minLength: 1 }) }),
  CellEstablished: fc.constant({}),
  CellActivated: fc.constant({}),
  CellSuspended: some({ reason: text, incidentId: idArbitrary }, ['reason']),
  CellResumed: some({ reason: text }, []),
  CellDissolved: fc.record({ reason: text }),
  TrackQuieted: fc.record({ track }),
  ExtraordinaryMeetingRequested: some({ reason: text, incidentId: idArbitrary }, ['reason']),
  MeetingOpened: fc.record({
    meetingId: idArbitrary,
    kind: fc.constantFrom('regular', 'extraordinary'),
    agenda: fc.record({ incidents: fc.array(idArbitrary, { maxLength: 3 }), disputes: fc.array(idArbitrary, { maxLength: 3 }) }),
  }),
  MeetingClosed: some({ meetingId: idArbitrary, summary: text }, ['meetingId']),
  MessageSent: some(
    {
      messageId: idArbitrary,
      to: idArbitrary,
      track,
      kind: fc.constantFrom(...MESSAGE_KINDS),
      cameo,
      subject: text,
      incidentId: idArbitrary,
      disputeId: idArbitrary,
      inReplyTo: idArbitrary,
      ackBy: instantArbitrary,
    },
    ['messageId', 'to', 'track', 'kind', 'ackBy'],
  ),
  MessageDelivered: messageOnly,
  MessageLost: messageOnly,
  MessageAcknowledged: messageOnly,
  MessageAnswered: some({ messageId: idArbitrary, reply: idArbitrary }, ['messageId']),
  AckDeadlineMissed: messageOnly,
  MessageReferred: messageOnly,
  IncidentOccurred: some(
    {
      incidentId: idArbitrary,
      kind: fc.constantFrom('incursion', 'airstrike', 'threat', 'aid'),
      against: idArbitrary,
      cameo,
      weight,
      severity: unit,
      where: text,
      description: text,
      retaliationFor: idArbitrary,
    },
    ['incidentId', 'kind', 'against', 'cameo', 'weight', 'severity'],
  ),
  IncidentObserved: fc.record({ incidentId: idArbitrary, attributedTo: idArbitrary, severity: unit }),
  IncidentClarified: some({ incidentId: idArbitrary, party: idArbitrary, attributedTo: idArbitrary, messageId: idArbitrary }, ['incidentId', 'party', 'attributedTo']),
  RetaliationPlanned: fc.record({ incidentId: idArbitrary, against: idArbitrary, due: instantArbitrary }),
  RetaliationHeld: fc.record({ incidentId: idArbitrary, disputeId: idArbitrary }),
  RetaliationCalledOff: some({ incidentId: idArbitrary, reason: fc.constantFrom(...RETALIATION_CALLED_OFF), disputeId: idArbitrary }, ['incidentId', 'reason']),
  LadderCooled: fc.record({ delta: fc.integer({ min: -100_000, max: 0 }).map((x) => x / 1000) }),
  DeescalationStepTaken: some(
    { stepId: idArbitrary, kind: fc.constantFrom('deescalation', 'apology', 'ceasefire'), cameo, weight, description: text },
    ['stepId', 'kind', 'cameo', 'weight'],
  ),
  DisputeRaised: some(
    { disputeId: idArbitrary, against: idArbitrary, track, incidentId: idArbitrary, messageId: idArbitrary, claim: text, respondBy: instantArbitrary },
    ['disputeId', 'against', 'track', 'respondBy'],
  ),
  DisputeAcknowledged: disputeOnly,
  FactFindingOpened: disputeOnly,
  FactFindingReported: some({ disputeId: idArbitrary, attributedTo: idArbitrary, finding: text }, ['disputeId', 'finding']),
  SettlementReached: some({ disputeId: idArbitrary, terms: text }, ['disputeId']),
  MediationRequested: disputeOnly,
  SupervisorRuled: fc.record({ disputeId: idArbitrary, ruling: text }),
  RulingAccepted: disputeOnly,
  RulingRejected: some({ disputeId: idArbitrary, reason: text }, ['disputeId']),
  MediationFailed: fc.record({ disputeId: idArbitrary, reason: text }),
  DisputeEscalated: some({ disputeId: idArbitrary, reason: text }, ['disputeId']),
  DisputeWithdrawn: disputeOnly,
  DisputeDeadlineMissed: fc.record({ disputeId: idArbitrary, stage: fc.constantFrom('raised', 'acknowledged', 'factFinding') }),
  DisputeLapsed: disputeOnly,
  RoundPlayed: fc.record({ round, intended: byParty(fc.constantFrom(...MOVES)), moves: byParty(fc.constantFrom(...MOVES)), payoffs: byParty(fc.integer({ min: -5, max: 5 })) }),
  AccidentClarified: fc.record({ round, to: idArbitrary }),
};

/** Constraints of {@link factArbitrary} and {@link eventArbitrary}. */
export interface FactConstraints {
  /** Event types to draw from (default every type). */
  readonly types?: readonly EventType[];
}

/**
 * Single facts of any event type (or of `types`), valid in isolation.
 * @example
 * fc.assert(fc.property(factArbitrary({ types: ['MessageSent'] }), (f) => checkData(f.type, f.data).length === 0));
 */
export function factArbitrary(constraints: FactConstraints = {}): fc.Arbitrary<Fact> {
  const types = constraints.types ?? EVENT_TYPES;
  return fc
    .record({ type: fc.constantFrom(...types), at: instantArbitrary, actor: idArbitrary })
    .chain(({ type, at, actor }) =>
      (DATA[type] as fc.Arbitrary<unknown>).map((data) => ({ type, v: EVENT_VERSIONS[type], at, actor, data }) as Fact),
    );
}

/**
 * Single recorded events (a fact with its `seq`, sometimes a `cause` before it), valid in
 * isolation: `parseEvent` accepts each one.
 * @example fc.assert(fc.property(eventArbitrary(), (e) => parseEvent(e).ok));
 */
export function eventArbitrary(constraints: FactConstraints = {}): fc.Arbitrary<Recorded> {
  return fc
    .tuple(factArbitrary(constraints), fc.integer({ min: 1, max: 10_000 }), fc.option(fc.nat(), { nil: undefined }))
    .map(([f, seq, cause]) => {
      const e: Recorded = { ...f, seq };
      return cause === undefined || seq === 1 ? e : { ...e, cause: 1 + (cause % (seq - 1)) };
    });
}
