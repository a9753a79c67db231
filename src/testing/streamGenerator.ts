/**
 * Generates valid event streams by playing random commands through `decide`: every event in
 * the output was accepted by the rules and folded by `evolve`, so the streams are valid by
 * construction, whatever the choices. Choices come from a `Chooser`, which fast-check drives
 * in property tests (so failures shrink) and a seeded PRNG drives in benchmarks.
 */
import type { Fact, MechanismRules, Move, Recorded, Track } from '../core/catalogue.js';
import { TRACKS } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { command } from '../core/commands.js';
import { decide } from '../core/decide.js';
import { DomainError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import type { ParleyState } from '../core/state.js';
import { formatInstant, parseInstant } from '../core/time.js';
import { DEFAULT_LADDER } from '../machines/ladder.js';

/** The mechanism's rules of every generated stream (deadlines follow from them). */
const GENERATED_RULES: MechanismRules = {
  ackDeadline: 'PT12H',
  disputeResponseDeadline: 'P7D',
  referral: true,
  meetings: { every: null, extraordinaryOnRequest: true, standingIncidentAgenda: false },
  suspension: { by: [], onSeverityAbove: null, resumeAfter: null },
};

/** Source of choices: `int(n)` returns an integer in `[0, n)`. */
export interface Chooser {
  int(n: number): number;
}

/** Options of `generateStream`. */
export interface StreamOptions {
  /** How many commands to attempt (refused ones are skipped). */
  readonly steps: number;
  readonly parties?: readonly string[];
  /** Whether the run has a cell; without one, only incidents and steps happen. */
  readonly mechanism?: boolean;
  /** Include repeated-interaction rounds. */
  readonly game?: boolean;
  readonly start?: string;
}

const KINDS: ReadonlyArray<readonly [string, string, number]> = [
  ['incursion', '152', -7.2],
  ['airstrike', '195', -10],
  ['threat', '13', -6],
  ['aid', '07', 7],
];

/** A stream generator over one run; `next()` attempts one command. */
export class StreamGenerator {
  private readonly replayer = new Replayer();
  private readonly events: Recorded[] = [];
  private readonly parties: readonly string[];
  private now: number;
  private counter = 0;
  refused = 0;

  constructor(
    private readonly choose: Chooser,
    private readonly options: StreamOptions,
  ) {
    this.parties = options.parties ?? ['alpha', 'bravo'];
    this.now = parseInstant(options.start ?? '2026-01-06T00:00:00Z') as number;
    this.bootstrap();
  }

  /** The events generated so far (the array grows; do not modify it). */
  get log(): readonly Recorded[] {
    return this.events;
  }

  /** The state after the last event (live view; do not modify). */
  get state(): ParleyState {
    return this.replayer.peek();
  }

  /** Attempts one random command; returns the events it produced (none if refused). */
  next(): readonly Recorded[] {
    this.now += this.choose.int(4) * 15 * 60_000;
    const cmd = this.pickCommand();
    return cmd ? this.submit(cmd) : [];
  }

  private bootstrap(): void {
    const at = formatInstant(this.now);
    const mechanism = this.options.mechanism ?? true;
    this.submit(
      command('StartLog', { actor: 'sim', at }, {
        scenario: { name: 'generated', hash: '0'.repeat(64), source: null },
        overrides: [],
        seed: 0,
        parley: 'test',
        start: at,
        end: formatInstant(this.now + 365 * 86_400_000),
        parties: Object.fromEntries(this.parties.map((p) => [p, { name: p }])),
        supervisor: { id: 'us', name: 'Supervisor' },
        mechanism,
        rules: GENERATED_RULES,
        tracks: [...TRACKS],
        ladder: DEFAULT_LADDER,
        ...(this.options.game ? { game: { payoff: { R: 3, S: 0, T: 5, P: 1 } } } : {}),
      }),
    );
    if (!mechanism) return;
    this.submit(command('ProposeCell', { actor: 'us', at }, { tracks: [...TRACKS] }));
    this.submit(command('EstablishCell', { actor: 'us', at }, {}));
    this.submit(command('ActivateCell', { actor: 'cell', at }, {}));
  }

  private submit(cmd: Command): readonly Recorded[] {
    const result = decide(cmd, this.replayer.peek());
    if (result instanceof DomainError) {
      this.refused += 1;
      return [];
    }
    const out: Recorded[] = [];
    for (const f of result) {
      const e = { ...f, seq: this.replayer.seq + 1 } as Recorded;
      this.replayer.push(e);
      this.events.push(e);
      out.push(e);
    }
    return out;
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.choose.int(items.length)];
  }

  private id(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  private other(p: string): string {
    const rest = this.parties.filter((q) => q !== p);
    return this.pick(rest) as string;
  }

  private pickCommand(): Command | undefined {
    const s = this.replayer.peek();
    const at = formatInstant(this.now);
    const party = this.pick(this.parties) as string;
    const track = this.pick(TRACKS) as Track;
    const incident = this.pick([...s.incidents.keys()].slice(-8));
    const message = this.pick([...s.messages.keys()].slice(-12));
    // Mostly open disputes, so that long paths (mediation, ruling, acceptance) get walked.
    const openDisputes = [...s.disputes.values()].filter((x) => x.closedAt === undefined).slice(-6).map((x) => x.id);
    const dispute = this.pick(this.choose.int(5) === 0 ? [...s.disputes.keys()].slice(-6) : openDisputes);
    const m = message === undefined ? undefined : s.messages.get(message);
    const d = dispute === undefined ? undefined : s.disputes.get(dispute);
    const inDispute = d ? (this.pick([d.by, d.against]) as string) : party;
    const menu: Array<() => Command | undefined> = [
      () => {
        const [kind, cameo, weight] = this.pick(KINDS) as (typeof KINDS)[number];
        const severity = (1 + this.choose.int(10)) / 10;
        const data = { incidentId: this.id('inc'), kind, against: this.other(party), cameo, weight, severity };
        return command('RecordIncident', { actor: party, at }, data);
      },
      () => {
        if (!incident) return undefined;
        const i = s.incidents.get(incident);
        if (!i) return undefined;
        const attributedTo = this.choose.int(3) === 0 ? this.other(i.by) : i.by;
        return command('ObserveIncident', { actor: i.against, at }, { incidentId: incident, attributedTo, severity: i.severity });
      },
      () => {
        if (!incident) return undefined;
        const i = s.incidents.get(incident);
        const seen = i?.observations[i.against];
        if (!i || !seen) return undefined;
        if (this.choose.int(2) === 0) {
          return command('ClarifyIncident', { actor: 'cell', at }, { incidentId: incident, party: i.against, attributedTo: i.by });
        }
        const data = { incidentId: this.id('inc'), kind: 'airstrike', against: seen.attributedTo, cameo: '195', weight: -10, severity: 0.5, retaliationFor: incident };
        return seen.attributedTo === i.against ? undefined : command('RecordIncident', { actor: i.against, at }, data);
      },
      () => {
        const data = { messageId: this.id('msg'), to: this.other(party), track, kind: 'notification' as const };
        return command('SendMessage', { actor: party, at }, data);
      },
      () => (m ? command(this.choose.int(8) === 0 ? 'LoseMessage' : 'DeliverMessage', { actor: 'cell', at }, { messageId: m.id }) : undefined),
      () => (m ? command('AcknowledgeMessage', { actor: m.to, at }, { messageId: m.id }) : undefined),
      () => (m ? command('AnswerMessage', { actor: m.to, at }, { messageId: m.id }) : undefined),
      () => {
        if (!m) return undefined;
        this.now = Math.max(this.now, parseInstant(m.ackBy) as number);
        return command('MarkAckOverdue', { actor: 'sim', at: formatInstant(this.now) }, { messageId: m.id });
      },
      () => (m ? command('ReferMessage', { actor: 'cell', at }, { messageId: m.id }) : undefined),
      () => {
        const data = { disputeId: this.id('d'), against: this.other(party), track, ...(incident ? { incidentId: incident } : {}) };
        return command('RaiseDispute', { actor: party, at }, data);
      },
      () => (d ? command('AcknowledgeDispute', { actor: d.against, at }, { disputeId: d.id }) : undefined),
      () => (d ? command('OpenFactFinding', { actor: 'cell', at }, { disputeId: d.id }) : undefined),
      () => (d ? command('ReportFindings', { actor: 'us', at }, { disputeId: d.id, finding: 'findings', attributedTo: d.against }) : undefined),
      () => (d && this.choose.int(2) === 0 ? command('ReachSettlement', { actor: 'cell', at }, { disputeId: d.id }) : undefined),
      () => (d ? command('RequestMediation', { actor: inDispute, at }, { disputeId: d.id }) : undefined),
      () => (d ? command('Rule', { actor: 'us', at }, { disputeId: d.id, ruling: 'ruling' }) : undefined),
      () => (d ? command('AcceptRuling', { actor: inDispute, at }, { disputeId: d.id }) : undefined),
      () => (d ? command('RejectRuling', { actor: inDispute, at }, { disputeId: d.id }) : undefined),
      () => (d ? command('FailMediation', { actor: 'us', at }, { disputeId: d.id, reason: 'no agreement' }) : undefined),
      () => (d && this.choose.int(3) === 0 ? command('EscalateDispute', { actor: inDispute, at }, { disputeId: d.id }) : undefined),
      () => (d && this.choose.int(3) === 0 ? command('WithdrawDispute', { actor: d.by, at }, { disputeId: d.id }) : undefined),
      () => {
        if (!d || this.choose.int(3) !== 0) return undefined;
        this.now = Math.max(this.now, parseInstant(d.respondBy) as number);
        return command('MarkDisputeOverdue', { actor: 'sim', at: formatInstant(this.now) }, { disputeId: d.id, stage: String(d.machine.value) });
      },
      () => (d && this.choose.int(3) === 0 ? command('LapseDispute', { actor: 'sim', at }, { disputeId: d.id }) : undefined),
      () => command('TakeDeescalationStep', { actor: party, at }, { stepId: this.id('step'), kind: 'deescalation', cameo: '087', weight: 9 }),
      () => command('SuspendCell', { actor: this.pick([party, 'us']) as string, at }, { reason: 'strike' }),
      () => command('ResumeCell', { actor: 'us', at }, {}),
      () => command('RequestExtraordinaryMeeting', { actor: party, at }, { reason: 'incident' }),
      () => {
        const kind = this.choose.int(2) === 0 ? 'regular' : 'extraordinary';
        return command('OpenMeeting', { actor: 'cell', at }, { meetingId: this.id('mtg'), kind, agenda: { incidents: [], disputes: [] } });
      },
      () => {
        const open = [...s.meetings.values()].find((x) => x.closedAt === undefined);
        return open ? command('CloseMeeting', { actor: 'cell', at }, { meetingId: open.id }) : undefined;
      },
      () => command('QuietTrack', { actor: 'cell', at }, { track }),
    ];
    if (this.options.game) menu.push(() => this.round(at), () => this.round(at));
    const make = this.pick(menu) as () => Command | undefined;
    return make();
  }

  private round(at: string): Command {
    const s = this.replayer.peek();
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
    return command('PlayRound', { actor: 'sim', at }, { round: (s.game?.rounds ?? 0) + 1, intended, moves, payoffs });
  }
}

/** Generates one stream of valid events. */
export function generateStream(choose: Chooser, options: StreamOptions): Recorded[] {
  const g = new StreamGenerator(choose, options);
  for (let i = 0; i < options.steps; i++) g.next();
  return [...g.log];
}

/** Strips seq/hash: the facts of a stream, e.g. to append them to a log file. */
export function factsOf(events: readonly Recorded[]): Fact[] {
  return events.map(({ seq: _seq, hash: _hash, ...f }) => f as Fact);
}
