/**
 * The resolved form of a scenario that the simulator runs: durations in ms, instants as
 * epoch ms, incident kinds resolved to CAMEO codes and Goldstein weights, defaults applied.
 * `compileScenario` (scenario/compile.ts) builds it; tests may build one directly.
 */
import type { EventData, LadderConfig, MessageKind, Track } from '../core/catalogue.js';
import type { PolicyKind } from './policies/index.js';

export type { PolicyKind } from './policies/index.js';

/** How a party behaves; every probability in [0, 1], every delay in ms. */
export interface PolicyPlan {
  readonly kind: PolicyKind;
  /** GTFT: chance to forgive a perceived provocation. */
  readonly generosity: number;
  /** Chance to retaliate against a perceived provocation (derived from the kind unless probabilistic). */
  readonly retaliate: number;
  /** Chance to raise a dispute in the cell over a serious incident. */
  readonly raiseDispute: number;
  /** Chance to acknowledge a message or dispute at all. */
  readonly acknowledge: number;
  /** Chance to escalate a deadlocked dispute rather than try mediation again or withdraw. */
  readonly escalate: number;
  /** Chance to accept a settlement. */
  readonly settle: number;
  /** Chance to accept a supervisor's ruling (defaults to the supervisor's rulingAccepted). */
  readonly acceptRuling: number;
  readonly ackDelayMs: number;
  readonly answerDelayMs: number;
  /** How long a party waits before retaliating: the window in which the cell can clarify. */
  readonly retaliationDelayMs: number;
  /** Observed severity at or above which a party raises a dispute. */
  readonly disputeThreshold: number;
}

/** A party: its id, display name and resolved policy. */
export interface PartyPlan {
  readonly id: string;
  readonly name: string;
  readonly policy: PolicyPlan;
}

/** The supervisor: its id and name, how often it intervenes, how fast it answers and finds facts. */
export interface SupervisorPlan {
  readonly id: string;
  readonly name: string;
  /** Chance the supervisor acts on a referral or a mediation request. */
  readonly intervene: number;
  readonly responseTimeMs: number;
  readonly factFindingMs: number;
}

export interface IncidentSpec {
  readonly kind: string;
  readonly by: string;
  readonly against: string;
  readonly cameo: string;
  readonly weight: number;
  readonly severity: number;
  readonly where?: string;
  readonly description?: string;
  /** Advance warning sent through the cell this long before the incident (INCSEA / deconfliction). */
  readonly warnLeadMs?: number;
  /** Who the victim blames, when the scenario scripts it (instead of drawing from the fog). */
  readonly blamed?: string;
}

export interface GeneratorPlan extends IncidentSpec {
  readonly meanIntervalMs: number;
  readonly fromMs: number;
  readonly untilMs: number;
}

export type TimelineAction =
  | { readonly type: 'incident'; readonly id: string; readonly incident: IncidentSpec }
  | {
      readonly type: 'message';
      readonly id: string;
      readonly from: string;
      readonly to: string;
      readonly track: Track;
      readonly kind: MessageKind;
      readonly subject?: string;
      readonly incidentId?: string;
      readonly cameo?: string;
    }
  | {
      readonly type: 'dispute';
      readonly id: string;
      readonly by: string;
      readonly against: string;
      readonly track: Track;
      readonly incidentId?: string;
      readonly claim?: string;
    }
  | {
      readonly type: 'deescalation';
      readonly id: string;
      readonly by: string;
      readonly kind: string;
      readonly cameo: string;
      readonly weight: number;
      readonly description?: string;
    }
  | { readonly type: 'suspend'; readonly by: string; readonly reason: string }
  | { readonly type: 'resume'; readonly by: string; readonly reason?: string }
  | { readonly type: 'meeting'; readonly by: string; readonly reason: string }
  | { readonly type: 'withdraw'; readonly by: string; readonly disputeId: string };

export interface TimelineStep {
  readonly atMs: number;
  readonly action: TimelineAction;
}

/** The repeated-interaction mode: rounds, their spacing, accident probability, payoffs, clarification chance. */
export interface GamePlan {
  readonly rounds: number;
  readonly everyMs: number;
  readonly epsilon: number;
  readonly payoff: { readonly R: number; readonly S: number; readonly T: number; readonly P: number };
  readonly clarify: number;
}

/** A change to one scenario parameter (`--set path=value`), as the user gave it. */
export type ParameterOverride = EventData<'LogStarted'>['overrides'][number];

/**
 * What the simulator runs: a compiled scenario (see `compileScenario`), with every duration in
 * ms, every instant as epoch ms and every default applied. Plain data: tests and scripts may
 * build or change one directly (e.g. `{ ...plan, seed: 7 }`).
 */
export interface Plan {
  readonly name: string;
  /** SHA-256 of the scenario file. */
  readonly hash: string;
  /** The scenario file's text, recorded in the log so that the log alone rebuilds the run (absent: not recorded). */
  readonly source?: string | null;
  /** Overrides applied to the scenario before it was compiled, in order (absent: none). */
  readonly overrides?: readonly ParameterOverride[];
  readonly seed: number;
  readonly parleyVersion: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly parties: readonly PartyPlan[];
  readonly supervisor: SupervisorPlan;
  readonly mechanism: {
    readonly enabled: boolean;
    readonly tracks: readonly Track[];
    readonly ackDeadlineMs: number;
    readonly disputeResponseMs: number;
    readonly referral: boolean;
    readonly meetings: {
      readonly everyMs: number | null;
      readonly extraordinaryOnRequest: boolean;
      readonly standingIncidentAgenda: boolean;
    };
    readonly suspension: {
      readonly by: readonly string[];
      readonly onSeverityAbove?: number;
      readonly resumeAfterMs?: number;
    };
  };
  readonly fog: {
    readonly misattribution: number;
    readonly severityNoise: number;
    readonly messageLoss: number;
    readonly deliveryDelayMs: number;
  };
  readonly ladder: LadderConfig;
  readonly generators: readonly GeneratorPlan[];
  readonly timeline: readonly TimelineStep[];
  readonly game?: GamePlan;
  /** Stop (SimulationEnded reason `stopped`) after this many events. */
  readonly maxEvents: number;
}
