/**
 * The first, validating fold of each variant, timed in blocks. A fold must cost the same per
 * event at the end of a long log as at the start; if a block costs several times the first
 * one, replay is superlinear (some step scans state that grows with the log) and every
 * throughput number would depend on the log length. A deadline stops a fold that would take
 * minutes, with the block times as the diagnosis.
 */
import type { Recorded } from '../../src/core/catalogue.js';
import { median } from '../lib/measure.js';
import { note } from '../lib/progress.js';

/** How the cost per event evolved along one fold. */
export interface Scaling {
  readonly blockEvents: number;
  readonly blockMs: readonly number[];
  /**
   * Median of the last three whole blocks over the median of the first three: about 1 for a
   * linear fold (below 1 when JIT warm-up slows the first blocks), well above for a
   * superlinear one.
   */
  readonly growth: number;
}

/** Thrown when a validating fold passes its deadline. */
export class FoldDeadlineError extends Error {}

/** Folds `log` with `push`, timing blocks of about a tenth of the log. */
export function foldInBlocks(name: string, log: readonly Recorded[], push: (e: Recorded) => void, deadlineMs: number): Scaling {
  const blockEvents = Math.max(10_000, Math.round(log.length / 10));
  const blockMs: number[] = [];
  const start = performance.now();
  let t = start;
  for (let i = 0; i < log.length; i++) {
    push(log[i] as Recorded);
    const blockEnd = (i + 1) % blockEvents === 0 || i + 1 === log.length;
    if (!blockEnd && (i & 1023) !== 0) continue;
    const now = performance.now();
    if (blockEnd) {
      blockMs.push(now - t);
      t = now;
    }
    if (now - start > deadlineMs) {
      if (!blockEnd) blockMs.push(now - t);
      const blocks = blockMs.map((ms) => (ms / 1000).toFixed(1)).join(', ') + (blockEnd ? '' : ' (unfinished)');
      throw new FoldDeadlineError(
        `${name}: the validating fold passed its ${(deadlineMs / 1000).toFixed(0)} s deadline after ${(i + 1).toLocaleString('en-US')} events; ` +
          `blocks of ${blockEvents.toLocaleString('en-US')} events took ${blocks} s — the cost per event grows with the state (superlinear replay). ` +
          'Profile with: node --cpu-prof .bench-build/bench/run.js --events 200000 --skip-big',
      );
    }
  }
  note(`${name}: validating fold ${((performance.now() - start) / 1000).toFixed(1)} s, block times ${blockMs.map((ms) => ms.toFixed(0)).join(' ')} ms`);
  return { blockEvents, blockMs, growth: growth(blockMs) };
}

function growth(blockMs: readonly number[]): number {
  // Whole blocks only: the last one may be short.
  const whole = blockMs.length > 1 ? blockMs.slice(0, -1) : blockMs;
  if (whole.length < 2) return 1;
  const k = Math.min(3, Math.floor(whole.length / 2));
  return median(whole.slice(-k)) / median(whole.slice(0, k));
}
