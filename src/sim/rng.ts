/**
 * The only source of randomness in a simulation: a seeded xoroshiro128+ (pure-rand), split
 * into named, independent streams. A stream's sequence depends only on the run seed and the
 * stream's name, never on how much another stream has drawn, so adding a generator to a
 * scenario does not reshuffle the fog of every other one.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser: a well-spread 32-bit hash. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mix32(h);
}

/** MurmurHash3's fmix32: a bijective, well-spread scramble of a 32-bit unsigned integer. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A named random stream. Mutable (draws advance it); create one per concern with `split`. */
export class Rng {
  private g: Generator;

  private constructor(
    private seed: number,
    private readonly name: string,
    /** Every stream split from the same root, this one included: what {@link Rng.reseed} restarts. */
    private readonly family: Rng[],
  ) {
    this.g = xoroshiro128plus(hash32(name, seed) | 0);
    family.push(this);
  }

  /** The root stream of a run. */
  static seeded(seed: number): Rng {
    return new Rng(seed >>> 0, '', []);
  }

  /** An independent stream named `name` under this one (`root.split('fog').split('israel')`). */
  split(name: string): Rng {
    return new Rng(this.seed, `${this.name}/${name}`, this.family);
  }

  /**
   * Restarts every stream of this one's family (its root and all streams split from it, held
   * wherever they are) as the stream of the same name under `seed`, and makes later splits
   * use `seed`: what a fork with a new seed does (`parley fork --seed`).
   */
  reseed(seed: number): void {
    for (const r of this.family) {
      r.seed = seed >>> 0;
      r.g = xoroshiro128plus(hash32(r.name, r.seed) | 0);
    }
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.g);
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return uniformInt(this.g, min, max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  /** One item of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Exponentially distributed with the given mean (inter-arrival times of a Poisson process). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
