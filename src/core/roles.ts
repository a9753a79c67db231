/**
 * Who is who in a run, and who may issue which command: the roles `decide` checks first.
 * A party acts for itself, the supervisor supervises, the cell runs its own procedure,
 * `world` stands for unidentified actors and `sim` for the clock.
 */
import type { Command } from './commands.js';
import { own } from './ids.js';
import type { ParleyState } from './state.js';

/** What an actor is in a run. */
export type Role = 'party' | 'supervisor' | 'cell' | 'world' | 'sim';

/** The role of `actor` in the run `s` describes, or undefined for an unknown actor. */
export function roleOf(s: ParleyState, actor: string): Role | undefined {
  if (actor === 'sim' || actor === 'world') return actor;
  if (!s.meta) return undefined;
  // Without a mechanism there is no cell to act: it must not leak into counterfactual runs.
  if (actor === 'cell') return s.meta.mechanism ? 'cell' : undefined;
  if (actor === s.meta.supervisor.id) return 'supervisor';
  return own(s.meta.parties, actor) ? 'party' : undefined;
}

/** Whether `id` is a party of the run. */
export const isParty = (s: ParleyState, id: string): boolean => roleOf(s, id) === 'party';
/** Whether `id` is a party or the supervisor. */
export const isParticipant = (s: ParleyState, id: string): boolean => {
  const r = roleOf(s, id);
  return r === 'party' || r === 'supervisor';
};

/** Who may issue each command. */
export const ALLOWED: { readonly [C in Command['type']]: readonly Role[] } = {
  StartLog: ['sim'],
  EndSimulation: ['sim'],
  ChangeParameters: ['sim'],
  ProposeCell: ['party', 'supervisor'],
  EstablishCell: ['supervisor', 'cell'],
  ActivateCell: ['supervisor', 'cell'],
  SuspendCell: ['party', 'supervisor'],
  ResumeCell: ['party', 'supervisor'],
  DissolveCell: ['party', 'supervisor'],
  QuietTrack: ['cell'],
  RequestExtraordinaryMeeting: ['party', 'supervisor'],
  OpenMeeting: ['cell', 'supervisor'],
  CloseMeeting: ['cell', 'supervisor'],
  SendMessage: ['party', 'supervisor'],
  DeliverMessage: ['cell'],
  LoseMessage: ['cell'],
  AcknowledgeMessage: ['party', 'supervisor'],
  AnswerMessage: ['party', 'supervisor'],
  MarkAckOverdue: ['sim'],
  ReferMessage: ['cell', 'supervisor'],
  RecordIncident: ['party', 'world'],
  ObserveIncident: ['party'],
  ClarifyIncident: ['cell', 'supervisor'],
  PlanRetaliation: ['party'],
  HoldRetaliation: ['party'],
  CallOffRetaliation: ['party'],
  TakeDeescalationStep: ['party', 'supervisor'],
  CoolLadder: ['sim'],
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
  PlayRound: ['sim'],
  ClarifyAccident: ['party', 'cell'],
};

/** Commands that need the cell to be active (not proposed, suspended or dissolved). */
export const NEEDS_ACTIVE_CELL = new Set<Command['type']>([
  'QuietTrack',
  'RequestExtraordinaryMeeting',
  'OpenMeeting',
  'SendMessage',
  'ReferMessage',
  'ClarifyIncident',
  'ClarifyAccident',
  'RaiseDispute',
  'AcknowledgeDispute',
  'OpenFactFinding',
  'ReportFindings',
  'RequestMediation',
  'Rule',
  'FailMediation',
]);

/** Whether the cell is active (not proposed, suspended or dissolved). */
export function cellActive(s: ParleyState): boolean {
  const v = s.cell?.machine.value;
  return typeof v === 'object' && v !== null && 'active' in v;
}
