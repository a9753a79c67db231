import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import { ChainChecker } from '../../src/log/chainCheck.js';

function event(seq: number, at: string): Recorded {
  return seq === 1
    ? ({ seq, at, type: 'LogStarted', v: 1, actor: 'sim', data: {} } as unknown as Recorded)
    : ({ seq, at, type: 'MessageDelivered', v: 1, actor: 'cell', data: { messageId: 'm-1' } } as Recorded);
}

/** The same instant written in each form Parley accepts. */
function spellings(ms: number): string[] {
  const plain = formatInstant(ms);
  const base = plain.slice(0, 19);
  const millis = String(ms % 1000).padStart(3, '0');
  return ms % 1000 === 0 ? [plain, `${base}+00:00`, `${base}.0Z`, `${base}.000Z`] : [`${base}.${millis}Z`, `${base}.${millis}+00:00`];
}

// Whole seconds mostly, so that the short form (compared as text) meets every other form.
const instant = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((s) => 1_767_657_600_000 + s * 1000),
  fc.integer({ min: 0, max: 400_000 }).map((ms) => 1_767_657_600_000 + ms),
  fc.constantFrom(0, 253_402_300_799_000, 951_782_400_000),
);

describe('ChainChecker time order', () => {
  it('accepts an instant exactly when it is not before the previous one, whatever the spelling', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.nat()), { minLength: 1, maxLength: 12 }), (steps) => {
        const checker = new ChainChecker(false);
        let previous = -Infinity;
        let seq = 1;
        for (const [ms, pick] of steps) {
          const forms = spellings(ms);
          const at = forms[pick % forms.length] as string;
          expect(parseInstant(at)).toBe(ms);
          const problem = checker.check(event(seq, at), {});
          if (ms >= previous) {
            expect(problem).toBeUndefined();
            previous = ms;
            seq++;
          } else {
            expect(problem).toMatchObject({ kind: 'time-backwards', seq });
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the previous instant as written', () => {
    const checker = new ChainChecker(false);
    expect(checker.check(event(1, '2026-01-06T00:00:01Z'), {})).toBeUndefined();
    expect(checker.check(event(2, '2026-01-06T00:00:00.999Z'), {})).toEqual({
      kind: 'time-backwards',
      seq: 2,
      message: "at 2026-01-06T00:00:00.999Z is before the previous event's 2026-01-06T00:00:01Z",
    });
  });

  it('continues from a restart position', () => {
    const checker = new ChainChecker(false);
    checker.restart({ seq: 4, hash: '0'.repeat(64), at: '2026-01-06T00:00:00.500Z' });
    expect(checker.check(event(5, '2026-01-06T00:00:00Z'), {})).toMatchObject({ kind: 'time-backwards' });
    expect(checker.check(event(5, '2026-01-06T00:00:01Z'), {})).toBeUndefined();
    expect(checker.position).toEqual({ seq: 5, hash: '0'.repeat(64), at: '2026-01-06T00:00:01Z' });
  });
});
