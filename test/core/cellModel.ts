/**
 * A reference model of the whole mechanism, written from its documentation (README "How it
 * works", DESIGN.md §2) rather than from `decide`: the cell's status, every message and its
 * place in `sent → delivered → acknowledged → answered | lost | overdue → referred` (a lost
 * message goes overdue at its deadline like any other: its sender cannot tell), every
 * dispute and its procedure state, and the escalation ladder's pressure and level.
 *
 * `refusal` says whether the rules accept a command, `apply` what it changes, `compare` checks
 * the real state against the model; cellModelRun.ts drives them with fast-check commands.
 */
import { expect } from 'vitest';
import type { Command } from '../../src/core/commands.js';
import type { Replayer } from '../../src/core/replay.js';
import { parseInstant } from '../../src/core/time.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import { SUPERVISOR, type Deadlines } from '../../src/testing/build.js';
import type { InvariantCheck } from '../../src/testing/invariant.js';
import type { Decider } from '../../src/testing/streamGenerator.js';

export const PARTIES = ['alpha', 'bravo'] as const;
export const ACTORS = [...PARTIES, SUPERVISOR, 'cell', 'sim', 'world'] as const;
export const START = parseInstant('2026-01-06T00:00:00Z') as number;
/** Short deadlines, so that a run of a few dozen commands meets them. */
export const DEADLINES: Deadlines = { ackMs: 2 * 3_600_000, respondMs: 6 * 3_600_000 };

type CellStatus = 'none' | 'proposed' | 'established' | 'active' | 'suspended' | 'dissolved';
type MessageState = 'sent' | 'delivered' | 'lost' | 'acknowledged' | 'answered' | 'overdue' | 'referred';
type DisputeState = 'raised' | 'acknowledged' | 'factFinding' | 'mediation' | 'ruling' | 'ruled' | 'deadlocked' | 'settled' | 'withdrawn' | 'lapsed' | 'escalated';

export interface MessageModel { readonly id: string; readonly from: string; readonly to: string; state: MessageState; delivered: boolean; lost: boolean; readonly ackBy: number }
export interface DisputeModel { readonly id: string; readonly by: string; readonly against: string; state: DisputeState; accepted: string[]; readonly respondBy: number }

/** What the documentation says the mechanism is in. */
export interface Model {
  now: number;
  cell: CellStatus;
  readonly messages: MessageModel[];
  readonly disputes: DisputeModel[];
  pressure: number;
  ids: number;
}

/** The real thing: a decider and the state its accepted facts fold into. */
export interface Real {
  readonly decide: Decider;
  readonly replayer: Replayer;
  readonly checks: ReadonlyArray<readonly [string, InvariantCheck]>;
  /** The requests of this run so far, as asked (for the failure message). */
  readonly trace: string[];
}

// --- the rules, as the documentation states them -------------------------------------------

type Role = 'party' | 'supervisor' | 'cell' | 'sim' | 'world';
const roleOf = (actor: string): Role => (PARTIES.includes(actor as never) ? 'party' : actor === SUPERVISOR ? 'supervisor' : (actor as Role));
const participant = (actor: string): boolean => ['party', 'supervisor'].includes(roleOf(actor));

export const FINAL: ReadonlySet<DisputeState> = new Set(['ruled', 'settled', 'withdrawn', 'lapsed', 'escalated']);
const OUTCOME: Partial<Record<DisputeState, string>> = { settled: 'settlement', ruled: 'ruling', withdrawn: 'withdrawal', lapsed: 'lapse', escalated: 'escalation' };
/** Dispute procedure: where each step may be taken from. */
const FROM: Record<string, readonly DisputeState[]> = {
  AcknowledgeDispute: ['raised'],
  OpenFactFinding: ['acknowledged'],
  ReportFindings: ['factFinding'],
  ReachSettlement: ['raised', 'acknowledged', 'factFinding', 'mediation', 'deadlocked'],
  RequestMediation: ['raised', 'acknowledged', 'factFinding', 'deadlocked'],
  Rule: ['mediation'],
  AcceptRuling: ['ruling'],
  RejectRuling: ['ruling'],
  FailMediation: ['mediation'],
  EscalateDispute: ['raised', 'acknowledged', 'factFinding', 'mediation', 'ruling', 'deadlocked'],
  WithdrawDispute: ['raised', 'acknowledged', 'factFinding', 'mediation', 'ruling', 'deadlocked'],
  LapseDispute: ['raised', 'acknowledged', 'factFinding'],
  MarkDisputeOverdue: ['raised', 'acknowledged', 'factFinding', 'mediation', 'ruling', 'deadlocked'],
};
const TO: Record<string, DisputeState | undefined> = {
  AcknowledgeDispute: 'acknowledged',
  OpenFactFinding: 'factFinding',
  ReachSettlement: 'settled',
  RequestMediation: 'mediation',
  Rule: 'ruling',
  RejectRuling: 'deadlocked',
  FailMediation: 'deadlocked',
  EscalateDispute: 'escalated',
  WithdrawDispute: 'withdrawn',
  LapseDispute: 'lapsed',
};

/** Who may ask for what (by role), and what needs the cell to be active. */
const ROLES: Record<string, readonly Role[]> = {
  ProposeCell: ['party', 'supervisor'],
  EstablishCell: ['supervisor', 'cell'],
  ActivateCell: ['supervisor', 'cell'],
  SuspendCell: ['party', 'supervisor'],
  ResumeCell: ['party', 'supervisor'],
  DissolveCell: ['party', 'supervisor'],
  SendMessage: ['party', 'supervisor'],
  DeliverMessage: ['cell'],
  LoseMessage: ['cell'],
  AcknowledgeMessage: ['party', 'supervisor'],
  AnswerMessage: ['party', 'supervisor'],
  MarkAckOverdue: ['sim'],
  ReferMessage: ['cell', 'supervisor'],
  RecordIncident: ['party', 'world'],
  TakeDeescalationStep: ['party', 'supervisor'],
  RaiseDispute: ['party'],
  AcknowledgeDispute: ['party'],
  OpenFactFinding: ['cell', 'supervisor'],
  ReportFindings: ['cell', 'supervisor'],
  ReachSettlement: ['party', 'cell', 'supervisor'],
  RequestMediation: ['party'],
  Rule: ['supervisor'],
  AcceptRuling: ['party'],
  RejectRuling: ['party'],
  FailMediation: ['supervisor'],
  EscalateDispute: ['party'],
  WithdrawDispute: ['party'],
  MarkDisputeOverdue: ['sim'],
  LapseDispute: ['sim', 'cell'],
};
const NEEDS_ACTIVE = new Set(['SendMessage', 'ReferMessage', 'RaiseDispute', 'AcknowledgeDispute', 'OpenFactFinding', 'ReportFindings', 'RequestMediation', 'Rule', 'FailMediation']);

/** Why the documented rules refuse `cmd` in `m`, or undefined when they accept it. */
export function refusal(m: Model, cmd: Command): string | undefined {
  if (!ROLES[cmd.type]?.includes(roleOf(cmd.actor))) return 'role';
  if (NEEDS_ACTIVE.has(cmd.type) && m.cell !== 'active') return 'cell not active';
  const data = cmd.data as Record<string, unknown>;
  const msg = m.messages.find((x) => x.id === data.messageId);
  const dispute = m.disputes.find((x) => x.id === data.disputeId);
  switch (cmd.type) {
    case 'ProposeCell':
      return m.cell === 'none' ? undefined : 'cell exists';
    case 'EstablishCell':
      return m.cell === 'proposed' ? undefined : 'not proposed';
    case 'ActivateCell':
      return m.cell === 'established' ? undefined : 'not established';
    case 'SuspendCell':
      return m.cell === 'active' ? undefined : 'not active';
    case 'ResumeCell':
      return m.cell === 'suspended' ? undefined : 'not suspended';
    case 'DissolveCell':
      return ['proposed', 'established', 'active', 'suspended'].includes(m.cell) ? undefined : 'nothing to dissolve';
    case 'SendMessage':
      return participant(cmd.data.to) && cmd.data.to !== cmd.actor ? undefined : 'recipient';
    case 'DeliverMessage':
      if (!msg) return 'unknown message';
      return msg.state === 'sent' || (['overdue', 'referred'].includes(msg.state) && !msg.delivered && !msg.lost) ? undefined : 'cannot deliver';
    case 'LoseMessage':
      return msg && (msg.state === 'sent' || (['overdue', 'referred'].includes(msg.state) && !msg.delivered && !msg.lost)) ? undefined : 'cannot lose';
    case 'AcknowledgeMessage':
      if (!msg || msg.to !== cmd.actor || !msg.delivered) return 'not received';
      return ['delivered', 'overdue', 'referred'].includes(msg.state) ? undefined : 'cannot acknowledge';
    case 'AnswerMessage':
      return msg && msg.to === cmd.actor && msg.state === 'acknowledged' ? undefined : 'cannot answer';
    case 'MarkAckOverdue':
      return msg && m.now >= msg.ackBy && ['sent', 'delivered', 'lost'].includes(msg.state) ? undefined : 'not overdue';
    case 'ReferMessage':
      return msg?.state === 'overdue' ? undefined : 'not overdue';
    case 'RecordIncident':
    case 'RaiseDispute':
      return PARTIES.includes(cmd.data.against as never) && cmd.data.against !== cmd.actor ? undefined : 'target';
    case 'TakeDeescalationStep':
      return undefined;
    default: {
      if (!dispute || !FROM[cmd.type]?.includes(dispute.state)) return 'dispute step not possible';
      const inDispute = [dispute.by, dispute.against];
      if (cmd.type === 'AcknowledgeDispute' && cmd.actor !== dispute.against) return 'only the respondent';
      if (cmd.type === 'WithdrawDispute' && cmd.actor !== dispute.by) return 'only who raised it';
      if (['RequestMediation', 'AcceptRuling', 'RejectRuling', 'EscalateDispute'].includes(cmd.type) && !inDispute.includes(cmd.actor)) return 'not a party to it';
      if (cmd.type === 'AcceptRuling' && dispute.accepted.includes(cmd.actor)) return 'already accepted';
      if (['LapseDispute', 'MarkDisputeOverdue'].includes(cmd.type) && m.now < dispute.respondBy) return 'deadline not reached';
      return undefined;
    }
  }
}

const LEVEL_OF = (pressure: number): string => {
  let level = DEFAULT_LADDER.levels[0] as string;
  DEFAULT_LADDER.thresholds.forEach((t, i) => {
    if (pressure >= t) level = DEFAULT_LADDER.levels[i] as string;
  });
  return level;
};

function push(m: Model, delta: number): void {
  m.pressure = Math.min(DEFAULT_LADDER.max, Math.max(0, m.pressure + delta));
}

/** The model after `cmd` was accepted. */
export function apply(m: Model, cmd: Command): void {
  // Every accepted request uses up an id (only some of them name a new entity with it).
  m.ids += 1;
  const data = cmd.data as Record<string, unknown>;
  const msg = m.messages.find((x) => x.id === data.messageId);
  const dispute = m.disputes.find((x) => x.id === data.disputeId);
  const close = (d: DisputeModel, state: DisputeState): void => {
    d.state = state;
    if (state === 'settled') push(m, -DEFAULT_LADDER.reliefOnSettlement);
    if (state === 'ruled') push(m, -DEFAULT_LADDER.reliefOnRuling);
    if (state === 'escalated') push(m, DEFAULT_LADDER.escalationPenalty);
  };
  switch (cmd.type) {
    case 'ProposeCell': m.cell = 'proposed'; return;
    case 'EstablishCell': m.cell = 'established'; return;
    case 'ActivateCell':
    case 'ResumeCell': m.cell = 'active'; return;
    case 'SuspendCell': m.cell = 'suspended'; return;
    case 'DissolveCell': m.cell = 'dissolved'; return;
    case 'SendMessage':
      m.messages.push({ id: cmd.data.messageId, from: cmd.actor, to: cmd.data.to, state: 'sent', delivered: false, lost: false, ackBy: m.now + DEADLINES.ackMs });
      return;
    case 'DeliverMessage':
      (msg as MessageModel).delivered = true;
      if (msg?.state === 'sent') msg.state = 'delivered';
      return;
    case 'LoseMessage': {
      const x = msg as MessageModel;
      x.lost = true;
      // Lost after its deadline: it stays overdue (or referred), marked lost.
      if (x.state === 'sent') x.state = 'lost';
      return;
    }
    case 'AcknowledgeMessage': (msg as MessageModel).state = 'acknowledged'; return;
    case 'AnswerMessage': (msg as MessageModel).state = 'answered'; return;
    case 'MarkAckOverdue': (msg as MessageModel).state = 'overdue'; return;
    case 'ReferMessage': (msg as MessageModel).state = 'referred'; return;
    case 'RecordIncident': push(m, -cmd.data.weight * cmd.data.severity); return;
    case 'TakeDeescalationStep': push(m, -cmd.data.weight); return;
    case 'RaiseDispute':
      m.disputes.push({ id: cmd.data.disputeId, by: cmd.actor, against: cmd.data.against, state: 'raised', accepted: [], respondBy: m.now + DEADLINES.respondMs });
      return;
    case 'AcceptRuling': {
      const d = dispute as DisputeModel;
      d.accepted.push(cmd.actor);
      if ([d.by, d.against].every((p) => d.accepted.includes(p))) close(d, 'ruled');
      return;
    }
    case 'ReportFindings':
    case 'MarkDisputeOverdue':
      return;
    default: {
      const d = dispute as DisputeModel;
      const to = TO[cmd.type] as DisputeState;
      if (to === 'mediation') d.accepted = [];
      close(d, to);
    }
  }
}

// --- comparing with the real state ----------------------------------------------------------

export function compare(m: Model, real: Real, label: string): void {
  const s = real.replayer.peek();
  const v = s.cell?.machine.value;
  const status = v === undefined ? 'none' : typeof v === 'object' ? Object.keys(v)[0] : v;
  expect(status, `${label}: cell`).toBe(m.cell);
  for (const x of m.messages) {
    const r = s.messages.get(x.id);
    expect([r?.machine.value, r?.machine.context.delivered, r?.machine.context.lost], `${label}: message ${x.id}`).toEqual([x.state, x.delivered, x.lost]);
  }
  expect(s.messages.size, `${label}: messages`).toBe(m.messages.length);
  for (const x of m.disputes) {
    const r = s.disputes.get(x.id);
    expect([r?.machine.value, r?.outcome, r?.closedAt !== undefined], `${label}: dispute ${x.id}`).toEqual([x.state, OUTCOME[x.state], FINAL.has(x.state)]);
  }
  expect(s.disputes.size, `${label}: disputes`).toBe(m.disputes.length);
  expect([s.ladder?.machine.context.pressure, s.ladder?.level], `${label}: ladder`).toEqual([m.pressure, LEVEL_OF(m.pressure)]);
}
