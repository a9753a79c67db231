/**
 * The ladder cools down with time: while nothing raises it, the pressure decays
 * exponentially, halving every `halfLife` (the ladder's `cooling` rule, recorded in the log's
 * first event): p(t) = p(t₀) · 2^(−(t − t₀)/halfLife). That makes the pressure an
 * exponentially weighted sum of the Goldstein-weighted events behind it, the decay function
 * ViEWS applies to the time since past conflict events (Hegre et al. 2019) applied to an
 * event-score index of the kind Schrodt & Gerner (1994) built from Goldstein (1992) weights:
 * see docs/model.md.
 *
 * The decay is recorded, not computed by replay: `LadderCooled { delta }` facts carry it, and
 * `decide` computes their `delta` here, from the rule and the instant the pressure was last
 * recorded (`ladder.pressureAt`). The simulator records the decay up to "now" before any
 * other change of pressure, and at the instant the pressure falls below its level's
 * threshold ({@link coolsBelowAt}), so the level in the log moves when it would.
 */
import type { Cooling } from './logStarted.js';
import { parseDuration } from './time.js';

/** The half-life in ms, or undefined when the ladder does not cool. */
export function halfLifeMs(cooling: Cooling): number | undefined {
  return cooling === 'none' ? undefined : parseDuration(cooling.halfLife);
}

/**
 * How much the pressure decays from `fromMs` to `toMs` (≤ 0): rounded down to a thousandth
 * (so a log stays readable, and the pressure after it is never above the exact decay: a
 * threshold crossed exactly is crossed in the log too). 0 when the ladder does not cool.
 * @example coolingDelta({ halfLife: 'P30D' }, 40, t, t + 30 * DAY_MS) // -20
 */
export function coolingDelta(cooling: Cooling, pressure: number, fromMs: number, toMs: number): number {
  const h = halfLifeMs(cooling);
  if (h === undefined || pressure <= 0 || toMs <= fromMs) return 0;
  const decayed = pressure * 2 ** (-(toMs - fromMs) / h);
  const delta = Math.floor((decayed - pressure) * 1000) / 1000;
  // Never more than the whole pressure (the ladder stops at 0).
  return Math.max(delta, -pressure);
}

/**
 * The first whole second after `fromMs` at which a pressure of `pressure` at `fromMs`, left
 * to decay, is below `threshold`; undefined when it never gets there (no cooling, or a
 * threshold of 0) or is there already.
 */
export function coolsBelowAt(cooling: Cooling, pressure: number, fromMs: number, threshold: number): number | undefined {
  const h = halfLifeMs(cooling);
  if (h === undefined || threshold <= 0 || pressure < threshold) return undefined;
  const crossing = fromMs + h * Math.log2(pressure / threshold);
  // Strictly after the exact crossing: at that instant the decayed pressure is below it.
  return Math.floor(crossing / 1000) * 1000 + 1000;
}
