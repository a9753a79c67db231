/** The memoized instant parser answers exactly as parseInstant, whatever the order of calls. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs } from '../../src/core/instantMemo.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';

/** Instants as written, near-misses, and junk: a small pool so that texts repeat. */
const text = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }).map(formatInstant),
  fc.constantFrom('', '2026-02-30T00:00:00Z', '2026-01-06T24:00:00Z', '2026-01-06T00:00:00.5Z', '2026-01-06T00:00:00+00:00', 'noon'),
);

describe('instantMs', () => {
  it('equals parseInstant on any sequence of texts, repeated or not', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 60 }), (pool, picks) => {
        for (const i of picks) {
          const t = pool[i % pool.length] as string;
          expect(instantMs(t)).toBe(parseInstant(t));
        }
      }),
    );
  });

  it('gives undefined for what is not an instant, even right after a valid one', () => {
    expect(instantMs('2026-01-06T00:00:00Z')).toBe(parseInstant('2026-01-06T00:00:00Z'));
    expect(instantMs('2026-01-06T00:00:00')).toBeUndefined();
    expect(instantMs('')).toBeUndefined();
  });
});
