/**
 * Drives the reference model of cellModel.ts with fast-check commands. Each command asks the
 * real decider for one thing (mostly what someone might plausibly ask about the newest
 * message or dispute, sometimes anything at all), predicts from the model whether it is
 * accepted, and compares: accepted or refused as predicted; then the real state, folded by
 * the real Replayer, agrees with the model (cell, messages, disputes, ladder) and every
 * invariant of `parley/testing` holds after every recorded event.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Recorded, Track } from '../../src/core/catalogue.js';
import { TRACKS } from '../../src/core/catalogue.js';
import type { Command } from '../../src/core/commands.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer } from '../../src/core/replay.js';
import { formatInstant } from '../../src/core/time.js';
import { make, raiseDispute, sendMessage, startLog, SUPERVISOR } from '../../src/testing/build.js';
import { PARLEY_INVARIANTS } from '../../src/testing/invariants.js';
import type { Decider } from '../../src/testing/streamGenerator.js';
import type { DisputeModel, MessageModel, Model, Real } from './cellModel.js';
import { ACTORS, apply, compare, DEADLINES, FINAL, PARTIES, refusal, START } from './cellModel.js';

const HALF_HOUR = 30 * 60_000;

/** What one fast-check command draws: a kind of request and free choices for its fields. */
interface Ask {
  readonly kind: string;
  /** Half-hours to let pass first. */
  readonly wait: number;
  readonly actor: number;
  readonly pick: number;
  readonly other: number;
  /** Whether to ask even when the model expects a refusal (otherwise the ask is skipped). */
  readonly anyway: boolean;
}

const at = (m: Model): string => formatInstant(m.now);

/** Who would plausibly ask for `kind` about message `msg` or dispute `d`. */
function plausible(kind: string, msg: MessageModel | undefined, d: DisputeModel | undefined): readonly string[] {
  const parties = d ? [d.by, d.against] : [...PARTIES];
  switch (kind) {
    case 'EstablishCell':
    case 'ActivateCell':
      return [SUPERVISOR, 'cell'];
    case 'DeliverMessage':
    case 'LoseMessage':
      return ['cell'];
    case 'AcknowledgeMessage':
    case 'AnswerMessage':
      return msg ? [msg.to] : [...PARTIES];
    case 'MarkAckOverdue':
    case 'MarkDisputeOverdue':
      return ['sim'];
    case 'ReferMessage':
    case 'OpenFactFinding':
    case 'ReportFindings':
      return ['cell', SUPERVISOR];
    case 'RecordIncident':
      return [...PARTIES, 'world'];
    case 'RaiseDispute':
    case 'RequestMediation':
    case 'AcceptRuling':
    case 'RejectRuling':
    case 'EscalateDispute':
      return parties;
    case 'AcknowledgeDispute':
      return d ? [d.against] : [...PARTIES];
    case 'WithdrawDispute':
      return d ? [d.by] : [...PARTIES];
    case 'ReachSettlement':
      return [...parties, 'cell', SUPERVISOR];
    case 'Rule':
    case 'FailMediation':
      return [SUPERVISOR];
    case 'LapseDispute':
      return ['sim', 'cell'];
    default:
      return [...PARTIES, SUPERVISOR];
  }
}

/** The real command an ask stands for, in the model's present. */
function commandOf(m: Model, a: Ask): Command {
  // Mostly the newest message or dispute, so that one gets far along its procedure.
  const newest = <T>(list: readonly T[]): T | undefined => list[a.pick < 6 ? list.length - 1 : a.pick % Math.max(1, list.length)];
  const msg = newest(m.messages);
  const d = newest(m.disputes.filter((x) => !FINAL.has(x.state))) ?? newest(m.disputes);
  // Mostly someone who might ask; sometimes anyone at all (which the roles must refuse).
  const likely = plausible(a.kind, msg, d);
  const actor = a.actor < 13 ? (likely[a.actor % likely.length] as string) : (ACTORS[a.actor % ACTORS.length] as string);
  const when = at(m);
  const messageId = msg?.id ?? 'msg-none';
  const disputeId = d?.id ?? 'd-none';
  const other = a.other < 13 ? (PARTIES.find((p) => p !== actor) ?? PARTIES[0]) : (ACTORS[a.other % 4] as string);
  const track = TRACKS[a.other % TRACKS.length] as Track;
  switch (a.kind) {
    case 'ProposeCell':
      return make('ProposeCell', actor, when, { tracks: [...TRACKS] });
    case 'EstablishCell':
    case 'ActivateCell':
    case 'ResumeCell':
      return make(a.kind, actor, when, {});
    case 'SuspendCell':
    case 'DissolveCell':
      return make(a.kind, actor, when, { reason: 'test' });
    case 'SendMessage':
      return sendMessage(actor, when, { messageId: `msg-${m.ids + 1}`, to: other, track, kind: 'notification' });
    case 'RecordIncident':
      return make('RecordIncident', actor, when, { incidentId: `inc-${m.ids + 1}`, kind: 'airstrike', against: other, cameo: '195', weight: -(a.pick % 11), severity: (a.other % 10) / 10 });
    case 'TakeDeescalationStep':
      return make('TakeDeescalationStep', actor, when, { stepId: `step-${m.ids + 1}`, kind: 'deescalation', cameo: '087', weight: a.pick % 10 });
    case 'RaiseDispute':
      return raiseDispute(actor, when, { disputeId: `d-${m.ids + 1}`, against: other, track });
    case 'DeliverMessage':
    case 'LoseMessage':
    case 'AcknowledgeMessage':
    case 'AnswerMessage':
    case 'MarkAckOverdue':
    case 'ReferMessage':
      return make(a.kind, actor, when, { messageId });
    case 'ReportFindings':
      return make('ReportFindings', actor, when, { disputeId, finding: 'seen' });
    case 'Rule':
      return make('Rule', actor, when, { disputeId, ruling: 'so ruled' });
    case 'FailMediation':
      return make('FailMediation', actor, when, { disputeId, reason: 'no agreement' });
    case 'MarkDisputeOverdue':
      return make('MarkDisputeOverdue', actor, when, { disputeId, stage: d?.state ?? 'raised' });
    default:
      return make(a.kind as 'AcknowledgeDispute', actor, when, { disputeId });
  }
}

/** One ask of the real decider, with the model's prediction checked against its answer. */
class AskCommand implements fc.Command<Model, Real> {
  constructor(readonly ask: Ask) {}

  check(m: Readonly<Model>): boolean {
    // Runs walk deep into the procedures when most asks are ones the model expects to pass;
    // a share of the rest is still asked, so that every refusal gets checked too.
    const later = { ...m, now: m.now + this.ask.wait * HALF_HOUR };
    return this.ask.anyway || refusal(later, commandOf(later, this.ask)) === undefined;
  }

  run(m: Model, real: Real): void {
    m.now += this.ask.wait * HALF_HOUR;
    const cmd = commandOf(m, this.ask);
    const described = `${cmd.type} by ${cmd.actor} ${JSON.stringify(cmd.data)}`;
    real.trace.push(described);
    const why = refusal(m, cmd);
    const result = real.decide(cmd, real.replayer.peek());
    const label = `${described} at ${cmd.at}`;
    if (result instanceof DomainError !== (why !== undefined)) {
      const answer = result instanceof DomainError ? `refused it (${result.message})` : 'accepted it';
      throw new Error(`${label}: the model expects ${why === undefined ? 'acceptance' : `refusal (${why})`}, the decider ${answer}`);
    }
    if (result instanceof DomainError) return;
    for (const f of result) {
      const e = { ...f, seq: real.replayer.seq + 1 } as Recorded;
      real.replayer.push(e);
      for (const [name, check] of real.checks) expect(check(real.replayer.peek(), e), `${label}: ${name}`).toEqual([]);
    }
    apply(m, cmd);
    compare(m, real, label);
  }

  toString(): string {
    // The request depends on the model it meets: the failure message lists them as asked.
    return this.ask.kind;
  }
}

/** Kinds of request, weighted so that runs get deep into the procedures before the end. */
const KINDS: ReadonlyArray<readonly [string, number]> = [
  ['ProposeCell', 3], ['EstablishCell', 3], ['ActivateCell', 3], ['SuspendCell', 2], ['ResumeCell', 8], ['DissolveCell', 1],
  ['SendMessage', 8], ['DeliverMessage', 10], ['LoseMessage', 2], ['AcknowledgeMessage', 8], ['AnswerMessage', 6], ['MarkAckOverdue', 6], ['ReferMessage', 4],
  ['RecordIncident', 4], ['TakeDeescalationStep', 3],
  ['RaiseDispute', 6], ['AcknowledgeDispute', 8], ['OpenFactFinding', 6], ['ReportFindings', 4], ['ReachSettlement', 3], ['RequestMediation', 10], ['Rule', 10],
  ['AcceptRuling', 12], ['RejectRuling', 4], ['FailMediation', 4], ['EscalateDispute', 2], ['WithdrawDispute', 2], ['LapseDispute', 3], ['MarkDisputeOverdue', 3],
];

/** Asks, mostly about the messages and disputes that exist, by whoever might ask. */
const ask: fc.Arbitrary<fc.Command<Model, Real>> = fc
  .record({
    kind: fc.oneof(...KINDS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
    wait: fc.nat({ max: 4 }),
    actor: fc.nat({ max: 15 }),
    pick: fc.nat({ max: 15 }),
    other: fc.nat({ max: 15 }),
    // Shrinks towards true: a counterexample keeps the asks it needs, refused or not.
    anyway: fc.nat({ max: 2 }).map((n) => n === 0),
  })
  .map((a) => new AskCommand(a));

/**
 * The property: any sequence of asks, from a log just started (`active: false`) or from an
 * active cell, behaves as the model says. `decide` may be a variant under test.
 */
export function cellModelProperty(decide: Decider): fc.IPropertyWithHooks<[boolean, Iterable<fc.Command<Model, Real>>]> {
  // Three runs in four start from a working cell; `active` shrinks towards it too.
  const active = fc.nat({ max: 3 }).map((n) => n !== 3);
  return fc.property(active, fc.commands([ask], { maxCommands: 120, size: 'max' }), (startActive, cmds) => {
    const setup = (): { model: Model; real: Real } => {
      const replayer = new Replayer();
      const at = formatInstant(START);
      const opening: Command[] = [startLog({ parties: PARTIES, tracks: TRACKS, mechanism: true, game: false, start: at, deadlines: DEADLINES })];
      if (startActive) opening.push(make('ProposeCell', SUPERVISOR, at, { tracks: [...TRACKS] }), make('EstablishCell', SUPERVISOR, at, {}), make('ActivateCell', 'cell', at, {}));
      for (const cmd of opening) {
        const r = decide(cmd, replayer.peek());
        if (r instanceof DomainError) throw new Error(`set-up refused: ${r.message}`);
        for (const f of r) replayer.push({ ...f, seq: replayer.seq + 1 } as Recorded);
      }
      const checks = PARLEY_INVARIANTS.map((inv) => [inv.name, inv.start()] as const);
      const model: Model = { now: START, cell: startActive ? 'active' : 'none', messages: [], disputes: [], pressure: 0, ids: 0 };
      return { model, real: { decide, replayer, checks, trace } };
    };
    const trace: string[] = [];
    try {
      fc.modelRun(setup, cmds);
    } catch (error) {
      throw new Error(`${String(error instanceof Error ? error.message : error)}\nrequests, from ${startActive ? 'an active cell' : 'a new log'}:\n${trace.map((t) => `  ${t}`).join('\n')}`);
    }
  });
}
