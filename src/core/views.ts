/**
 * The views the state holds of each entity a log creates: the cell, the escalation ladder,
 * messages, disputes, incidents (with how each party saw them and the retaliations planned
 * for them), meetings, de-escalation steps and the repeated game. The state that holds them
 * (tables, counters, its JSON form) is state.ts; the fold that fills them is apply.ts.
 *
 * Optional fields of a view are present as `undefined` until they get a value (replay keeps
 * every view of a kind in one shape, which is what makes it fast); JSON output omits them,
 * and `toEqual`-style comparisons treat them as absent.
 */
import type { CellContext } from '../machines/cell.js';
import type { DisputeContext, DisputeOutcome } from '../machines/dispute.js';
import type { LadderContext } from '../machines/ladder.js';
import type { MessageContext } from '../machines/message.js';
import type { MachineSnap } from '../machines/index.js';
import type { CalledOffReason, MessageKind, Move, Track } from './catalogue.js';

/** The cell: its machine (lifecycle, track regions, meetings), open tracks and suspensions. */
export interface CellView {
  readonly machine: MachineSnap<CellContext>;
  readonly tracks: readonly Track[];
  readonly proposedAt: string;
  /** Epoch ms the current suspension began, if suspended. */
  readonly suspendedSinceMs?: number | undefined;
  /** Total ms spent suspended so far (closed intervals only). */
  readonly suspendedMs: number;
  readonly suspensions: ReadonlyArray<{ readonly at: string; readonly by: string; readonly reason: string }>;
  readonly dissolvedAt?: string | undefined;
}

/** The escalation ladder: its machine (pressure), the level now, the peak and time at each level. */
export interface LadderView {
  readonly machine: MachineSnap<LadderContext>;
  readonly level: string;
  readonly levelIndex: number;
  readonly peak: string;
  readonly peakIndex: number;
  /** Epoch ms at which the current level was entered. */
  readonly sinceMs: number;
  /** When the pressure was last recorded (any change of it, or the start): cooling runs from there. */
  readonly pressureAt: string;
  /** Ms spent at each level, closed intervals only (the open one runs from `sinceMs`). */
  readonly timeAtMs: Readonly<Record<string, number>>;
  /** When each level was first reached. */
  readonly firstAt: Readonly<Record<string, string>>;
  /** Level changes upwards and downwards (a down move undoes part of a climb). */
  readonly ups: number;
  readonly downs: number;
  /** Levels climbed and descended in all (a change may span several levels). */
  readonly levelsUp: number;
  readonly levelsDown: number;
}

/** One message through the cell: who to whom, on which track, its deadline and each step's instant. */
export interface MessageView {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly track: Track;
  readonly kind: MessageKind;
  readonly sentAt: string;
  readonly ackBy: string;
  readonly incidentId?: string | undefined;
  readonly disputeId?: string | undefined;
  readonly deliveredAt?: string | undefined;
  readonly acknowledgedAt?: string | undefined;
  readonly answeredAt?: string | undefined;
  readonly overdueAt?: string | undefined;
  readonly referredAt?: string | undefined;
  readonly lostAt?: string | undefined;
  readonly machine: MachineSnap<MessageContext>;
}

/** One dispute: the parties, the track and incident, its deadline, each step's instant and how it ended. */
export interface DisputeView {
  readonly id: string;
  readonly by: string;
  readonly against: string;
  readonly track: Track;
  readonly incidentId?: string | undefined;
  readonly raisedAt: string;
  readonly respondBy: string;
  readonly acknowledgedAt?: string | undefined;
  readonly mediationRequestedAt?: string | undefined;
  readonly ruledAt?: string | undefined;
  readonly finding?: { readonly attributedTo?: string; readonly text: string } | undefined;
  readonly closedAt?: string | undefined;
  readonly outcome?: DisputeOutcome | undefined;
  readonly deadlinesMissed: number;
  readonly machine: MachineSnap<DisputeContext>;
}

/** How a party saw an incident: whom it blamed, how severe it seemed, and when. */
export interface Observation {
  readonly attributedTo: string;
  readonly severity: number;
  readonly at: string;
}

/** What became of a retaliation a party planned (`RetaliationPlanned` and what followed). */
export type PlanStatus = 'pending' | 'held' | 'calledOff' | 'executed';

/** A retaliation a party planned for an incident against it. */
export interface RetaliationPlanView {
  /** The side it blamed and meant to strike. */
  readonly against: string;
  readonly plannedAt: string;
  /** When its retaliation delay is over. */
  readonly due: string;
  readonly status: PlanStatus;
  /** When it was held back for a dispute over the incident (it may be released later). */
  readonly heldAt?: string | undefined;
  /** When it was called off or carried out. */
  readonly endedAt?: string | undefined;
  /** Why it was called off. */
  readonly reason?: CalledOffReason | undefined;
}

/** One incident: what happened, who really did it, how each party saw it, and what followed. */
export interface IncidentView {
  readonly id: string;
  readonly kind: string;
  readonly by: string;
  readonly against: string;
  readonly cameo: string;
  readonly weight: number;
  readonly severity: number;
  readonly at: string;
  readonly retaliationFor?: string | undefined;
  /** How each party saw it (fog: attribution and severity may differ from the truth). */
  readonly observations: Readonly<Record<string, Observation>>;
  /** Parties whose misattribution the cell cleared, and when. */
  readonly clarified: Readonly<Record<string, string>>;
  /** Parties that retaliated for this incident. */
  readonly retaliatedBy: readonly string[];
  /** Retaliations planned for it, by the party that planned each. */
  readonly plans: Readonly<Record<string, RetaliationPlanView>>;
  /** True when this incident was a retaliation against a misattributed one. */
  readonly accidental: boolean;
}

/** One meeting of the cell: regular or extraordinary, when, and how much was on its agenda. */
export interface MeetingView {
  readonly id: string;
  readonly kind: 'regular' | 'extraordinary';
  readonly openedAt: string;
  readonly closedAt?: string | undefined;
  readonly incidents: number;
  readonly disputes: number;
}

/** One de-escalation step: by whom, when, and its Goldstein weight. */
export interface StepView {
  readonly by: string;
  readonly at: string;
  readonly weight: number;
}

/** The repeated game so far: rounds, mutual restraint and strikes, accidents, clarifications, payoffs. */
export interface GameView {
  readonly rounds: number;
  readonly mutualRestraint: number;
  readonly mutualStrike: number;
  readonly accidents: number;
  readonly clarified: number;
  readonly payoffs: Readonly<Record<string, number>>;
  readonly last?: { readonly round: number; readonly moves: Readonly<Record<string, Move>> };
}
