/**
 * The simulation loop. A virtual-time agenda (scripted timeline, incident generators,
 * deadlines, meetings, rounds) feeds tasks to handlers; handlers and party policies turn
 * observations into commands; `decide` checks them; accepted facts are sequenced, folded
 * into the state and emitted; each new fact may schedule follow-ups (`react`). Deadlines
 * that elapse are recorded as events, so a log replays without any clock.
 *
 * Pure given the plan: all randomness comes from the seeded, per-stream `Rng`.
 */
import type { Fact, Recorded, Track } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { command } from '../core/commands.js';
import { decide, type DecideOptions } from '../core/decide.js';
import { DomainError } from '../core/errors.js';
import { isId, own } from '../core/ids.js';
import { Replayer } from '../core/replay.js';
import type { DisputeView, IncidentView, ParleyState } from '../core/state.js';
import { formatInstant, isLater, parseInstant } from '../core/time.js';
import { Agenda } from './agenda.js';
import { InstantFormatter } from './instants.js';
import { perceive } from './fog.js';
import { RepeatedGame } from './game.js';
import type { IncidentSpec, PartyPlan, Plan, TimelineStep } from './plan.js';
import { intendsRetaliation, jitter } from './policy.js';
import { OpenDisputes } from './openDisputes.js';
import { Rng } from './rng.js';
import { STREAM, Streams } from './streams.js';
import { timelineCommand } from './timeline.js';
import { incidentData, planDataIsValid } from './trust.js';

const HOUR = 3_600_000;
const MEETING_LENGTH = 2 * HOUR;
const EXTRAORDINARY_NOTICE = 6 * HOUR;

/** Random intervals are kept to whole seconds so instants in the log stay readable. */
const toSecond = (ms: number): number => Math.round(ms / 1000) * 1000;

/** `decide` options, allocated once: see `Simulation.submit`. */
const CHECKED: DecideOptions = { validateData: true };
const TRUSTED: DecideOptions = { validateData: false };

type Task =
  | { readonly k: 'timeline'; readonly step: TimelineStep }
  | { readonly k: 'tick'; readonly g: number }
  | { readonly k: 'strike'; readonly id: string; readonly spec: IncidentSpec; readonly warning?: string }
  | { readonly k: 'deliver'; readonly messageId: string }
  | { readonly k: 'ackDeadline'; readonly messageId: string }
  | { readonly k: 'ack'; readonly messageId: string }
  | { readonly k: 'answer'; readonly messageId: string }
  | { readonly k: 'supervisorCheck'; readonly messageId: string }
  | { readonly k: 'retaliate'; readonly incidentId: string; readonly party: string }
  | { readonly k: 'disputeAck'; readonly disputeId: string }
  | { readonly k: 'disputeDeadline'; readonly disputeId: string }
  | { readonly k: 'findings'; readonly disputeId: string }
  | { readonly k: 'settle'; readonly disputeId: string }
  | { readonly k: 'rule'; readonly disputeId: string }
  | { readonly k: 'decline'; readonly disputeId: string }
  | { readonly k: 'rulingResponse'; readonly disputeId: string; readonly party: string }
  | { readonly k: 'meeting' }
  | { readonly k: 'extraordinary'; readonly incidentId?: string }
  | { readonly k: 'closeMeeting'; readonly meetingId: string }
  | { readonly k: 'resume'; readonly by: string }
  | { readonly k: 'round' };

/** A scripted action the rules refused (e.g. a dispute while the cell is suspended). */
export interface Refusal {
  readonly at: string;
  readonly action: string;
  readonly code: string;
  readonly reason: string;
}

/** What a finished run returns besides the events it emitted. */
export interface RunResult {
  readonly state: ParleyState;
  readonly events: number;
  readonly refused: readonly Refusal[];
  readonly endedBy: 'horizon' | 'stopped';
}

/** Options of `runPlan`. */
export interface RunOptions {
  /** Called with every event as it is recorded, in order. */
  readonly onEvent?: (event: Recorded) => void;
}

/** Runs a plan to its horizon. Deterministic: same plan, same events. */
export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
  return new Simulation(plan, options.onEvent).run();
}

class Simulation {
  private readonly replayer = new Replayer();
  private readonly agenda: Agenda<Task>;
  private readonly rng: Rng;
  private readonly parties: readonly string[];
  private readonly byId: ReadonlyMap<string, PartyPlan>;
  private readonly refused: Refusal[] = [];
  private readonly reserved = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly streams: Streams;
  /** Disputes not yet closed, for meeting agendas. */
  private readonly open = new OpenDisputes();
  /** `at` text of the agenda time it was last formatted for: many commands share one instant. */
  private atMs = Number.NaN;
  private atText = '';
  private readonly instants = new InstantFormatter();
  /** The track protests, warnings and disputes go on. */
  private readonly businessTrack: Track;
  /** Warning message sent ahead of an incident (by incident id). */
  private readonly warnings = new Map<string, string>();
  /** Retaliations held while a dispute over the incident runs in the cell (by dispute id). */
  private readonly held = new Map<string, Array<{ incidentId: string; party: string }>>();
  private readonly mediations = new Map<string, number>();
  private readonly disputesByIncident = new Map<string, string[]>();
  /** Scripted attributions (timeline `blamed`), by incident id. */
  private readonly blamed = new Map<string, string>();
  private incidentsSinceMeeting: string[] = [];
  private readonly game: RepeatedGame | undefined;
  private trafficSinceMeeting = new Set<string>();
  private stopped = false;
  /** Check every command's data: the plan itself carries data the catalogue refuses. */
  private readonly checkAll: boolean;

  constructor(
    private readonly plan: Plan,
    private readonly onEvent: ((e: Recorded) => void) | undefined,
  ) {
    this.agenda = new Agenda(plan.startMs);
    this.rng = Rng.seeded(plan.seed);
    this.streams = new Streams(this.rng);
    this.checkAll = !planDataIsValid(plan);
    const tracks = plan.mechanism.tracks;
    this.businessTrack = tracks.includes('deescalation') ? 'deescalation' : (tracks[0] as Track);
    this.parties = plan.parties.map((p) => p.id);
    this.byId = new Map(plan.parties.map((p) => [p.id, p]));
    for (const step of plan.timeline) {
      if ('id' in step.action) this.reserved.add(step.action.id);
    }
    this.game = plan.game
      ? new RepeatedGame(
          plan.parties.map((p) => ({ id: p.id, policy: p.policy })),
          { ...plan.game, cellEnabled: plan.mechanism.enabled },
          this.rng.split('game'),
        )
      : undefined;
  }

  private get state(): ParleyState {
    return this.replayer.peek();
  }

  private get at(): string {
    const now = this.agenda.now;
    if (now !== this.atMs) {
      this.atMs = now;
      this.atText = this.instants.format(now);
    }
    return this.atText;
  }

  run(): RunResult {
    this.start();
    const sub = this.agenda.drain$(this.plan.endMs).subscribe((due) => {
      if (this.stopped) return;
      this.handle(due.task);
    });
    sub.unsubscribe();
    const endMs = this.stopped ? this.agenda.now : this.plan.endMs;
    this.submit(command('EndSimulation', { actor: 'sim', at: this.instants.format(endMs) }, {
      reason: this.stopped ? 'stopped' : 'horizon',
    }), true);
    return {
      // The live state, not a copy: nothing folds into it any more, and copying the whole
      // state of a long run costs as much as simulating a sizeable part of it.
      state: this.replayer.peek(),
      events: this.replayer.seq,
      refused: this.refused,
      endedBy: this.stopped ? 'stopped' : 'horizon',
    };
  }

  // --- recording ------------------------------------------------------------------------

  /**
   * Decides and records `cmd`; returns its (first) recorded event. `validate` asks `decide` to check the command's data against
   * the catalogue: needed for data the simulator cannot vouch for (scripted steps, the run's
   * first events, game rounds); see trust.ts for why its own commands need no check.
   */
  private submit(cmd: Command, validate: boolean): Recorded | undefined | DomainError {
    const result = decide(cmd, this.state, validate || this.checkAll ? CHECKED : TRUSTED);
    if (result instanceof DomainError) return result;
    let first: Recorded | undefined;
    for (const f of result) {
      const e = this.record(f);
      first ??= e;
    }
    return first;
  }

  /** Submits an internal command; a refusal just means the moment has passed. */
  private try(cmd: Command, validate = false): Recorded | undefined {
    const r = this.submit(cmd, validate);
    return r instanceof DomainError ? undefined : r;
  }

  private record(f: Fact): Recorded {
    // `decide` built `f` for this call alone: sequence it in place rather than copy it (the
    // key order, and so every printed form, is the same as a copy with `seq` added last).
    (f as { seq?: number }).seq = this.replayer.seq + 1;
    const e = f as Recorded;
    this.replayer.push(e);
    this.onEvent?.(e);
    if (this.replayer.seq >= this.plan.maxEvents) this.stopped = true;
    this.react(e);
    return e;
  }

  private nextId(prefix: string): string {
    for (;;) {
      const n = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, n);
      const id = `${prefix}-${n}`;
      if (!this.reserved.has(id)) return id;
    }
  }

  // --- set-up ---------------------------------------------------------------------------

  private start(): void {
    const p = this.plan;
    const at = this.at;
    this.try(command('StartLog', { actor: 'sim', at }, {
      scenario: { name: p.name, hash: p.hash },
      seed: p.seed,
      parley: p.parleyVersion,
      start: at,
      end: formatInstant(p.endMs),
      parties: Object.fromEntries(p.parties.map((x) => [x.id, { name: x.name }])),
      supervisor: { id: p.supervisor.id, name: p.supervisor.name },
      mechanism: p.mechanism.enabled,
      tracks: [...p.mechanism.tracks],
      ladder: p.ladder,
      ...(p.game ? { game: { payoff: p.game.payoff } } : {}),
    }), true);
    if (p.mechanism.enabled) {
      this.try(command('ProposeCell', { actor: p.supervisor.id, at }, { tracks: [...p.mechanism.tracks] }), true);
      this.try(command('EstablishCell', { actor: p.supervisor.id, at }, {}), true);
      this.try(command('ActivateCell', { actor: 'cell', at }, {}), true);
      if (p.mechanism.meetings.everyMs) this.agenda.schedule(p.startMs + p.mechanism.meetings.everyMs, { k: 'meeting' });
    }
    for (const step of p.timeline) this.agenda.schedule(step.atMs, { k: 'timeline', step });
    p.generators.forEach((g, i) => {
      const first = Math.max(p.startMs, g.fromMs) + toSecond(this.streams.get(STREAM.generator, String(i)).exponential(g.meanIntervalMs));
      this.agenda.schedule(first, { k: 'tick', g: i });
    });
    if (p.game) this.agenda.schedule(p.startMs + p.game.everyMs, { k: 'round' });
  }

  // --- tasks ----------------------------------------------------------------------------

  private handle(task: Task): void {
    const at = this.at;
    switch (task.k) {
      case 'timeline':
        return this.scripted(task.step);
      case 'tick':
        return this.tick(task.g);
      case 'strike':
        this.occur(task.id, task.spec);
        return;
      case 'deliver': {
        const lost = this.streams.get(STREAM.fogLoss).chance(this.plan.fog.messageLoss);
        this.try(command(lost ? 'LoseMessage' : 'DeliverMessage', { actor: 'cell', at }, { messageId: task.messageId }));
        return;
      }
      case 'ackDeadline': {
        const m = this.state.messages.get(task.messageId);
        if (m && m.acknowledgedAt === undefined && m.lostAt === undefined) {
          this.try(command('MarkAckOverdue', { actor: 'sim', at }, { messageId: task.messageId }));
        }
        return;
      }
      case 'ack': {
        const m = this.state.messages.get(task.messageId);
        if (m) this.try(command('AcknowledgeMessage', { actor: m.to, at }, { messageId: m.id }));
        return;
      }
      case 'answer': {
        const m = this.state.messages.get(task.messageId);
        if (m) this.try(command('AnswerMessage', { actor: m.to, at }, { messageId: m.id }));
        return;
      }
      case 'supervisorCheck':
        return this.supervisorCheck(task.messageId);
      case 'retaliate':
        return this.retaliate(task.incidentId, task.party);
      case 'disputeAck': {
        const d = this.state.disputes.get(task.disputeId);
        if (d) this.try(command('AcknowledgeDispute', { actor: d.against, at }, { disputeId: d.id }));
        return;
      }
      case 'disputeDeadline':
        return this.disputeDeadline(task.disputeId);
      case 'findings':
        return this.findings(task.disputeId);
      case 'settle':
        return this.settle(task.disputeId);
      case 'rule':
        this.try(command('Rule', { actor: this.plan.supervisor.id, at }, { disputeId: task.disputeId, ruling: 'ruling on the facts found' }));
        return;
      case 'decline':
        this.try(command('FailMediation', { actor: this.plan.supervisor.id, at }, { disputeId: task.disputeId, reason: 'supervisor declined to rule' }));
        return;
      case 'rulingResponse': {
        const accept = this.streams.get(STREAM.ruling, task.party).chance(this.policy(task.party).acceptRuling);
        this.try(command(accept ? 'AcceptRuling' : 'RejectRuling', { actor: task.party, at }, { disputeId: task.disputeId }));
        return;
      }
      case 'meeting':
        return this.meeting();
      case 'extraordinary':
        return this.extraordinary(task.incidentId);
      case 'closeMeeting':
        this.try(command('CloseMeeting', { actor: 'cell', at }, { meetingId: task.meetingId }));
        return;
      case 'resume':
        this.try(command('ResumeCell', { actor: task.by, at }, { reason: 'suspension period over' }));
        return;
      case 'round':
        return this.round();
      default: {
        const _exhaustive: never = task;
        return _exhaustive;
      }
    }
  }

  private policy(party: string) {
    return (this.byId.get(party) as PartyPlan).policy;
  }

  private scripted(step: TimelineStep): void {
    const a = step.action;
    if (a.type === 'incident') {
      this.prepareIncident(a.id, a.incident);
      return;
    }
    const cmd = timelineCommand(step, this.at, this.plan);
    const r = this.submit(cmd, true);
    if (r instanceof DomainError) {
      this.refused.push({ at: this.at, action: `${a.type}${'id' in a ? ` ${a.id}` : ''}`, code: r.code, reason: r.message });
    } else if (a.type === 'meeting') {
      this.agenda.schedule(this.agenda.now + EXTRAORDINARY_NOTICE, { k: 'extraordinary' });
    }
  }

  private tick(g: number): void {
    const gen = this.plan.generators[g];
    if (!gen) return;
    const next = this.agenda.now + toSecond(this.streams.get(STREAM.generator, String(g)).exponential(gen.meanIntervalMs));
    if (next <= gen.untilMs) this.agenda.schedule(next, { k: 'tick', g });
    this.prepareIncident(this.nextId(gen.kind), gen);
  }

  /** Sends the advance warning first when the spec asks for one, then the incident. */
  private prepareIncident(id: string, spec: IncidentSpec): void {
    if (spec.warnLeadMs === undefined || spec.by === 'world') {
      this.occur(id, spec);
      return;
    }
    const warning = this.send(spec.by, spec.against, 'warning', undefined, `advance warning: ${spec.kind} ${id}`);
    if (warning) this.warnings.set(id, warning);
    this.agenda.schedule(this.agenda.now + spec.warnLeadMs, { k: 'strike', id, spec });
  }

  private occur(id: string, spec: IncidentSpec, retaliationFor?: string): void {
    if (spec.blamed !== undefined) this.blamed.set(id, spec.blamed);
    // An id made from a long incident kind can outgrow the id rules: decide refuses it then.
    const data = incidentData(id, spec, retaliationFor);
    const r = this.submit(command('RecordIncident', { actor: spec.by, at: this.at }, data), !isId(id));
    if (r instanceof DomainError) this.refused.push({ at: this.at, action: `incident ${id}`, code: r.code, reason: r.message });
  }

  private send(from: string, to: string, kind: 'warning' | 'protest', incidentId: string | undefined, subject: string): string | undefined {
    if (!this.cellActive()) return undefined;
    const messageId = this.nextId('msg');
    const ackBy = this.instants.format(this.agenda.now + this.plan.mechanism.ackDeadlineMs);
    const track = this.businessTrack;
    // Two literals rather than a conditional spread: same keys in the same order, no garbage.
    const data = incidentId === undefined
      ? { messageId, to, track, kind, subject, ackBy }
      : { messageId, to, track, kind, subject, incidentId, ackBy };
    const e = this.try(command('SendMessage', { actor: from, at: this.at }, data));
    return e ? messageId : undefined;
  }

  private cellActive(): boolean {
    const v = this.state.cell?.machine.value;
    return typeof v === 'object' && v !== null && 'active' in v;
  }

  // --- reactions to recorded facts --------------------------------------------------------

  private react(e: Recorded): void {
    const now = this.agenda.now;
    switch (e.type) {
      case 'IncidentOccurred': {
        this.incidentsSinceMeeting.push(e.data.incidentId);
        const observer = e.data.against;
        if (!this.byId.has(observer)) return;
        const drawn = perceive(this.plan.fog, this.streams.get(STREAM.fogObserve, observer), { by: e.actor, severity: e.data.severity }, observer, this.parties);
        const blamed = this.blamed.get(e.data.incidentId);
        const attributedTo = blamed ?? drawn.attributedTo;
        this.try(command('ObserveIncident', { actor: observer, at: this.at, cause: e.seq }, { incidentId: e.data.incidentId, attributedTo, severity: drawn.severity }));
        return;
      }
      case 'IncidentObserved':
        return this.observed(e.actor, e.data.incidentId, e.data.attributedTo, e.data.severity, e.seq);
      case 'MessageSent':
        this.trafficSinceMeeting.add(e.data.track);
        this.agenda.schedule(now + this.deliveryDelay(), { k: 'deliver', messageId: e.data.messageId });
        this.agenda.schedule(parseInstant(e.data.ackBy) as number, { k: 'ackDeadline', messageId: e.data.messageId });
        return;
      case 'MessageDelivered': {
        const m = this.state.messages.get(e.data.messageId);
        if (!m || !this.byId.has(m.to)) return;
        const p = this.policy(m.to);
        if (this.streams.get(STREAM.ack, m.to).chance(p.acknowledge)) {
          this.agenda.schedule(now + jitter(this.streams.get(STREAM.delay, m.to), p.ackDelayMs), { k: 'ack', messageId: m.id });
        }
        return;
      }
      case 'MessageAcknowledged': {
        const m = this.state.messages.get(e.data.messageId);
        if (m && m.kind !== 'warning') {
          this.agenda.schedule(now + jitter(this.streams.get(STREAM.delay, e.actor), this.policy(e.actor).answerDelayMs), { k: 'answer', messageId: m.id });
        }
        return;
      }
      case 'MessageAnswered': {
        const m = this.state.messages.get(e.data.messageId);
        const i = m?.incidentId === undefined ? undefined : this.state.incidents.get(m.incidentId);
        // The accused answers through the cell; if it was not them, the cell's shared
        // intelligence makes the denial credible and the misattribution is cleared.
        if (m && i && i.by !== m.to) this.clarify(i, m.from, 'cell', m.id, e.seq);
        return;
      }
      case 'AckDeadlineMissed':
        if (this.plan.mechanism.referral) {
          this.try(command('ReferMessage', { actor: 'cell', at: this.at, cause: e.seq }, { messageId: e.data.messageId }));
        }
        return;
      case 'MessageReferred':
        if (this.streams.get(STREAM.supervisor).chance(this.plan.supervisor.intervene)) {
          this.agenda.schedule(now + this.plan.supervisor.responseTimeMs, { k: 'supervisorCheck', messageId: e.data.messageId });
        }
        return;
      case 'DisputeRaised': {
        this.open.add(e.data.disputeId);
        if (e.data.incidentId !== undefined) {
          const list = this.disputesByIncident.get(e.data.incidentId) ?? [];
          list.push(e.data.disputeId);
          this.disputesByIncident.set(e.data.incidentId, list);
        }
        const respondent = e.data.against;
        const p = this.policy(respondent);
        if (this.streams.get(STREAM.ack, respondent).chance(p.acknowledge)) {
          this.agenda.schedule(now + jitter(this.streams.get(STREAM.delay, respondent), p.ackDelayMs), { k: 'disputeAck', disputeId: e.data.disputeId });
        }
        this.agenda.schedule(parseInstant(e.data.respondBy) as number, { k: 'disputeDeadline', disputeId: e.data.disputeId });
        return;
      }
      case 'DisputeAcknowledged':
        this.try(command('OpenFactFinding', { actor: 'cell', at: this.at, cause: e.seq }, { disputeId: e.data.disputeId }));
        this.agenda.schedule(now + this.plan.supervisor.factFindingMs, { k: 'findings', disputeId: e.data.disputeId });
        return;
      case 'MediationRequested': {
        const n = (this.mediations.get(e.data.disputeId) ?? 0) + 1;
        this.mediations.set(e.data.disputeId, n);
        const acts = this.streams.get(STREAM.supervisor).chance(this.plan.supervisor.intervene);
        this.agenda.schedule(now + this.plan.supervisor.responseTimeMs, { k: acts ? 'rule' : 'decline', disputeId: e.data.disputeId });
        return;
      }
      case 'SupervisorRuled': {
        const d = this.state.disputes.get(e.data.disputeId) as DisputeView;
        for (const party of [d.by, d.against]) {
          const delay = jitter(this.streams.get(STREAM.delay, party), this.policy(party).answerDelayMs);
          this.agenda.schedule(now + delay, { k: 'rulingResponse', disputeId: d.id, party });
        }
        return;
      }
      case 'RulingRejected':
      case 'MediationFailed':
        return this.deadlocked(e.data.disputeId, e.seq);
      case 'CellSuspended': {
        const after = this.plan.mechanism.suspension.resumeAfterMs;
        if (after !== undefined) this.agenda.schedule(now + after, { k: 'resume', by: e.actor });
        return;
      }
      case 'CellResumed':
        return this.resumeDisputes(e.seq);
      default:
        if ('disputeId' in e.data && e.type !== 'DisputeDeadlineMissed') this.afterDisputeStep(e.data.disputeId, e.seq);
        return;
    }
  }

  private deliveryDelay(): number {
    const mean = this.plan.fog.deliveryDelayMs;
    return mean <= 0 ? 0 : toSecond(this.streams.get(STREAM.fogDelay).exponential(mean));
  }

  /** A party has observed an incident: protest, dispute, suspend, meet, and perhaps retaliate. */
  private observed(party: string, incidentId: string, attributedTo: string, severity: number, cause: number): void {
    const policy = this.byId.get(party)?.policy;
    const i = this.state.incidents.get(incidentId);
    if (!policy || !i || i.weight >= 0 || !this.byId.has(attributedTo) || attributedTo === party) return;
    if (this.warnedInTime(i, party)) return;
    const original = i.retaliationFor === undefined ? undefined : this.state.incidents.get(i.retaliationFor);
    const answersOwnAct = original !== undefined && original.by === party;
    const at = this.at;
    const m = this.plan.mechanism;
    if (this.cellActive()) {
      const s = m.suspension;
      if (s.by.includes(party) && s.onSeverityAbove !== undefined && severity >= s.onSeverityAbove) {
        this.try(command('SuspendCell', { actor: party, at, cause }, { reason: `${i.kind} ${i.id}`, incidentId }));
      }
    }
    if (this.cellActive() && !answersOwnAct) {
      this.send(party, attributedTo, 'protest', incidentId, `protest: ${i.kind} ${i.id}`);
      const lateWarning = this.warnings.get(incidentId);
      if (severity >= policy.disputeThreshold && this.streams.get(STREAM.dispute, party).chance(policy.raiseDispute)) {
        const disputeId = this.nextId('dispute');
        const track = this.businessTrack;
        const respondBy = this.instants.format(this.agenda.now + m.disputeResponseMs);
        this.try(command('RaiseDispute', { actor: party, at, cause }, lateWarning === undefined
          ? { disputeId, against: attributedTo, track, incidentId, respondBy }
          : { disputeId, against: attributedTo, track, incidentId, messageId: lateWarning, claim: 'the advance warning came too late', respondBy }));
      }
      if (m.meetings.extraordinaryOnRequest && severity >= 0.7) {
        if (this.try(command('RequestExtraordinaryMeeting', { actor: party, at, cause }, { reason: `${i.kind} ${i.id}`, incidentId }))) {
          this.agenda.schedule(this.agenda.now + EXTRAORDINARY_NOTICE, { k: 'extraordinary', incidentId });
        }
      }
    }
    if (intendsRetaliation(policy, this.streams.get(STREAM.retaliation, party), { answersOwnAct })) {
      this.agenda.schedule(this.agenda.now + policy.retaliationDelayMs, { k: 'retaliate', incidentId, party });
    }
  }

  /**
   * A warning deconflicts an incident only if the warned party had acknowledged it before the
   * incident happened: read, and so able to act (the Il-20 warning arrived, but too late).
   */
  private warnedInTime(i: IncidentView, party: string): boolean {
    const w = this.warnings.get(i.id);
    const m = w === undefined ? undefined : this.state.messages.get(w);
    const acked = m?.acknowledgedAt;
    return m !== undefined && m.to === party && acked !== undefined && !isLater(acked, i.at);
  }

  private clarify(i: IncidentView, party: string, actor: string, messageId: string | undefined, cause?: number): void {
    const seen = own(i.observations, party);
    if (!seen || seen.attributedTo === i.by || own(i.clarified, party)) return;
    this.try(command('ClarifyIncident', { actor, at: this.at, cause }, {
      incidentId: i.id,
      party,
      attributedTo: i.by,
      ...(messageId === undefined ? {} : { messageId }),
    }));
  }

  private retaliate(incidentId: string, party: string): void {
    const i = this.state.incidents.get(incidentId);
    const seen = i ? own(i.observations, party) : undefined;
    if (!i || !seen || own(i.clarified, party) || i.retaliatedBy.includes(party)) return;
    // While the cell is working on a dispute over this incident, hold fire until it ends.
    const disputes = (this.disputesByIncident.get(incidentId) ?? [])
      .map((id) => this.state.disputes.get(id) as DisputeView)
      .filter((d) => d.by === party);
    const engaged = disputes.find((d) => d.closedAt === undefined && d.acknowledgedAt !== undefined);
    if (engaged) {
      const list = this.held.get(engaged.id) ?? [];
      list.push({ incidentId, party });
      this.held.set(engaged.id, list);
      return;
    }
    const resolved = disputes.some((d) => d.outcome === 'settlement' || d.outcome === 'ruling' || d.outcome === 'withdrawal');
    if (resolved) return;
    this.occur(this.nextId('retaliation'), {
      kind: i.kind,
      by: party,
      against: seen.attributedTo,
      cameo: i.cameo,
      weight: i.weight,
      severity: seen.severity,
    }, incidentId);
  }

  private supervisorCheck(messageId: string): void {
    const m = this.state.messages.get(messageId);
    const i = m?.incidentId === undefined ? undefined : this.state.incidents.get(m.incidentId);
    if (m && i) this.clarify(i, m.from, this.plan.supervisor.id, m.id);
  }

  // --- disputes -------------------------------------------------------------------------

  private disputeDeadline(disputeId: string): void {
    const d = this.state.disputes.get(disputeId);
    if (!d || d.closedAt !== undefined || d.machine.value !== 'raised') return;
    const at = this.at;
    this.try(command('MarkDisputeOverdue', { actor: 'sim', at }, { disputeId, stage: 'raised' }));
    if (this.cellActive() && this.streams.get(STREAM.supervisor).chance(this.plan.supervisor.intervene)) {
      this.try(command('RequestMediation', { actor: d.by, at }, { disputeId }));
    } else {
      this.try(command('LapseDispute', { actor: 'sim', at }, { disputeId }));
    }
  }

  private findings(disputeId: string): void {
    const d = this.state.disputes.get(disputeId);
    if (!d || d.machine.value !== 'factFinding') return;
    const i = d.incidentId === undefined ? undefined : this.state.incidents.get(d.incidentId);
    const at = this.at;
    const finding = i ? `${i.kind} ${i.id} was carried out by ${i.by}` : 'no incident in question';
    const reported = this.try(command('ReportFindings', { actor: 'cell', at }, { disputeId, finding, ...(i ? { attributedTo: i.by } : {}) }));
    // Refused (the cell is suspended): the dispute waits for the cell to resume.
    if (!reported) return;
    if (i && i.by !== d.against) {
      // The facts clear the respondent: the misunderstanding is caught, the claim withdrawn.
      this.clarify(i, d.by, 'cell', undefined);
      this.try(command('WithdrawDispute', { actor: d.by, at }, { disputeId }));
      return;
    }
    this.agenda.schedule(this.agenda.now + jitter(this.streams.get(STREAM.delay, d.against), this.policy(d.against).answerDelayMs), { k: 'settle', disputeId });
  }

  private settle(disputeId: string): void {
    const d = this.state.disputes.get(disputeId);
    if (!d || d.closedAt !== undefined) return;
    const accept = [d.by, d.against].every((p) => this.streams.get(STREAM.settle, p).chance(this.policy(p).settle));
    const at = this.at;
    if (accept) this.try(command('ReachSettlement', { actor: 'cell', at }, { disputeId, terms: 'settled in the cell' }));
    else this.try(command('RequestMediation', { actor: d.by, at }, { disputeId }));
  }

  private deadlocked(disputeId: string, cause: number): void {
    const d = this.state.disputes.get(disputeId);
    if (!d || d.machine.value !== 'deadlocked') return;
    const at = this.at;
    if (this.streams.get(STREAM.escalate, d.by).chance(this.policy(d.by).escalate)) {
      this.try(command('EscalateDispute', { actor: d.by, at, cause }, { disputeId, reason: 'no acceptable outcome in the cell' }));
    } else if ((this.mediations.get(disputeId) ?? 0) < 2) {
      this.try(command('RequestMediation', { actor: d.by, at, cause }, { disputeId }));
    } else {
      this.try(command('WithdrawDispute', { actor: d.by, at, cause }, { disputeId }));
    }
  }

  /**
   * The cell is back: every dispute a suspension caught mid-procedure is taken up again from
   * the step it was stuck at (the steps the cell refused while suspended are not retried by
   * themselves). A step that was still pending and now also runs twice is refused the second
   * time by the machine, so nothing happens twice.
   */
  private resumeDisputes(cause: number): void {
    const now = this.agenda.now;
    for (const id of this.open.list(this.state.disputes)) {
      const d = this.state.disputes.get(id) as DisputeView;
      switch (d.machine.value) {
        case 'raised': {
          const p = this.policy(d.against);
          if (this.streams.get(STREAM.ack, d.against).chance(p.acknowledge)) {
            this.agenda.schedule(now + jitter(this.streams.get(STREAM.delay, d.against), p.ackDelayMs), { k: 'disputeAck', disputeId: id });
          }
          break;
        }
        case 'acknowledged':
          this.try(command('OpenFactFinding', { actor: 'cell', at: this.at, cause }, { disputeId: id }));
          this.agenda.schedule(now + this.plan.supervisor.factFindingMs, { k: 'findings', disputeId: id });
          break;
        case 'factFinding':
          // Findings reported already: what was refused is the request for mediation after them.
          if (d.machine.context.findings > 0) this.settle(id);
          else this.agenda.schedule(now + this.plan.supervisor.factFindingMs, { k: 'findings', disputeId: id });
          break;
        case 'mediation': {
          const acts = this.streams.get(STREAM.supervisor).chance(this.plan.supervisor.intervene);
          this.agenda.schedule(now + this.plan.supervisor.responseTimeMs, { k: acts ? 'rule' : 'decline', disputeId: id });
          break;
        }
        case 'deadlocked':
          this.deadlocked(id, cause);
          break;
        default:
          // `ruling`: the parties answer the ruling whether or not the cell sits.
          break;
      }
    }
  }

  /** When a dispute closes, release or cancel the retaliations held for it. */
  private afterDisputeStep(disputeId: string, _cause: number): void {
    const d = this.state.disputes.get(disputeId);
    if (!d || d.closedAt === undefined) return;
    const held = this.held.get(disputeId);
    if (!held) return;
    this.held.delete(disputeId);
    if (d.outcome !== 'escalation' && d.outcome !== 'lapse') return;
    for (const h of held) this.retaliate(h.incidentId, h.party);
  }

  // --- meetings and rounds --------------------------------------------------------------

  private meeting(): void {
    const every = this.plan.mechanism.meetings.everyMs;
    if (every) this.agenda.schedule(this.agenda.now + every, { k: 'meeting' });
    if (!this.cellActive()) return;
    const incidents = this.plan.mechanism.meetings.standingIncidentAgenda ? this.incidentsSinceMeeting : [];
    this.incidentsSinceMeeting = [];
    this.hold('regular', incidents);
    for (const track of this.plan.mechanism.tracks) {
      if (!this.trafficSinceMeeting.has(track)) this.try(command('QuietTrack', { actor: 'cell', at: this.at }, { track }));
    }
    this.trafficSinceMeeting = new Set();
  }

  private extraordinary(incidentId: string | undefined): void {
    if (!this.cellActive()) return;
    this.hold('extraordinary', incidentId === undefined ? [] : [incidentId]);
  }

  private hold(kind: 'regular' | 'extraordinary', incidents: string[]): void {
    const meetingId = this.nextId(kind === 'regular' ? 'meeting' : 'extraordinary');
    const disputes = this.open.list(this.state.disputes);
    const opened = this.try(command('OpenMeeting', { actor: 'cell', at: this.at }, { meetingId, kind, agenda: { incidents, disputes } }));
    if (!opened) return;
    // Incidents on the agenda are reviewed together: misattributions come to light.
    for (const id of incidents) {
      const i = this.state.incidents.get(id);
      if (i) for (const party of this.parties) this.clarify(i, party, 'cell', undefined, opened.seq);
    }
    this.agenda.schedule(this.agenda.now + MEETING_LENGTH, { k: 'closeMeeting', meetingId });
  }

  private round(): void {
    const game = this.game;
    const plan = this.plan.game;
    if (!game || !plan) return;
    const r = game.next();
    const at = this.at;
    const played = this.try(command('PlayRound', { actor: 'sim', at }, { round: r.round, intended: r.intended, moves: r.moves, payoffs: r.payoffs }), true);
    if (played) {
      for (const c of r.clarifications) {
        this.try(command('ClarifyAccident', { actor: c.by, at, cause: played.seq }, { round: r.round, to: c.to }), true);
      }
    }
    if (r.round < plan.rounds) this.agenda.schedule(this.agenda.now + plan.everyMs, { k: 'round' });
  }
}
