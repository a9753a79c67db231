/**
 * Ladder metrics of a run: where the escalation ladder stood, how far it climbed and came
 * down, and how long it spent at each level (open intervals closed at the run's end, see
 * `metrics.ts`), and how much of the escalation was undone.
 */
import { own } from '../core/ids.js';
import type { ParleyState } from '../core/state.js';
import { parseInstant } from '../core/time.js';

/** The escalation ladder. Level-keyed records follow the ladder's level order. */
export interface LadderMetrics {
  /** Level at the end of the covered period; `null` before the log has started. */
  readonly level: string | null;
  readonly peak: string | null;
  readonly peakIndex: number | null;
  /** Level changes upwards and downwards (one change may span several levels). */
  readonly ups: number;
  readonly downs: number;
  /** Levels climbed and descended in all: a change from level 1 to 3 climbs two. */
  readonly levelsUp: number;
  readonly levelsDown: number;
  /** Ms at each level; the values sum to the time from the first event to the period's end. */
  readonly timeAt: Readonly<Record<string, number>>;
  /** When each level was first reached exactly (`null`: never; a jump may skip a level). */
  readonly firstAt: Readonly<Record<string, string | null>>;
  /** First time the ladder stood at `crisis` or above; `null` if never or the ladder has no `crisis`. */
  readonly firstCrisisAt: string | null;
  /** `firstCrisisAt` minus the scenario's start, in ms. */
  readonly timeToCrisisMs: number | null;
}

/** How much of the escalation was undone. */
export interface DeescalationMetrics {
  /**
   * Share of the escalation undone: levels descended over levels climbed, in [0, 1] (the ladder
   * starts at its lowest level, so it can never come down further than it went up); `null`
   * when it never climbed.
   */
  readonly rate: number | null;
  /** De-escalation steps taken by parties. */
  readonly steps: number;
  /** Disputes closed peacefully (settlement or ruling) over disputes closed; `null` when none closed. */
  readonly peacefulCloseRate: number | null;
}

const ms = (at: string): number => parseInstant(at) as number;

/** The ladder metrics of `s`, open intervals closed at `end` (epoch ms; `undefined` before any event). */
export function ladder(s: ParleyState, end: number | undefined): LadderMetrics {
  const l = s.ladder;
  const levels = s.meta?.ladder.levels ?? [];
  const timeAt: Record<string, number> = {};
  const firstAt: Record<string, string | null> = {};
  let firstCrisis: string | null = null;
  const crisisIndex = levels.indexOf('crisis');
  for (const [i, level] of levels.entries()) {
    const closed = l ? (own(l.timeAtMs, level) ?? 0) : 0;
    const open = l && level === l.level && end !== undefined ? Math.max(0, end - l.sinceMs) : 0;
    timeAt[level] = closed + open;
    const reached = l ? (own(l.firstAt, level) ?? null) : null;
    firstAt[level] = reached;
    // Levels are entered in time order, so the earliest entry at or above crisis is the first crisis.
    if (reached !== null && crisisIndex >= 0 && i >= crisisIndex && (firstCrisis === null || ms(reached) < ms(firstCrisis))) {
      firstCrisis = reached;
    }
  }
  return {
    level: l?.level ?? null,
    peak: l?.peak ?? null,
    peakIndex: l?.peakIndex ?? null,
    ups: l?.ups ?? 0,
    downs: l?.downs ?? 0,
    levelsUp: l?.levelsUp ?? 0,
    levelsDown: l?.levelsDown ?? 0,
    timeAt,
    firstAt,
    firstCrisisAt: firstCrisis,
    timeToCrisisMs: firstCrisis === null || !s.meta ? null : ms(firstCrisis) - ms(s.meta.start),
  };
}
