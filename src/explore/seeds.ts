/**
 * The seeds of a sweep. Seed index r (0-based) of a sweep with base seed S runs with
 * `seedOf(S, r) = mix(mix(S) + r mod 2³²)`, where `mix` is MurmurHash3's 32-bit finaliser, a
 * bijection on 32-bit integers. So:
 * - the N seeds of one sweep are all different (r ↦ seed is one-to-one for r < 2³²);
 * - two sweeps with different S share a seed only by chance (about N²/2³² pairs), unlike
 *   S, S+1, S+2…, where S = 1 and S = 2 would share all but one run;
 * - every grid cell (and both sides of `compare`) uses the same N seeds: common random
 *   numbers, so differences between cells are not drowned in seed-to-seed noise.
 */
import { mix32 } from '../sim/rng.js';

/**
 * The seed of run `index` (0-based seed index) under base seed `base`.
 * @example seedOf(42, 0) // the first run of `parley sweep … --seed 42`
 */
export function seedOf(base: number, index: number): number {
  return mix32((mix32(base) + index) >>> 0);
}

/** How the seeds were derived, in words, for the sweep's output. */
export function describeSeeds(base: number): string {
  return `seed of run r = fmix32(fmix32(${base}) + r) (MurmurHash3 finaliser; r = 0, 1, …; the same seeds in every cell)`;
}
