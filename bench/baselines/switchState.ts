/**
 * The ceiling's state: the read models of src/core/state.ts in the same shapes (plain
 * records, views with optional fields added when they happen), except that each machine
 * snapshot is replaced by the few plain fields a hand-written `switch` needs.
 */
import type { LadderConfig, Track } from '../../src/core/catalogue.js';

/** Cell machine state, flattened: phase, one state per track region, the meetings region. */
export interface CellRow {
  phase: 'proposed' | 'established' | 'active' | 'suspended' | 'dissolved';
  trackStates: Record<Track, 'dormant' | 'engaged' | 'strained'>;
  meetingState: 'idle' | 'requested' | 'regular' | 'extraordinary';
  meetingsHeld: number;
  suspensionCount: number;
  tracks: Track[];
  proposedAt: string;
  suspendedSinceMs?: number;
  suspendedMs: number;
  suspensions: Array<{ at: string; by: string; reason: string }>;
  dissolvedAt?: string;
}

export interface MessageRow {
  id: string;
  from: string;
  to: string;
  track: Track;
  kind: string;
  sentAt: string;
  ackBy: string;
  incidentId?: string;
  disputeId?: string;
  deliveredAt?: string;
  acknowledgedAt?: string;
  answeredAt?: string;
  overdueAt?: string;
  referredAt?: string;
  lostAt?: string;
  state: 'sent' | 'delivered' | 'overdue' | 'referred' | 'acknowledged' | 'answered' | 'lost';
  lost: boolean;
  delivered: boolean;
}

export interface DisputeRow {
  id: string;
  by: string;
  against: string;
  track: Track;
  incidentId?: string;
  raisedAt: string;
  respondBy: string;
  acknowledgedAt?: string;
  mediationRequestedAt?: string;
  ruledAt?: string;
  finding?: { attributedTo?: string; text: string };
  closedAt?: string;
  outcome?: string;
  deadlinesMissed: number;
  state: string;
  done: boolean;
  parties: string[];
  accepted: string[];
  findings: number;
}

export interface IncidentRow {
  id: string;
  kind: string;
  by: string;
  against: string;
  cameo: string;
  weight: number;
  severity: number;
  at: string;
  retaliationFor?: string;
  observations: Record<string, { attributedTo: string; severity: number; at: string }>;
  clarified: Record<string, string>;
  retaliatedBy: string[];
  plans: Record<string, { against: string; status: 'pending' | 'held' | 'calledOff' | 'executed' }>;
  accidental: boolean;
}

export interface MeetingRow {
  id: string;
  kind: string;
  openedAt: string;
  closedAt?: string;
  incidents: number;
  disputes: number;
}

export interface LadderRow {
  pressure: number;
  level: string;
  levelIndex: number;
  peak: string;
  peakIndex: number;
  sinceMs: number;
  timeAtMs: Record<string, number>;
  firstAt: Record<string, string>;
  ups: number;
  downs: number;
  levelsUp: number;
  levelsDown: number;
}

export interface CeilingState {
  seq: number;
  at?: string;
  ladderConfig?: LadderConfig;
  cell?: CellRow;
  ladder?: LadderRow;
  messages: Map<string, MessageRow>;
  disputes: Map<string, DisputeRow>;
  openDisputes: Partial<Record<Track, number>>;
  incidents: Map<string, IncidentRow>;
  meetings: Map<string, MeetingRow>;
  /**
   * Ids of meetings without `closedAt`: the ceiling's index so that a suspension closes them
   * without scanning every meeting (apply.ts scans; the resulting state is the same).
   */
  openMeetings: string[];
  steps: Map<string, { by: string; at: string; weight: number }>;
  game?: {
    rounds: number;
    mutualRestraint: number;
    mutualStrike: number;
    accidents: number;
    clarified: number;
    payoffs: Record<string, number>;
    last?: { round: number; moves: Record<string, string> };
  };
  counters: {
    events: number;
    byType: Record<string, number>;
    overdueAcks: number;
    referrals: number;
    interventions: number;
    retaliations: number;
    accidentalEscalations: number;
    misunderstandingsCaught: number;
    consequentialMisunderstandingsCaught: number;
    deescalationSteps: number;
    disputesClosed: number;
  };
  ended: boolean;
}

/** A freshly proposed cell. */
export function newCell(tracks: readonly Track[], at: string): CellRow {
  return {
    phase: 'proposed',
    trackStates: { intelligence: 'dormant', deescalation: 'dormant', diplomatic: 'dormant', commercial: 'dormant' },
    meetingState: 'idle',
    meetingsHeld: 0,
    suspensionCount: 0,
    tracks: [...tracks],
    proposedAt: at,
    suspendedMs: 0,
    suspensions: [],
  };
}
