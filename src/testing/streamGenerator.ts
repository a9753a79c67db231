/**
 * Generates event streams by playing random commands through a decider (`decide` unless told
 * otherwise): every event in the output was accepted by the decider and folded by the real
 * fold, so with Parley's own `decide` the streams are valid by construction, whatever the
 * choices. Choices come from a `Chooser`, which fast-check drives in property tests (so
 * failures shrink) and a seeded PRNG drives in benchmarks.
 *
 * With a decider that accepts something the machines forbid (a deliberately broken variant,
 * say), the offending event ends the stream: it is kept as the last event, so a check of the
 * stream finds it, and nothing more is generated (the fold cannot go past it).
 */
import type { Fact, Move, Recorded, Track } from '../core/catalogue.js';
import { TRACKS } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { decide } from '../core/decide.js';
import { DomainError, ReplayError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import { own } from '../core/ids.js';
import type { ParleyState } from '../core/state.js';
import { formatInstant, parseInstant } from '../core/time.js';
import type { Deadlines } from './build.js';
import { DEFAULT_DEADLINES, SUPERVISOR, make, raiseDispute, sendMessage, startLog } from './build.js';

/** Source of choices: `int(n)` returns an integer in `[0, n)`. */
export interface Chooser {
  int(n: number): number;
}

/** A decider: Parley's `decide`, or a variant of it under test. */
export type Decider = (command: Command, state: ParleyState) => readonly Fact[] | DomainError;

/**
 * The procedures a generated stream may exercise.
 * @example eventStreamArbitrary({ procedures: PROCEDURES.filter((p) => p !== 'game') })
 */
export const PROCEDURES = ['incidents', 'messages', 'disputes', 'meetings', 'cell', 'game'] as const;
/** One procedure of the mechanism (see {@link PROCEDURES}). */
export type Procedure = (typeof PROCEDURES)[number];

/** Options of `generateStream` and `StreamGenerator`. */
export interface StreamOptions {
  /** How many commands to attempt (refused ones are skipped). */
  readonly steps: number;
  /** Party ids (default `alpha`, `bravo`); the supervisor is `us`. */
  readonly parties?: readonly string[];
  /** The cell's tracks (default all four). */
  readonly tracks?: readonly Track[];
  /** Whether the run has a cell; without one, only incidents and rounds happen. */
  readonly mechanism?: boolean;
  /** Include repeated-interaction rounds (same as listing `game` in `procedures`). */
  readonly game?: boolean;
  /** Which procedures to exercise (default all but `game`, which `game` switches on). */
  readonly procedures?: readonly Procedure[];
  /** End the stream with `SimulationEnded`. */
  readonly end?: boolean;
  readonly start?: string;
  /** The mechanism's deadlines (default a day to acknowledge, a week to respond). */
  readonly deadlines?: Deadlines;
  /** The decider commands go through (default Parley's `decide`). */
  readonly decide?: Decider;
}

const KINDS: ReadonlyArray<readonly [string, string, number]> = [
  ['incursion', '152', -7.2],
  ['airstrike', '195', -10],
  ['threat', '13', -6],
  ['aid', '07', 7],
];

const QUARTER_HOUR = 15 * 60_000;

/** Most recent ids of each kind that commands pick from (older ones are left alone). */
const RECENT = { incidents: 8, messages: 12, disputes: 12, openDisputes: 3 } as const;

type MenuEntry = readonly [Procedure, (at: string) => Command | undefined];

/**
 * A stream generator over one run; `next()` attempts one command.
 * @example
 * const g = new StreamGenerator(seededChooser(7), { steps: 0, procedures: ['messages'] });
 * while (g.log.length < 1000) g.next();
 */
export class StreamGenerator {
  private readonly replayer = new Replayer();
  private readonly events: Recorded[] = [];
  private readonly parties: readonly string[];
  private readonly tracks: readonly Track[];
  private readonly deadlines: Deadlines;
  private readonly decider: Decider;
  private readonly menu: readonly MenuEntry[];
  /** Whether the stream may raise disputes (a retaliation plan raises one to be held for). */
  private readonly disputesWanted: boolean;
  private readonly recent = { incidents: [] as string[], messages: [] as string[], disputes: [] as string[] };
  private now: number;
  private counter = 0;
  /** Commands the decider refused so far. */
  refused = 0;
  /** Set once the decider accepted a fact the fold refuses: the stream ends there. */
  broken = false;

  constructor(
    private readonly choose: Chooser,
    private readonly options: StreamOptions,
  ) {
    this.parties = options.parties ?? ['alpha', 'bravo'];
    this.tracks = options.tracks ?? TRACKS;
    this.deadlines = options.deadlines ?? DEFAULT_DEADLINES;
    this.decider = options.decide ?? decide;
    this.now = parseInstant(options.start ?? '2026-01-06T00:00:00Z') as number;
    const mechanism = options.mechanism ?? true;
    const wanted = new Set<Procedure>(options.procedures ?? PROCEDURES.filter((p) => p !== 'game'));
    if (options.game) wanted.add('game');
    // Without a cell, only incidents and rounds can happen: the rest would only be refused.
    if (!mechanism) for (const p of ['messages', 'disputes', 'meetings', 'cell'] as const) wanted.delete(p);
    this.menu = this.entries().filter(([p]) => wanted.has(p));
    this.disputesWanted = wanted.has('disputes');
    this.bootstrap(mechanism, wanted.has('game'));
  }

  /** The events generated so far (the array grows; do not modify it). */
  get log(): readonly Recorded[] {
    return this.events;
  }

  /** The state after the last event (live view; do not modify; unreliable once `broken`). */
  get state(): ParleyState {
    return this.replayer.peek();
  }

  /** Attempts one random command; returns the events it produced (none if refused). */
  next(): readonly Recorded[] {
    if (this.broken || this.menu.length === 0) return [];
    // The procedure first: shrinking a step's choices towards 0 simplifies the command itself.
    const [, build] = this.pick(this.menu) as MenuEntry;
    this.now += this.choose.int(4) * QUARTER_HOUR;
    const cmd = build(formatInstant(this.now));
    return cmd ? this.submit(cmd) : [];
  }

  /** Ends the run with `SimulationEnded` (what the simulator writes last). */
  end(): readonly Recorded[] {
    return this.broken ? [] : this.submit(make('EndSimulation', 'sim', formatInstant(this.now), { reason: 'stopped' }));
  }

  private bootstrap(mechanism: boolean, game: boolean): void {
    const at = formatInstant(this.now);
    this.submit(startLog({ parties: this.parties, tracks: this.tracks, mechanism, game, start: at, deadlines: this.deadlines }));
    if (!mechanism) return;
    this.submit(make('ProposeCell', SUPERVISOR, at, { tracks: [...this.tracks] }));
    this.submit(make('EstablishCell', SUPERVISOR, at, {}));
    this.submit(make('ActivateCell', 'cell', at, {}));
  }

  private submit(cmd: Command): readonly Recorded[] {
    const result = this.decider(cmd, this.replayer.peek());
    if (result instanceof DomainError) {
      this.refused += 1;
      return [];
    }
    const out: Recorded[] = [];
    for (const f of result) {
      const e = { ...f, seq: this.replayer.seq + 1 } as Recorded;
      this.events.push(e);
      out.push(e);
      try {
        this.replayer.push(e);
      } catch (error) {
        if (!(error instanceof ReplayError)) throw error;
        this.broken = true;
        break;
      }
      this.remember(e);
    }
    return out;
  }

  /** Keeps the ids commands pick from, so a step costs the same however long the stream. */
  private remember(e: Recorded): void {
    const add = (list: string[], id: string, keep: number): void => {
      list.push(id);
      if (list.length > keep * 4) list.splice(0, list.length - keep);
    };
    if (e.type === 'IncidentOccurred') add(this.recent.incidents, e.data.incidentId, RECENT.incidents);
    else if (e.type === 'MessageSent') add(this.recent.messages, e.data.messageId, RECENT.messages);
    else if (e.type === 'DisputeRaised') add(this.recent.disputes, e.data.disputeId, RECENT.disputes);
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.choose.int(items.length)];
  }

  private pickRecent(list: readonly string[], keep: number): string | undefined {
    return this.pick(list.slice(-keep));
  }

  private id(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  private party(): string {
    return this.pick(this.parties) as string;
  }

  private other(p: string): string {
    return this.pick(this.parties.filter((q) => q !== p)) as string;
  }

  private get s(): ParleyState {
    return this.replayer.peek();
  }

  private incident() {
    const id = this.pickRecent(this.recent.incidents, RECENT.incidents);
    return id === undefined ? undefined : this.s.incidents.get(id);
  }

  private message() {
    const id = this.pickRecent(this.recent.messages, RECENT.messages);
    return id === undefined ? undefined : this.s.messages.get(id);
  }

  /** Mostly an open dispute, so that long paths (mediation, ruling, acceptance) get walked. */
  private dispute() {
    const recent = this.recent.disputes.slice(-RECENT.disputes);
    const open = recent.filter((id) => this.s.disputes.get(id)?.closedAt === undefined).slice(-RECENT.openDisputes);
    const id = this.pick(this.choose.int(5) === 0 ? recent : open);
    return id === undefined ? undefined : this.s.disputes.get(id);
  }

  /**
   * The victim of a recent incident plans a retaliation against whom it blames, or holds or
   * calls off the one it planned (over a dispute it raised about the incident, or after a
   * clarification).
   */
  private retaliationPlan(at: string): Command | undefined {
    // Mostly a recent incident with a plan neither carried out nor called off, so that plans
    // get held and called off, not only made.
    const planned = this.recent.incidents.slice(-RECENT.incidents).filter((id) => {
      const x = this.s.incidents.get(id);
      const p = x === undefined ? undefined : own(x.plans, x.against);
      return p !== undefined && (p.status === 'pending' || p.status === 'held');
    });
    const pick = planned.length > 0 && this.choose.int(3) > 0 ? this.pick(planned) : undefined;
    const i = pick === undefined ? this.incident() : this.s.incidents.get(pick);
    const seen = i === undefined ? undefined : own(i.observations, i.against);
    if (!i || !seen) return undefined;
    const id = { incidentId: i.id };
    const plan = own(i.plans, i.against);
    if (!plan) return make('PlanRetaliation', i.against, at, { ...id, against: seen.attributedTo, due: formatInstant(this.now + this.choose.int(8) * QUARTER_HOUR) });
    const disputeId = this.recent.disputes.find((d) => this.s.disputes.get(d)?.incidentId === i.id);
    switch (this.choose.int(3)) {
      case 0: {
        // Held for the victim's own open dispute over the incident: raise one if there is none.
        const own = this.recent.disputes.find((d) => {
          const x = this.s.disputes.get(d);
          return x?.incidentId === i.id && x.by === i.against && x.closedAt === undefined;
        });
        if (own !== undefined) return make('HoldRetaliation', i.against, this.later(at, plan.due), { ...id, disputeId: own });
        if (!this.disputesWanted) return undefined;
        return raiseDispute(i.against, at, { disputeId: this.id('d'), against: this.other(i.against), track: this.pick(this.tracks) as Track, incidentId: i.id });
      }
      case 1:
        return make('CallOffRetaliation', i.against, at, { ...id, reason: 'clarified' });
      default:
        return disputeId === undefined ? undefined : make('CallOffRetaliation', i.against, at, { ...id, reason: 'resolved', disputeId });
    }
  }

  private later(at: string, deadline: string): string {
    // Half the time wait for the deadline; the other half try early (which the rules refuse).
    if (this.choose.int(2) === 0) this.now = Math.max(this.now, parseInstant(deadline) as number);
    return this.choose.int(2) === 0 ? formatInstant(this.now) : at;
  }

  private entries(): MenuEntry[] {
    const inDispute = (d: { by: string; against: string }) => this.pick([d.by, d.against]) as string;
    return [
      ['incidents', (at) => {
        const by = this.party();
        const [kind, cameo, weight] = this.pick(KINDS) as (typeof KINDS)[number];
        const severity = (1 + this.choose.int(10)) / 10;
        return make('RecordIncident', by, at, { incidentId: this.id('inc'), kind, against: this.other(by), cameo, weight, severity });
      }],
      ['incidents', (at) => {
        const i = this.incident();
        if (!i) return undefined;
        // Fog: sometimes the victim blames a third party (or unidentified actors, when there is none).
        const others = this.parties.filter((p) => p !== i.by && p !== i.against);
        const attributedTo = this.choose.int(3) === 0 ? (this.pick(others) ?? 'world') : i.by;
        return make('ObserveIncident', i.against, at, { incidentId: i.id, attributedTo, severity: i.severity });
      }],
      ['incidents', (at) => {
        const i = this.incident();
        const seen = i?.observations[i.against];
        if (!i || !seen) return undefined;
        if (this.choose.int(2) === 0) return make('ClarifyIncident', 'cell', at, { incidentId: i.id, party: i.against, attributedTo: i.by });
        // Mostly the victim strikes back at whom it blames; sometimes another party claims to.
        const by = this.choose.int(4) === 0 ? this.party() : i.against;
        const against = by === i.against ? seen.attributedTo : this.other(by);
        const data = { incidentId: this.id('inc'), kind: 'airstrike', against, cameo: '195', weight: -10, severity: 0.5, retaliationFor: i.id };
        return make('RecordIncident', by, at, data);
      }],
      ['incidents', (at) => this.retaliationPlan(at)],
      // The clock records how far the ladder has cooled (refused while nothing has).
      ['incidents', (at) => make('CoolLadder', 'sim', at, {})],
      ['incidents', (at) => make('TakeDeescalationStep', this.party(), at, { stepId: this.id('step'), kind: 'deescalation', cameo: '087', weight: 9 })],
      ['messages', (at) => {
        const from = this.party();
        const data = { messageId: this.id('msg'), to: this.other(from), track: this.pick(this.tracks) as Track, kind: 'notification' as const };
        return sendMessage(from, at, data);
      }],
      ['messages', (at) => {
        const m = this.message();
        return m ? make(this.choose.int(8) === 0 ? 'LoseMessage' : 'DeliverMessage', 'cell', at, { messageId: m.id }) : undefined;
      }],
      ['messages', (at) => {
        const m = this.message();
        return m ? make('AcknowledgeMessage', m.to, at, { messageId: m.id }) : undefined;
      }],
      ['messages', (at) => {
        const m = this.message();
        return m ? make('AnswerMessage', m.to, at, { messageId: m.id }) : undefined;
      }],
      ['messages', (at) => {
        const m = this.message();
        return m ? make('MarkAckOverdue', 'sim', this.later(at, m.ackBy), { messageId: m.id }) : undefined;
      }],
      ['messages', (at) => {
        const m = this.message();
        return m ? make('ReferMessage', 'cell', at, { messageId: m.id }) : undefined;
      }],
      // Guided steps: the next move a dispute or message in its state usually makes, so long
      // paths (mediation, ruling, acceptance; acknowledgement, answer) are walked often.
      ['disputes', (at) => this.advanceDispute(at)],
      ['disputes', (at) => this.advanceDispute(at)],
      ['disputes', (at) => this.advanceDispute(at)],
      ['messages', (at) => this.advanceMessage(at)],
      ['disputes', (at) => {
        const by = this.party();
        const incident = this.pickRecent(this.recent.incidents, RECENT.incidents);
        const data = { disputeId: this.id('d'), against: this.other(by), track: this.pick(this.tracks) as Track, ...(incident ? { incidentId: incident } : {}) };
        return raiseDispute(by, at, data);
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('AcknowledgeDispute', d.against, at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('OpenFactFinding', 'cell', at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('ReportFindings', SUPERVISOR, at, { disputeId: d.id, finding: 'findings', attributedTo: d.against }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d && this.choose.int(2) === 0 ? make('ReachSettlement', 'cell', at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('RequestMediation', inDispute(d), at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('Rule', SUPERVISOR, at, { disputeId: d.id, ruling: 'ruling' }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('AcceptRuling', inDispute(d), at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('RejectRuling', inDispute(d), at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d ? make('FailMediation', SUPERVISOR, at, { disputeId: d.id, reason: 'no agreement' }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d && this.choose.int(3) === 0 ? make('EscalateDispute', inDispute(d), at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d && this.choose.int(3) === 0 ? make('WithdrawDispute', d.by, at, { disputeId: d.id }) : undefined;
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        if (!d || this.choose.int(3) !== 0) return undefined;
        return make('MarkDisputeOverdue', 'sim', this.later(at, d.respondBy), { disputeId: d.id, stage: String(d.machine.value) });
      }],
      ['disputes', (at) => {
        const d = this.dispute();
        return d && this.choose.int(3) === 0 ? make('LapseDispute', 'sim', this.later(at, d.respondBy), { disputeId: d.id }) : undefined;
      }],
      ['cell', (at) => make('SuspendCell', this.pick([this.party(), SUPERVISOR]) as string, at, { reason: 'strike' })],
      ['cell', (at) => make('ResumeCell', SUPERVISOR, at, {})],
      ['cell', (at) => (this.choose.int(32) === 0 ? make('DissolveCell', this.party(), at, { reason: 'walked out' }) : undefined)],
      ['cell', (at) => make('QuietTrack', 'cell', at, { track: this.pick(this.tracks) as Track })],
      ['meetings', (at) => make('RequestExtraordinaryMeeting', this.party(), at, { reason: 'incident' })],
      ['meetings', (at) => {
        const kind = this.choose.int(2) === 0 ? 'regular' : 'extraordinary';
        return make('OpenMeeting', 'cell', at, { meetingId: this.id('mtg'), kind, agenda: { incidents: [], disputes: [] } });
      }],
      ['meetings', (at) => {
        const open = this.s.openMeeting;
        return open === undefined ? undefined : make('CloseMeeting', 'cell', at, { meetingId: open });
      }],
      ['game', (at) => this.round(at)],
      ['game', (at) => this.round(at)],
      ['game', (at) => {
        const rounds = this.s.game?.rounds ?? 0;
        return rounds === 0 ? undefined : make('ClarifyAccident', 'cell', at, { round: 1 + this.choose.int(rounds), to: this.party() });
      }],
    ];
  }

  private advanceDispute(at: string): Command | undefined {
    const d = this.dispute();
    if (!d) return undefined;
    const id = { disputeId: d.id };
    const either = this.pick([d.by, d.against]) as string;
    switch (d.machine.value) {
      case 'raised':
        return make('AcknowledgeDispute', d.against, at, id);
      case 'acknowledged':
        return this.choose.int(2) === 0 ? make('OpenFactFinding', 'cell', at, id) : make('RequestMediation', either, at, id);
      case 'factFinding':
        return this.choose.int(2) === 0
          ? make('ReportFindings', SUPERVISOR, at, { ...id, finding: 'findings', attributedTo: d.against })
          : make('RequestMediation', either, at, id);
      case 'mediation':
        return make('Rule', SUPERVISOR, at, { ...id, ruling: 'ruling' });
      case 'ruling':
        return this.choose.int(4) === 0 ? make('RejectRuling', either, at, id) : make('AcceptRuling', either, at, id);
      case 'deadlocked':
        return make('RequestMediation', either, at, id);
      default:
        return undefined;
    }
  }

  private advanceMessage(at: string): Command | undefined {
    const m = this.message();
    if (!m) return undefined;
    const id = { messageId: m.id };
    switch (m.machine.value) {
      case 'sent':
        return make(this.choose.int(8) === 0 ? 'LoseMessage' : 'DeliverMessage', 'cell', at, id);
      case 'delivered':
        return make('AcknowledgeMessage', m.to, at, id);
      case 'acknowledged':
        return make('AnswerMessage', m.to, at, id);
      case 'overdue':
        return make('ReferMessage', 'cell', at, id);
      default:
        return undefined;
    }
  }

  private round(at: string): Command {
    const intended: Record<string, Move> = {};
    const moves: Record<string, Move> = {};
    const payoffs: Record<string, number> = {};
    for (const p of this.parties) {
      const want: Move = this.choose.int(2) === 0 ? 'restrain' : 'strike';
      const flipped = this.choose.int(10) === 0;
      intended[p] = want;
      moves[p] = flipped ? (want === 'strike' ? 'restrain' : 'strike') : want;
      payoffs[p] = moves[p] === 'restrain' ? 3 : 1;
    }
    return make('PlayRound', 'sim', at, { round: (this.s.game?.rounds ?? 0) + 1, intended, moves, payoffs });
  }
}

/**
 * Generates one stream: `options.steps` attempted commands, then `SimulationEnded` if asked.
 * @example const events = generateStream(seededChooser(1), { steps: 200, parties: ['syria', 'israel'] });
 */
export function generateStream(choose: Chooser, options: StreamOptions): Recorded[] {
  const g = new StreamGenerator(choose, options);
  for (let i = 0; i < options.steps && !g.broken; i++) g.next();
  if (options.end) g.end();
  return [...g.log];
}

/**
 * Strips seq/hash: the facts of a stream, e.g. to append them to a log file.
 * @example log.append(factsOf(events));
 */
export function factsOf(events: readonly Recorded[]): Fact[] {
  return events.map(({ seq: _seq, hash: _hash, ...f }) => f as Fact);
}
