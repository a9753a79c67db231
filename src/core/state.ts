/**
 * The state Parley folds a log into: machine snapshots for the cell, every message, every
 * dispute and the escalation ladder, plus the read models that outcome metrics need. It is
 * plain data (maps, records, arrays, numbers, strings): `structuredClone` copies it, deep
 * equality compares it, and {@link stateToJSON} gives its JSON form.
 *
 * The entity tables (messages, disputes, incidents, meetings, steps) are `Map`s keyed by id,
 * in the order the entities were created. A `Map` keeps that order whatever the ids look like
 * (an object lists integer-like keys first), never reaches a prototype whatever the key, and
 * is cheaper for ids the engine has not seen before (every id a simulation or a freshly read
 * log creates): an object turns each new id into an internalized property name, and looking
 * up an id that is not there yet searches the engine's string table first.
 *
 * The views of each entity (cell, ladder, messages, disputes, incidents, meetings, steps, the
 * game) are in views.ts, re-exported here; this file holds the state around them, the
 * running counters, the state before any event and its JSON form.
 */
import type { MachineSnap } from '../machines/index.js';
import type { EventData, EventType, Track } from './catalogue.js';
import { EVENT_TYPES } from './catalogue.js';
import type { CellView, DisputeView, GameView, IncidentView, LadderView, MeetingView, MessageView, StepView } from './views.js';

export type {
  CellView,
  DisputeView,
  GameView,
  IncidentView,
  LadderView,
  MeetingView,
  MessageView,
  Observation,
  PlanStatus,
  RetaliationPlanView,
  StepView,
} from './views.js';

/** What the first event of the log says about the run. */
export type RunMeta = EventData<'LogStarted'>;

/** Running counts the outcome metrics and invariants read (each also derivable from the entities). */
export interface Counters {
  readonly events: number;
  readonly byType: Readonly<Record<EventType, number>>;
  readonly overdueAcks: number;
  readonly referrals: number;
  /** Referrals, fact-finding, rulings and failed mediations by the supervisor. */
  readonly interventions: number;
  readonly retaliations: number;
  readonly accidentalEscalations: number;
  readonly misunderstandingsCaught: number;
  /**
   * Misunderstandings caught while the misled party had a retaliation against the side it
   * wrongly blamed planned and not yet carried out or called off.
   */
  readonly consequentialMisunderstandingsCaught: number;
  readonly deescalationSteps: number;
  readonly disputesClosed: number;
}

/**
 * The state a log folds into (see the module comment): what `replay`, `evolve` and
 * `Replayer` give and `decide` reads. Plain data; `stateToJSON` gives its JSON form.
 */
export interface ParleyState {
  /** Seq of the last event folded in; 0 before the first. */
  readonly seq: number;
  readonly at?: string;
  readonly meta?: RunMeta;
  readonly cell?: CellView;
  readonly ladder?: LadderView;
  readonly messages: ReadonlyMap<string, MessageView>;
  readonly disputes: ReadonlyMap<string, DisputeView>;
  /** Open disputes per track (a track stays strained while it has one). */
  readonly openDisputes: Readonly<Partial<Record<Track, number>>>;
  readonly incidents: ReadonlyMap<string, IncidentView>;
  readonly meetings: ReadonlyMap<string, MeetingView>;
  /** The meeting in session, if any (so a suspension ends it without scanning every meeting). */
  readonly openMeeting?: string | undefined;
  readonly steps: ReadonlyMap<string, StepView>;
  readonly game?: GameView;
  readonly counters: Counters;
  readonly ended: boolean;
  /** Why the simulation ended (`SimulationEnded.reason`): `stopped` when cut short by the event limit. */
  readonly endReason?: EventData<'SimulationEnded'>['reason'];
}

/**
 * A deeply mutable view of a type, used only inside the fold (see `apply.ts`). Machine
 * snapshots keep their read-only type: only the fold's `Mover` changes them (a new snapshot
 * under `evolve`; moved in place in a `Replayer`'s private state, which nobody else holds).
 */
export type Mutable<T> = T extends MachineSnap<unknown>
  ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? Map<K, Mutable<V>>
  : T extends ReadonlyArray<infer U>
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;

/** The state before any event. */
export function initialState(): ParleyState {
  const byType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  return {
    seq: 0,
    messages: new Map(),
    disputes: new Map(),
    openDisputes: {},
    incidents: new Map(),
    meetings: new Map(),
    openMeeting: undefined,
    steps: new Map(),
    counters: {
      events: 0,
      byType,
      overdueAcks: 0,
      referrals: 0,
      interventions: 0,
      retaliations: 0,
      accidentalEscalations: 0,
      misunderstandingsCaught: 0,
      consequentialMisunderstandingsCaught: 0,
      deescalationSteps: 0,
      disputesClosed: 0,
    },
    ended: false,
  };
}

/** The JSON form of a state: every entity table becomes an object keyed by id. */
export type StateJSON = Omit<ParleyState, TableName> & {
  readonly [K in TableName]: Readonly<Record<string, ParleyState[K] extends ReadonlyMap<string, infer V> ? V : never>>;
};

/** The fields of {@link ParleyState} that are entity tables. */
export type TableName = 'messages' | 'disputes' | 'incidents' | 'meetings' | 'steps';

/**
 * The state as JSON data (what `parley replay --json` prints): the tables become objects
 * keyed by id, in creation order (integer-like ids excepted: JSON objects list those first).
 * Ids can never name an `Object.prototype` member (see ids.ts), so the objects are safe.
 */
export function stateToJSON(s: ParleyState): StateJSON {
  // A fixed, readable key order (where the run is, what it is, then its parts), whatever
  // order the fold happened to add the optional fields in.
  return {
    seq: s.seq,
    ...(s.at === undefined ? {} : { at: s.at }),
    ended: s.ended,
    ...(s.endReason === undefined ? {} : { endReason: s.endReason }),
    ...(s.meta === undefined ? {} : { meta: s.meta }),
    ...(s.cell === undefined ? {} : { cell: s.cell }),
    ...(s.ladder === undefined ? {} : { ladder: s.ladder }),
    counters: s.counters,
    messages: Object.fromEntries(s.messages),
    disputes: Object.fromEntries(s.disputes),
    openDisputes: s.openDisputes,
    incidents: Object.fromEntries(s.incidents),
    meetings: Object.fromEntries(s.meetings),
    openMeeting: s.openMeeting,
    steps: Object.fromEntries(s.steps),
    ...(s.game === undefined ? {} : { game: s.game }),
  };
}

/**
 * A state back from its JSON form (a snapshot saved with {@link stateToJSON}): the tables
 * become Maps again, in the order the JSON lists them.
 */
export function stateFromJSON(json: StateJSON): ParleyState {
  return {
    ...json,
    messages: new Map(Object.entries(json.messages)),
    disputes: new Map(Object.entries(json.disputes)),
    incidents: new Map(Object.entries(json.incidents)),
    meetings: new Map(Object.entries(json.meetings)),
    steps: new Map(Object.entries(json.steps)),
  };
}
