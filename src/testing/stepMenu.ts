/**
 * The menu of step builders: for each procedure, the commands a generated stream may attempt
 * next, each built from choices the picker draws (who, which message, which dispute, when).
 * Most are random and often refused, which is what a property over the rules wants; the
 * guided ones make the move a dispute or a message in its state usually makes, so long paths
 * get walked. The order of the entries is part of what a chooser's choices mean: a new entry
 * goes at the end of the list, or every recorded seed and counterexample changes.
 */
import type { Move, Track } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { own } from '../core/ids.js';
import { formatDuration } from '../core/time.js';
import { SUPERVISOR, make, raiseDispute, sendMessage } from './build.js';
import type { Procedure } from './streamGenerator.js';
import type { StreamPicker } from './streamPicker.js';

/** One step builder: the procedure it belongs to, and the command it builds at `at` (none if it has nothing to act on). */
export type MenuEntry = readonly [Procedure, (at: string) => Command | undefined];

const KINDS: ReadonlyArray<readonly [string, string, number]> = [
  ['incursion', '152', -7.2],
  ['airstrike', '195', -10],
  ['threat', '13', -6],
  ['aid', '07', 7],
];

/**
 * The victim of a recent incident plans a retaliation against whom it blames, or holds or
 * calls off the one it planned (over a dispute it raised about the incident, or after a
 * clarification). `disputes`: whether the stream may raise a dispute to hold a plan for.
 */
function retaliationPlan(p: StreamPicker, at: string, disputes: boolean): Command | undefined {
  const s = p.state;
  // Mostly a recent incident with a plan neither carried out nor called off, so that plans
  // get held and called off, not only made.
  const planned = p.recentIncidents().filter((id) => {
    const x = s.incidents.get(id);
    const plan = x === undefined ? undefined : own(x.plans, x.against);
    return plan !== undefined && (plan.status === 'pending' || plan.status === 'held');
  });
  const pick = planned.length > 0 && p.choose.int(3) > 0 ? p.pick(planned) : undefined;
  const i = pick === undefined ? p.incident() : s.incidents.get(pick);
  const seen = i === undefined ? undefined : own(i.observations, i.against);
  if (!i || !seen) return undefined;
  const id = { incidentId: i.id };
  const plan = own(i.plans, i.against);
  if (!plan) return make('PlanRetaliation', i.against, at, { ...id, against: seen.attributedTo, due: p.soon() });
  const about = p.recentDisputes().find((d) => s.disputes.get(d)?.incidentId === i.id);
  switch (p.choose.int(3)) {
    case 0: {
      // Held for the victim's own open dispute over the incident: raise one if there is none.
      const mine = p.recentDisputes().find((d) => {
        const x = s.disputes.get(d);
        return x?.incidentId === i.id && x.by === i.against && x.closedAt === undefined;
      });
      if (mine !== undefined) return make('HoldRetaliation', i.against, p.later(at, plan.due), { ...id, disputeId: mine });
      if (!disputes) return undefined;
      return raiseDispute(i.against, at, { disputeId: p.id('d'), against: p.other(i.against), track: p.pick(p.tracks) as Track, incidentId: i.id });
    }
    case 1:
      return make('CallOffRetaliation', i.against, at, { ...id, reason: 'clarified' });
    default:
      return about === undefined ? undefined : make('CallOffRetaliation', i.against, at, { ...id, reason: 'resolved', disputeId: about });
  }
}

/**
 * Every step builder, drawing its choices from `p`; `disputes`: whether the stream may raise
 * disputes (a retaliation plan raises one to be held for).
 */
export function stepMenu(p: StreamPicker, disputes = true): MenuEntry[] {
  const inDispute = (d: { by: string; against: string }) => p.pick([d.by, d.against]) as string;
  return [
    ['incidents', (at) => {
      const by = p.party();
      const [kind, cameo, weight] = p.pick(KINDS) as (typeof KINDS)[number];
      const severity = (1 + p.choose.int(10)) / 10;
      return make('RecordIncident', by, at, { incidentId: p.id('inc'), kind, against: p.other(by), cameo, weight, severity });
    }],
    ['incidents', (at) => {
      const i = p.incident();
      if (!i) return undefined;
      // Fog: sometimes the victim blames a third party (or unidentified actors, when there is none).
      const others = p.parties.filter((q) => q !== i.by && q !== i.against);
      const attributedTo = p.choose.int(3) === 0 ? (p.pick(others) ?? 'world') : i.by;
      return make('ObserveIncident', i.against, at, { incidentId: i.id, attributedTo, severity: i.severity });
    }],
    ['incidents', (at) => {
      const i = p.incident();
      const seen = i?.observations[i.against];
      if (!i || !seen) return undefined;
      if (p.choose.int(2) === 0) return make('ClarifyIncident', 'cell', at, { incidentId: i.id, party: i.against, attributedTo: i.by });
      // Mostly the victim strikes back at whom it blames; sometimes another party claims to.
      const by = p.choose.int(4) === 0 ? p.party() : i.against;
      const against = by === i.against ? seen.attributedTo : p.other(by);
      const data = { incidentId: p.id('inc'), kind: 'airstrike', against, cameo: '195', weight: -10, severity: 0.5, retaliationFor: i.id };
      return make('RecordIncident', by, at, data);
    }],
    ['incidents', (at) => retaliationPlan(p, at, disputes)],
    // The clock records how far the ladder has cooled (refused while nothing has).
    ['incidents', (at) => make('CoolLadder', 'sim', at, {})],
    ['incidents', (at) => make('TakeDeescalationStep', p.party(), at, { stepId: p.id('step'), kind: 'deescalation', cameo: '087', weight: 9 })],
    ['messages', (at) => {
      const from = p.party();
      const data = { messageId: p.id('msg'), to: p.other(from), track: p.pick(p.tracks) as Track, kind: 'notification' as const };
      return sendMessage(from, at, data);
    }],
    ['messages', (at) => {
      const m = p.message();
      return m ? make(p.choose.int(8) === 0 ? 'LoseMessage' : 'DeliverMessage', 'cell', at, { messageId: m.id }) : undefined;
    }],
    ['messages', (at) => {
      const m = p.message();
      return m ? make('AcknowledgeMessage', m.to, at, { messageId: m.id }) : undefined;
    }],
    ['messages', (at) => {
      const m = p.message();
      return m ? make('AnswerMessage', m.to, at, { messageId: m.id }) : undefined;
    }],
    ['messages', (at) => {
      const m = p.message();
      return m ? make('MarkAckOverdue', 'sim', p.later(at, m.ackBy), { messageId: m.id }) : undefined;
    }],
    ['messages', (at) => {
      const m = p.message();
      return m ? make('ReferMessage', 'cell', at, { messageId: m.id }) : undefined;
    }],
    // Guided steps: the next move a dispute or message in its state usually makes, so long
    // paths (mediation, ruling, acceptance; acknowledgement, answer) are walked often.
    ['disputes', (at) => advanceDispute(p, at)],
    ['disputes', (at) => advanceDispute(p, at)],
    ['disputes', (at) => advanceDispute(p, at)],
    ['messages', (at) => advanceMessage(p, at)],
    ['disputes', (at) => {
      const by = p.party();
      const incident = p.incidentId();
      const data = { disputeId: p.id('d'), against: p.other(by), track: p.pick(p.tracks) as Track, ...(incident ? { incidentId: incident } : {}) };
      return raiseDispute(by, at, data);
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('AcknowledgeDispute', d.against, at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('OpenFactFinding', 'cell', at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('ReportFindings', SUPERVISOR, at, { disputeId: d.id, finding: 'findings', attributedTo: d.against }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d && p.choose.int(2) === 0 ? make('ReachSettlement', 'cell', at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('RequestMediation', inDispute(d), at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('Rule', SUPERVISOR, at, { disputeId: d.id, ruling: 'ruling' }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('AcceptRuling', inDispute(d), at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('RejectRuling', inDispute(d), at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d ? make('FailMediation', SUPERVISOR, at, { disputeId: d.id, reason: 'no agreement' }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d && p.choose.int(3) === 0 ? make('EscalateDispute', inDispute(d), at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d && p.choose.int(3) === 0 ? make('WithdrawDispute', d.by, at, { disputeId: d.id }) : undefined;
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      if (!d || p.choose.int(3) !== 0) return undefined;
      return make('MarkDisputeOverdue', 'sim', p.later(at, d.respondBy), { disputeId: d.id, stage: String(d.machine.value) });
    }],
    ['disputes', (at) => {
      const d = p.dispute();
      return d && p.choose.int(3) === 0 ? make('LapseDispute', 'sim', p.later(at, d.respondBy), { disputeId: d.id }) : undefined;
    }],
    ['cell', (at) => make('SuspendCell', p.pick([p.party(), SUPERVISOR]) as string, at, { reason: 'strike' })],
    ['cell', (at) => make('ResumeCell', SUPERVISOR, at, {})],
    ['cell', (at) => (p.choose.int(32) === 0 ? make('DissolveCell', p.party(), at, { reason: 'walked out' }) : undefined)],
    ['cell', (at) => make('QuietTrack', 'cell', at, { track: p.pick(p.tracks) as Track })],
    ['cell', (at) => (p.choose.int(16) === 0 ? changeDeadlines(p, at) : undefined)],
    ['meetings', (at) => make('RequestExtraordinaryMeeting', p.party(), at, { reason: 'incident' })],
    ['meetings', (at) => {
      const kind = p.choose.int(2) === 0 ? 'regular' : 'extraordinary';
      return make('OpenMeeting', 'cell', at, { meetingId: p.id('mtg'), kind, agenda: { incidents: [], disputes: [] } });
    }],
    ['meetings', (at) => {
      const open = p.state.openMeeting;
      return open === undefined ? undefined : make('CloseMeeting', 'cell', at, { meetingId: open });
    }],
    ['game', (at) => round(p, at)],
    ['game', (at) => round(p, at)],
    ['game', (at) => {
      const rounds = p.state.game?.rounds ?? 0;
      return rounds === 0 ? undefined : make('ClarifyAccident', 'cell', at, { round: 1 + p.choose.int(rounds), to: p.party() });
    }],
  ];
}

/** The run's deadlines change from now on (what `parley fork --set` records). */
function changeDeadlines(p: StreamPicker, at: string): Command | undefined {
  const rules = p.state.meta?.rules;
  if (!rules) return undefined;
  const ackDeadline = formatDuration((1 + p.choose.int(48)) * 3_600_000);
  const disputeResponseDeadline = formatDuration((1 + p.choose.int(14)) * 86_400_000);
  return make('ChangeParameters', 'sim', at, {
    overrides: [{ path: 'mechanism.ackDeadline', value: ackDeadline }, { path: 'mechanism.disputeResponseDeadline', value: disputeResponseDeadline }],
    timeline: [],
    rules: { ...rules, ackDeadline, disputeResponseDeadline },
  });
}

/** The next move a dispute in its state usually makes. */
function advanceDispute(p: StreamPicker, at: string): Command | undefined {
  const d = p.dispute();
  if (!d) return undefined;
  const id = { disputeId: d.id };
  const either = p.pick([d.by, d.against]) as string;
  switch (d.machine.value) {
    case 'raised':
      return make('AcknowledgeDispute', d.against, at, id);
    case 'acknowledged':
      return p.choose.int(2) === 0 ? make('OpenFactFinding', 'cell', at, id) : make('RequestMediation', either, at, id);
    case 'factFinding':
      return p.choose.int(2) === 0
        ? make('ReportFindings', SUPERVISOR, at, { ...id, finding: 'findings', attributedTo: d.against })
        : make('RequestMediation', either, at, id);
    case 'mediation':
      return make('Rule', SUPERVISOR, at, { ...id, ruling: 'ruling' });
    case 'ruling':
      return p.choose.int(4) === 0 ? make('RejectRuling', either, at, id) : make('AcceptRuling', either, at, id);
    case 'deadlocked':
      return make('RequestMediation', either, at, id);
    default:
      return undefined;
  }
}

/** The next move a message in its state usually makes. */
function advanceMessage(p: StreamPicker, at: string): Command | undefined {
  const m = p.message();
  if (!m) return undefined;
  const id = { messageId: m.id };
  switch (m.machine.value) {
    case 'sent':
      return make(p.choose.int(8) === 0 ? 'LoseMessage' : 'DeliverMessage', 'cell', at, id);
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

/** A round of the repeated game: each party's intended move, sometimes flipped by accident. */
function round(p: StreamPicker, at: string): Command {
  const intended: Record<string, Move> = {};
  const moves: Record<string, Move> = {};
  const payoffs: Record<string, number> = {};
  for (const party of p.parties) {
    const want: Move = p.choose.int(2) === 0 ? 'restrain' : 'strike';
    const flipped = p.choose.int(10) === 0;
    intended[party] = want;
    moves[party] = flipped ? (want === 'strike' ? 'restrain' : 'strike') : want;
    payoffs[party] = moves[party] === 'restrain' ? 3 : 1;
  }
  return make('PlayRound', 'sim', at, { round: (p.state.game?.rounds ?? 0) + 1, intended, moves, payoffs });
}
