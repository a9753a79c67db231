import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, isLater, parseInstant, parseInstantGeneral } from '../../src/core/time.js';


const digit = fc.constantFrom(...'0123456789');
const nearly = (len: number) => fc.string({ unit: fc.oneof(digit, digit, digit, fc.constantFrom('x', ' ', '-')), minLength: len, maxLength: len });
/** Strings shaped like instants, often valid, often subtly not. */
const instantLike = fc
  .tuple(nearly(4), nearly(2), nearly(2), nearly(2), nearly(2), nearly(2), fc.option(fc.integer({ min: 1, max: 4 }).chain(nearly)), fc.constantFrom('Z', 'z', '+00:00', ''), fc.constantFrom('T', 't', ' '))
  .map(([y, mo, d, h, mi, s, frac, zone, t]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac === null ? '' : `.${frac}`}${zone}`);

describe('parseInstant (fast path vs the general parser)', () => {
  it('agrees with the general parser on valid instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        const text = formatInstant(ms);
        expect(parseInstant(text)).toBe(ms);
        expect(parseInstant(text)).toBe(parseInstantGeneral(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the general parser on instant-shaped and arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(instantLike, fc.string()), (text) => {
        expect(parseInstant(text)).toBe(parseInstantGeneral(text));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    '2026-01-06T00:00:00Z',
    '2026-01-06T00:00:00.5Z',
    '2026-01-06T00:00:00.05Z',
    '2026-01-06T00:00:00.123Z',
    '2026-01-06T00:00:00+00:00',
    '2024-02-29T23:59:59Z',
    '2026-02-29T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-06T24:00:00Z',
    '2026-01-06T00:60:00Z',
    '2026-01-06T00:00:60Z',
    '2026-01-06T00:00:00.Z',
    '2026-01-06T00:00:00.1234Z',
    '0099-01-01T00:00:00Z',
    '2026-01-06 00:00:00Z',
  ])('agrees on %s', (text) => {
    expect(parseInstant(text)).toBe(parseInstantGeneral(text));
  });
});

describe('isLater (text comparison for the written form)', () => {
  const instant = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });
  /** The same instant in several valid forms: as written, with milliseconds, with +00:00. */
  const form = (ms: number, how: number): string => {
    const text = formatInstant(ms);
    if (how === 0 || !text.endsWith('Z')) return text;
    const base = text.slice(0, 19);
    return how === 1 ? `${base}.${String(ms - Math.floor(ms / 1000) * 1000).padStart(3, '0')}Z` : `${base}+00:00`;
  };

  it('orders any two valid instants as their epoch milliseconds do', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (a, b, ha, hb) => {
        const ta = form(a, ha);
        const tb = form(b, hb);
        expect(isLater(ta, tb)).toBe((parseInstant(ta) as number) > (parseInstant(tb) as number));
      }),
      { numRuns: 3000 },
    );
  });

  it('compares the written form as text, seconds included', () => {
    expect(isLater('2026-01-06T00:00:01Z', '2026-01-06T00:00:00Z')).toBe(true);
    expect(isLater('2026-01-06T00:00:00Z', '2026-01-06T00:00:00Z')).toBe(false);
    expect(isLater('2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z')).toBe(false);
    expect(isLater('2026-01-06T00:00:00.001Z', '2026-01-06T00:00:00Z')).toBe(true);
  });
});
