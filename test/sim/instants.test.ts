/** The simulation's instant formatter writes exactly what formatInstant writes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/core/time.js';
import { InstantFormatter } from '../../src/sim/instants.js';

const DAY = 86_400_000;

describe('InstantFormatter', () => {
  it('equals formatInstant on any sequence of instants, same-day runs included', () => {
    const ms = fc.oneof(fc.integer({ min: -62_135_596_800_000, max: 400_000_000_000_000 }), fc.integer({ min: 0, max: 3 * DAY }));
    fc.assert(
      fc.property(fc.array(ms, { maxLength: 40 }), fc.integer({ min: 0, max: 1e6 }), (times, base) => {
        const f = new InstantFormatter();
        for (const t of times) {
          expect(f.format(t)).toBe(formatInstant(t));
          expect(f.format(t + base)).toBe(formatInstant(t + base));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles milliseconds, midnight and the day boundary', () => {
    const f = new InstantFormatter();
    const t0 = Date.UTC(2026, 0, 6);
    for (const t of [t0, t0 + 1, t0 + 999, t0 + DAY - 1, t0 + DAY, t0 - 1, t0 + 12 * 3_600_000 + 5, 1.5, -0.5]) {
      expect(f.format(t)).toBe(formatInstant(t));
    }
  });
});
