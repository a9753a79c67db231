/** The seeded, split random streams: reproducible, independent by name, well spread. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';

const draw = (r: Rng, n: number) => Array.from({ length: n }, () => r.float());

describe('Rng', () => {
  it('reseed restarts every stream of the family, wherever it is held, as the same name under the new seed', () => {
    const root = Rng.seeded(42);
    const fog = root.split('fog');
    const party = fog.split('israel');
    draw(fog, 5);
    draw(party, 3);
    root.reseed(7);
    expect(draw(fog, 10)).toEqual(draw(Rng.seeded(7).split('fog'), 10));
    expect(draw(party, 10)).toEqual(draw(Rng.seeded(7).split('fog').split('israel'), 10));
    // Later splits use the new seed; another run's streams are not touched.
    expect(draw(root.split('late'), 10)).toEqual(draw(Rng.seeded(7).split('late'), 10));
    const other = Rng.seeded(42).split('fog');
    root.reseed(8);
    expect(draw(other, 10)).toEqual(draw(Rng.seeded(42).split('fog'), 10));
  });

  it('the same seed and stream name give the same sequence; another seed another', () => {
    expect(draw(Rng.seeded(42).split('fog'), 20)).toEqual(draw(Rng.seeded(42).split('fog'), 20));
    expect(draw(Rng.seeded(43).split('fog'), 20)).not.toEqual(draw(Rng.seeded(42).split('fog'), 20));
  });

  it("a stream does not depend on how much another stream has drawn", () => {
    const root = Rng.seeded(7);
    const a = root.split('a');
    draw(a, 1000);
    const b1 = draw(root.split('b'), 10);
    expect(b1).toEqual(draw(Rng.seeded(7).split('b'), 10));
    expect(b1).not.toEqual(draw(Rng.seeded(7).split('a'), 10));
  });

  it('floats are in [0, 1) with the right mean; chance(p) hits about p; exponential has the right mean', () => {
    const r = Rng.seeded(1).split('stats');
    const n = 20_000;
    const xs = draw(r, n);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Means of n uniform draws: standard error 1/sqrt(12n) ≈ 0.002; allow 5 standard errors.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / n - 0.5)).toBeLessThan(0.011);
    const hits = Array.from({ length: n }, () => r.chance(0.3)).filter(Boolean).length / n;
    expect(Math.abs(hits - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
    const mean = Array.from({ length: n }, () => r.exponential(10)).reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(mean - 10)).toBeLessThan(5 * (10 / Math.sqrt(n)));
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
  });

  it('int and pick stay in range', () => {
    const r = Rng.seeded(3);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(2, 5);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(5);
      expect(['x', 'y']).toContain(r.pick(['x', 'y']));
    }
  });
});
