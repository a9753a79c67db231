/**
 * The one place the property-testing kit builds commands. The stream generator, the command
 * arbitraries and the model-based tests all go through these functions, so a change to a
 * command's shape (say, deadlines computed by `decide` from the mechanism's parameters instead
 * of carried by `SendMessage` and `RaiseDispute`) is an edit here and nowhere else.
 */
import type { LadderConfig, MechanismRules, Track } from '../core/catalogue.js';
import type { Command, CommandOf, CommandType } from '../core/commands.js';
import { command } from '../core/commands.js';
import { formatDuration, formatInstant, parseInstant } from '../core/time.js';
import { DEFAULT_LADDER } from '../machines/ladder.js';

/** The supervisor of every generated run. */
export const SUPERVISOR = 'us';

/** How long a generated run may last: twenty years, so that even very long streams fit. */
const RUN_LENGTH_MS = 20 * 365 * 86_400_000;

/** The mechanism's deadlines in a generated run (fixed per run, as a scenario fixes them). */
export interface Deadlines {
  /** A message not acknowledged this long after it was sent is overdue. */
  readonly ackMs: number;
  /** A dispute not answered this long after it was raised may be marked overdue or lapse. */
  readonly respondMs: number;
}

/** The deadlines the kit uses unless told otherwise: a day to acknowledge, a week to respond. */
export const DEFAULT_DEADLINES: Deadlines = { ackMs: 24 * 3_600_000, respondMs: 7 * 86_400_000 };

/** What a generated run starts with. */
export interface RunSetup {
  readonly parties: readonly string[];
  readonly tracks: readonly Track[];
  readonly mechanism: boolean;
  readonly game: boolean;
  readonly start: string;
  readonly deadlines: Deadlines;
  readonly ladder?: LadderConfig;
}

const later = (at: string, ms: number): string => formatInstant((parseInstant(at) as number) + ms);

/** The mechanism's rules a generated run records: its deadlines, no meetings or suspension rules. */
function rulesOf(deadlines: Deadlines): MechanismRules {
  return {
    ackDeadline: formatDuration(deadlines.ackMs),
    disputeResponseDeadline: formatDuration(deadlines.respondMs),
    referral: true,
    meetings: { every: null, extraordinaryOnRequest: true, standingIncidentAgenda: false },
    suspension: { by: [], onSeverityAbove: null, resumeAfter: null },
  };
}

/**
 * Any command but the three whose shape depends on the mechanism's parameters (see
 * {@link startLog}, {@link sendMessage}, {@link raiseDispute}).
 * @example make('DeliverMessage', 'cell', '2026-01-06T00:00:00Z', { messageId: 'msg-1' })
 */
export function make<C extends Exclude<CommandType, 'StartLog' | 'SendMessage' | 'RaiseDispute'>>(
  type: C,
  actor: string,
  at: string,
  data: CommandOf<C>['data'],
): Command {
  return command(type, { actor, at }, data);
}

/**
 * The first command of a generated run: parties named by their ids, supervisor `us`, the
 * default ladder unless given, a run one year long.
 * @example startLog({ parties: ['alpha', 'bravo'], tracks: [...TRACKS], mechanism: true, game: false, start, deadlines: DEFAULT_DEADLINES })
 */
export function startLog(setup: RunSetup): CommandOf<'StartLog'> {
  return command('StartLog', { actor: 'sim', at: setup.start }, {
    scenario: { name: 'generated', hash: '0'.repeat(64), source: null },
    overrides: [],
    seed: 0,
    parley: 'test',
    start: setup.start,
    end: later(setup.start, RUN_LENGTH_MS),
    parties: Object.fromEntries(setup.parties.map((p) => [p, { name: p }])),
    supervisor: { id: SUPERVISOR, name: 'Supervisor' },
    mechanism: setup.mechanism,
    rules: rulesOf(setup.deadlines),
    tracks: [...setup.tracks],
    ladder: setup.ladder ?? DEFAULT_LADDER,
    ...(setup.game ? { game: { payoff: { R: 3, S: 0, T: 5, P: 1 } } } : {}),
  });
}

/** Data of a `SendMessage` command: `decide` adds the deadline from the recorded rules. */
export type MessageData = CommandOf<'SendMessage'>['data'];

/**
 * A message sent at `at`; `decide` makes it due the run's `ackDeadline` later.
 * @example sendMessage('alpha', at, { messageId: 'msg-1', to: 'bravo', track: 'diplomatic', kind: 'notification' })
 */
export function sendMessage(actor: string, at: string, data: MessageData): CommandOf<'SendMessage'> {
  return command('SendMessage', { actor, at }, data);
}

/** Data of a `RaiseDispute` command: `decide` adds the deadline from the recorded rules. */
export type DisputeData = CommandOf<'RaiseDispute'>['data'];

/**
 * A dispute raised at `at`; `decide` gives it the run's dispute response deadline.
 * @example raiseDispute('alpha', at, { disputeId: 'd-1', against: 'bravo', track: 'deescalation' })
 */
export function raiseDispute(actor: string, at: string, data: DisputeData): CommandOf<'RaiseDispute'> {
  return command('RaiseDispute', { actor, at }, data);
}

/**
 * The command that would record a fact (the core's `commandFor`, re-exported: one path).
 * @example commandFor(fact('MessageDelivered', { actor: 'cell', at }, { messageId: 'msg-1' })) // a DeliverMessage command
 */
export { commandFor } from '../core/commandFor.js';
