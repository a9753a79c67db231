/**
 * A decider specification in the style of Emmett's `DeciderSpecification`:
 *
 * ```ts
 * given([started(), activeCell(), sentMessage('m-1', 'syria', 'israel')])
 *   .when(command('AcknowledgeMessage', { actor: 'israel', at: time(1) }, { messageId: 'm-1' }))
 *   .thenError('MESSAGE_NOT_DELIVERED', /never received/);
 * ```
 *
 * The history is folded by the real `Replayer`, so a history the machines reject fails the
 * test at once instead of silently testing an impossible state. Facts decided by `then` are
 * checked against the catalogue (`parseEvent`) and folded with `evolve`: a decided fact must
 * always be recordable and foldable. Builders for the usual histories follow the helper.
 */
import { expect } from 'vitest';
import type { EventData, EventType, Fact, LadderConfig, MechanismRules, Move, Recorded, Track } from '../../src/core/catalogue.js';
import { fact, parseEvent, TRACKS } from '../../src/core/catalogue.js';
import type { Command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import type { DomainErrorCode } from '../../src/core/errors.js';
import { DomainError } from '../../src/core/errors.js';
import { evolve } from '../../src/core/evolve.js';
import { Replayer } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { formatInstant, HOUR_MS, parseInstant } from '../../src/core/time.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';

/** A fact of one type (what the builders return, so that `.data` stays typed). */
export type FactOfType<T extends EventType> = Extract<Fact, { type: T }>;

/** A history: facts (numbered in order), recorded events (numbered already), or nested lists of them. */
export type History = ReadonlyArray<Fact | Recorded | History>;

/** What `given(…).when(…)` offers: the expected outcome of deciding the command. */
export interface WhenClause {
  /** Asserts decide accepted the command with exactly `expected`; returns the state after folding them. */
  then(expected: readonly Fact[]): ParleyState;
  /** Asserts decide refused the command with `code` (and a message matching `pattern`). */
  thenError(code: DomainErrorCode, pattern?: RegExp): DomainError;
}

/** What `given(…)` offers. */
export interface GivenClause {
  /** The state the history folds into. */
  readonly state: ParleyState;
  when(cmd: Command): WhenClause;
}

const isRecorded = (e: Fact | Recorded): e is Recorded => 'seq' in e && typeof e.seq === 'number';

/** Numbers and folds a history; facts get the next seq, recorded events keep theirs. */
export function fold(history: History): ParleyState {
  const r = new Replayer();
  const push = (e: Fact | Recorded): void => {
    const recorded: Recorded = isRecorded(e) ? e : ({ ...e, seq: r.seq + 1 } as Recorded);
    try {
      r.push(recorded);
    } catch (error) {
      throw new Error(`given: ${recorded.type} (seq ${recorded.seq}) does not fold: ${String(error)}`);
    }
  };
  const walk = (items: History): void => {
    for (const item of items) {
      if (Array.isArray(item)) walk(item as History);
      else push(item as Fact | Recorded);
    }
  };
  walk(history);
  return r.state();
}

/** Folds decided facts one by one, checking each is a valid log entry first. */
function foldDecided(state: ParleyState, facts: readonly Fact[]): ParleyState {
  let s = state;
  for (const f of facts) {
    const recorded = { ...f, seq: s.seq + 1 } as Recorded;
    const parsed = parseEvent(JSON.parse(JSON.stringify(recorded)));
    if (!parsed.ok) {
      throw new Error(`decided ${f.type} is not a valid log entry: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
    try {
      s = evolve(s, recorded);
    } catch (error) {
      throw new Error(`decided ${f.type} does not fold: ${String(error)}`);
    }
  }
  return s;
}

/**
 * Starts a decider specification from a history.
 * @example given([started(), activeCell()]).when(cmd).then([expectedFact])
 */
export function given(history: History): GivenClause {
  const state = fold(history);
  return {
    state,
    when(cmd: Command): WhenClause {
      const result = decide(cmd, state);
      return {
        then(expected) {
          if (result instanceof DomainError) {
            throw new Error(`expected ${cmd.type} to be accepted, but decide refused it: ${result.code} ${result.message}`);
          }
          expect(result).toStrictEqual(expected);
          return foldDecided(state, result);
        },
        thenError(code, pattern) {
          if (!(result instanceof DomainError)) {
            throw new Error(`expected ${cmd.type} to be refused with ${code}, but decide accepted it: ${JSON.stringify(result)}`);
          }
          expect({ code: result.code, message: result.message }).toEqual({ code, message: expect.any(String) });
          // Messages start with the area of the rule ("[dispute] …"), so a one-line error says where it lives.
          expect(result.message).toMatch(/^\[[A-Za-z]+\] /);
          if (pattern) expect(result.message).toMatch(pattern);
          return result;
        },
      };
    },
  };
}

/** The command type behind each fact type, and the command behind a fact: the core's (src/core/commandFor.ts). */
export { commandFor, EVENT_COMMANDS } from '../../src/core/commandFor.js';

// --- time ---------------------------------------------------------------------------------

/** When every builder's history happens unless told otherwise. */
export const T0 = '2026-01-06T00:00:00Z';

/** The instant `hours` after {@link T0}. */
export function time(hours: number): string {
  return formatInstant((parseInstant(T0) as number) + hours * HOUR_MS);
}

/** When a fact happened and what caused it (defaults: {@link T0}, no cause). */
export interface Meta {
  readonly at?: string;
  readonly cause?: number;
}

const by = (actor: string, meta: Meta = {}) => ({ actor, at: meta.at ?? T0, cause: meta.cause });

// --- the log and the cell -------------------------------------------------------------------

/** Options of {@link started}. */
export interface StartedOptions extends Meta {
  /** Is the mechanism switched on (default true)? */
  readonly mechanism?: boolean;
  /** Party ids (default `syria`, `israel`); the supervisor is `us`. */
  readonly parties?: readonly string[];
  /** Repeated-interaction mode with the usual prisoner's-dilemma payoffs (default false). */
  readonly game?: boolean;
  /** The mechanism's rules (default {@link RULES}); null stands for a log written before LogStarted v2. */
  readonly rules?: MechanismRules | null;
  /** The ladder (default `DEFAULT_LADDER`, which cools with a 30-day half-life). */
  readonly ladder?: LadderConfig;
}

/** The rules of the specification's runs: acknowledgements due in a day, responses in a week. */
export const RULES: MechanismRules = {
  ackDeadline: 'P1D',
  disputeResponseDeadline: 'P7D',
  referral: true,
  meetings: { every: 'P30D', extraordinaryOnRequest: true, standingIncidentAgenda: true },
  suspension: { by: ['syria', 'us'], onSeverityAbove: 0.85, resumeAfter: 'P21D' },
};

/** The first event of a run (as the stream generator's bootstrap writes it). */
export function started(options: StartedOptions = {}): FactOfType<'LogStarted'> {
  const at = options.at ?? T0;
  return fact('LogStarted', by('sim', options), {
    scenario: { name: 'decider specification', hash: '0'.repeat(64), source: null },
    overrides: [],
    seed: 0,
    parley: 'test',
    start: at,
    end: formatInstant((parseInstant(at) as number) + 365 * 24 * HOUR_MS),
    parties: Object.fromEntries((options.parties ?? ['syria', 'israel']).map((p) => [p, { name: p }])),
    supervisor: { id: 'us', name: 'United States' },
    mechanism: options.mechanism ?? true,
    rules: options.rules === undefined ? RULES : options.rules,
    tracks: [...TRACKS],
    ladder: options.ladder ?? DEFAULT_LADDER,
    ...(options.game ? { game: { payoff: { R: 3, S: 0, T: 5, P: 1 } } } : {}),
  });
}

/** The cell proposed and established by the supervisor, then activated. */
export function activeCell(tracks: readonly Track[] = TRACKS, meta: Meta = {}): Fact[] {
  return [
    fact('CellProposed', by('us', meta), { tracks: [...tracks] }),
    fact('CellEstablished', by('us', meta), {}),
    fact('CellActivated', by('cell', meta), {}),
  ];
}

export const cellSuspended = (actor: string, meta: Meta = {}) => fact('CellSuspended', by(actor, meta), { reason: 'strike' });
export const cellResumed = (actor: string, meta: Meta = {}) => fact('CellResumed', by(actor, meta), {});
export const cellDissolved = (actor: string, meta: Meta = {}) => fact('CellDissolved', by(actor, meta), { reason: 'over' });
export const simulationEnded = (meta: Meta = {}) => fact('SimulationEnded', by('sim', meta), { reason: 'horizon' });
export const meetingRequested = (actor: string, meta: Meta = {}) =>
  fact('ExtraordinaryMeetingRequested', by(actor, meta), { reason: 'incident' });
export const meetingOpened = (meetingId: string, kind: 'regular' | 'extraordinary', meta: Meta = {}) =>
  fact('MeetingOpened', by('cell', meta), { meetingId, kind, agenda: { incidents: [], disputes: [] } });
export const meetingClosed = (meetingId: string, meta: Meta = {}) => fact('MeetingClosed', by('cell', meta), { meetingId });

// --- messages ---------------------------------------------------------------------------------

/** Options of {@link sentMessage}. */
export interface SentOptions extends Meta {
  readonly track?: Track;
  /** Default: 24 hours after `at`. */
  readonly ackBy?: string;
  readonly incidentId?: string;
}

/** `from` sent `to` a notification on the intelligence track. */
export function sentMessage(messageId: string, from: string, to: string, options: SentOptions = {}): FactOfType<'MessageSent'> {
  const at = options.at ?? T0;
  const data: EventData<'MessageSent'> = {
    messageId,
    to,
    track: options.track ?? 'intelligence',
    kind: 'notification',
    ackBy: options.ackBy ?? formatInstant((parseInstant(at) as number) + 24 * HOUR_MS),
    ...(options.incidentId === undefined ? {} : { incidentId: options.incidentId }),
  };
  return fact('MessageSent', by(from, options), data);
}

export const delivered = (messageId: string, meta: Meta = {}) => fact('MessageDelivered', by('cell', meta), { messageId });
export const lost = (messageId: string, meta: Meta = {}) => fact('MessageLost', by('cell', meta), { messageId });
export const acknowledged = (messageId: string, actor: string, meta: Meta = {}) =>
  fact('MessageAcknowledged', by(actor, meta), { messageId });
export const answered = (messageId: string, actor: string, meta: Meta = {}) =>
  fact('MessageAnswered', by(actor, meta), { messageId });
export const ackMissed = (messageId: string, meta: Meta) => fact('AckDeadlineMissed', by('sim', meta), { messageId });
export const referred = (messageId: string, meta: Meta = {}) => fact('MessageReferred', by('cell', meta), { messageId });

// --- incidents --------------------------------------------------------------------------------

/** `actor` carried out an incursion against `against` (optionally in retaliation). */
export function incident(incidentId: string, actor: string, against: string, retaliationFor?: string, meta: Meta = {}): FactOfType<'IncidentOccurred'> {
  return fact('IncidentOccurred', by(actor, meta), {
    incidentId,
    kind: 'incursion',
    against,
    cameo: '152',
    weight: -7.2,
    severity: 0.5,
    ...(retaliationFor === undefined ? {} : { retaliationFor }),
  });
}

export const observed = (incidentId: string, actor: string, attributedTo: string, meta: Meta = {}) =>
  fact('IncidentObserved', by(actor, meta), { incidentId, attributedTo, severity: 0.5 });
export const deescalationStep = (stepId: string, actor: string, meta: Meta = {}) =>
  fact('DeescalationStepTaken', by(actor, meta), { stepId, kind: 'hotline-call', cameo: '087', weight: 9 });

// --- disputes ---------------------------------------------------------------------------------

/** Options of {@link raisedDispute}. */
export interface RaisedOptions extends Meta {
  readonly track?: Track;
  /** Default: 7 days after `at`. */
  readonly respondBy?: string;
}

/** `actor` raised a dispute against `against` on the de-escalation track. */
export function raisedDispute(disputeId: string, actor: string, against: string, incidentId?: string, options: RaisedOptions = {}): FactOfType<'DisputeRaised'> {
  const at = options.at ?? T0;
  return fact('DisputeRaised', by(actor, options), {
    disputeId,
    against,
    track: options.track ?? 'deescalation',
    respondBy: options.respondBy ?? formatInstant((parseInstant(at) as number) + 7 * 24 * HOUR_MS),
    ...(incidentId === undefined ? {} : { incidentId }),
  });
}

export const disputeAcknowledged = (disputeId: string, actor: string, meta: Meta = {}) =>
  fact('DisputeAcknowledged', by(actor, meta), { disputeId });
export const factFindingOpened = (disputeId: string, meta: Meta = {}) => fact('FactFindingOpened', by('cell', meta), { disputeId });
export const mediationRequested = (disputeId: string, actor: string, meta: Meta = {}) =>
  fact('MediationRequested', by(actor, meta), { disputeId });
export const ruled = (disputeId: string, meta: Meta = {}) => fact('SupervisorRuled', by('us', meta), { disputeId, ruling: 'withdraw to line B' });
export const rulingAccepted = (disputeId: string, actor: string, meta: Meta = {}) => fact('RulingAccepted', by(actor, meta), { disputeId });
export const rulingRejected = (disputeId: string, actor: string, meta: Meta = {}) => fact('RulingRejected', by(actor, meta), { disputeId });
export const settled = (disputeId: string, actor: string, meta: Meta = {}) => fact('SettlementReached', by(actor, meta), { disputeId });
export const withdrawn = (disputeId: string, actor: string, meta: Meta = {}) => fact('DisputeWithdrawn', by(actor, meta), { disputeId });

// --- repeated-interaction mode ----------------------------------------------------------------

/** Round `round`: both parties (`syria`, `israel`) restrained as intended. */
export function roundPlayed(round: number, meta: Meta = {}): FactOfType<'RoundPlayed'> {
  const both = <T>(v: T): Record<string, T> => ({ syria: v, israel: v });
  const moves = both<Move>('restrain');
  return fact('RoundPlayed', by('sim', meta), { round, intended: moves, moves: { ...moves }, payoffs: both(3) });
}
