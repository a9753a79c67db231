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
 * Optional fields of a view are present as `undefined` until they get a value (replay keeps
 * every view of a kind in one shape, which is what makes it fast); JSON output omits them,
 * and `toEqual`-style comparisons treat them as absent.
 */
import type { CellContext } from '../machines/cell.js';
import type { DisputeContext, DisputeOutcome } from '../machines/dispute.js';
import type { LadderContext } from '../machines/ladder.js';
import type { MessageContext } from '../machines/message.js';
import type { MachineSnap } from '../machines/index.js';
import type { CalledOffReason, EventData, EventType, MessageKind, Move, Track } from './catalogue.js';
import { EVENT_TYPES } from './catalogue.js';

/** What the first event of the log says about the run. */
export type RunMeta = EventData<'LogStarted'>;

/** The cell: its machine (lifecycle, track regions, meetings), open tracks and suspensions. */
export interface CellView {
  readonly machine: MachineSnap<CellContext>;
  readonly tracks: readonly Track[];
  readonly proposedAt: string;
  /** Epoch ms the current suspension began, if suspended. */
  readonly suspendedSinceMs?: number | undefined;
  /** Total ms spent suspended so far (closed intervals only). */
  readonly suspendedMs: number;
  readonly suspensions: ReadonlyArray<{ readonly at: string; readonly by: string; readonly reason: string }>;
  readonly dissolvedAt?: string | undefined;
}

/** The escalation ladder: its machine (pressure), the level now, the peak and time at each level. */
export interface LadderView {
  readonly machine: MachineSnap<LadderContext>;
  readonly level: string;
  readonly levelIndex: number;
  readonly peak: string;
  readonly peakIndex: number;
  /** Epoch ms at which the current level was entered. */
  readonly sinceMs: number;
  /** When the pressure was last recorded (any change of it, or the start): cooling runs from there. */
  readonly pressureAt: string;
  /** Ms spent at each level, closed intervals only (the open one runs from `sinceMs`). */
  readonly timeAtMs: Readonly<Record<string, number>>;
  /** When each level was first reached. */
  readonly firstAt: Readonly<Record<string, string>>;
  /** Level changes upwards and downwards (a down move undoes part of a climb). */
  readonly ups: number;
  readonly downs: number;
  /** Levels climbed and descended in all (a change may span several levels). */
  readonly levelsUp: number;
  readonly levelsDown: number;
}

/** One message through the cell: who to whom, on which track, its deadline and each step's instant. */
export interface MessageView {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly track: Track;
  readonly kind: MessageKind;
  readonly sentAt: string;
  readonly ackBy: string;
  readonly incidentId?: string | undefined;
  readonly disputeId?: string | undefined;
  readonly deliveredAt?: string | undefined;
  readonly acknowledgedAt?: string | undefined;
  readonly answeredAt?: string | undefined;
  readonly overdueAt?: string | undefined;
  readonly referredAt?: string | undefined;
  readonly lostAt?: string | undefined;
  readonly machine: MachineSnap<MessageContext>;
}

/** One dispute: the parties, the track and incident, its deadline, each step's instant and how it ended. */
export interface DisputeView {
  readonly id: string;
  readonly by: string;
  readonly against: string;
  readonly track: Track;
  readonly incidentId?: string | undefined;
  readonly raisedAt: string;
  readonly respondBy: string;
  readonly acknowledgedAt?: string | undefined;
  readonly mediationRequestedAt?: string | undefined;
  readonly ruledAt?: string | undefined;
  readonly finding?: { readonly attributedTo?: string; readonly text: string } | undefined;
  readonly closedAt?: string | undefined;
  readonly outcome?: DisputeOutcome | undefined;
  readonly deadlinesMissed: number;
  readonly machine: MachineSnap<DisputeContext>;
}

export interface Observation {
  readonly attributedTo: string;
  readonly severity: number;
  readonly at: string;
}

/** What became of a retaliation a party planned (`RetaliationPlanned` and what followed). */
export type PlanStatus = 'pending' | 'held' | 'calledOff' | 'executed';

/** A retaliation a party planned for an incident against it. */
export interface RetaliationPlanView {
  /** The side it blamed and meant to strike. */
  readonly against: string;
  readonly plannedAt: string;
  /** When its retaliation delay is over. */
  readonly due: string;
  readonly status: PlanStatus;
  /** When it was held back for a dispute over the incident (it may be released later). */
  readonly heldAt?: string | undefined;
  /** When it was called off or carried out. */
  readonly endedAt?: string | undefined;
  /** Why it was called off. */
  readonly reason?: CalledOffReason | undefined;
}

/** One incident: what happened, who really did it, how each party saw it, and what followed. */
export interface IncidentView {
  readonly id: string;
  readonly kind: string;
  readonly by: string;
  readonly against: string;
  readonly cameo: string;
  readonly weight: number;
  readonly severity: number;
  readonly at: string;
  readonly retaliationFor?: string | undefined;
  /** How each party saw it (fog: attribution and severity may differ from the truth). */
  readonly observations: Readonly<Record<string, Observation>>;
  /** Parties whose misattribution the cell cleared, and when. */
  readonly clarified: Readonly<Record<string, string>>;
  /** Parties that retaliated for this incident. */
  readonly retaliatedBy: readonly string[];
  /** Retaliations planned for it, by the party that planned each. */
  readonly plans: Readonly<Record<string, RetaliationPlanView>>;
  /** True when this incident was a retaliation against a misattributed one. */
  readonly accidental: boolean;
}

/** One meeting of the cell: regular or extraordinary, when, and how much was on its agenda. */
export interface MeetingView {
  readonly id: string;
  readonly kind: 'regular' | 'extraordinary';
  readonly openedAt: string;
  readonly closedAt?: string | undefined;
  readonly incidents: number;
  readonly disputes: number;
}

/** One de-escalation step: by whom, when, and its Goldstein weight. */
export interface StepView {
  readonly by: string;
  readonly at: string;
  readonly weight: number;
}

/** The repeated game so far: rounds, mutual restraint and strikes, accidents, clarifications, payoffs. */
export interface GameView {
  readonly rounds: number;
  readonly mutualRestraint: number;
  readonly mutualStrike: number;
  readonly accidents: number;
  readonly clarified: number;
  readonly payoffs: Readonly<Record<string, number>>;
  readonly last?: { readonly round: number; readonly moves: Readonly<Record<string, Move>> };
}

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
