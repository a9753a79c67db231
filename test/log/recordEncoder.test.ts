import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/log/canonical.js';
import { factRecord } from '../../src/log/chainSink.js';
import { CanonicalJsonError } from '../../src/log/errors.js';
import { RecordEncoder, type RecordFields } from '../../src/log/recordEncoder.js';

/** The record as strings would build it: what the encoder's bytes must be the UTF-8 of. */
const expected = (f: RecordFields): string => factRecord(f.at, f.type, f.v, f.actor, f.cause, canonicalJson(f.data, 'data'));

/** Strings of every kind: ASCII with and without escapes, accents, emoji, lone surrogates, controls. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', 'é', '✓', '\u{1F600}', '\ud800', '\udc00', '"', '\\', '\n', '\u007f', '\u0000'), maxLength: 12 }),
);

/** Data as the log sees it: JSON values, with undefined-valued (absent) fields and odd numbers. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1e21, 5e-324, -1.5, 2 ** 53),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(text, fc.option(tie('v'), { nil: undefined }), { maxKeys: 5 }),
  ),
})).v;

const fields = fc.record({
  at: fc.constantFrom('2026-01-06T00:00:00Z', '2026-01-06T00:00:00.250Z'),
  type: fc.constantFrom('MessageSent', 'IncidentOccurred'),
  v: fc.integer({ min: 1, max: 9 }),
  actor: fc.constantFrom('israel', 'syria', 'cell'),
  cause: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }),
  data: fc.dictionary(text, fc.option(value, { nil: undefined }), { maxKeys: 6 }),
});

describe('RecordEncoder', () => {
  it('writes exactly the UTF-8 of factRecord with canonical data, record after record', () => {
    fc.assert(
      fc.property(fc.array(fields, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 512 }), (facts, initial) => {
        const enc = new RecordEncoder(initial);
        for (const f of facts) enc.append(f);
        const want = facts.map(expected).join('');
        expect(enc.text()).toBe(want);
        expect(Buffer.from(enc.bytes()).equals(Buffer.from(want, 'utf8'))).toBe(true);
        expect(enc.length).toBe(Buffer.byteLength(want, 'utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('starts again from nothing after reset, whatever the buffer grew to', () => {
    const enc = new RecordEncoder(64);
    const big = { at: '2026-01-06T00:00:00Z', type: 'MessageSent', v: 1, actor: 'cell', data: { subject: 'x'.repeat(5000) } };
    enc.append(big);
    enc.reset();
    expect(enc.length).toBe(0);
    const small = { ...big, data: { messageId: 'm-1' } };
    enc.append(small);
    expect(enc.text()).toBe(expected(small));
  });

  it('refuses data without a JSON form with canonicalJson’s error, and keeps what it had', () => {
    const bad: unknown[] = [NaN, Infinity, -Infinity, 10n, () => 1, Symbol('s'), new Date(0), new Map(), [1, undefined], { deep: [{ n: NaN }] }];
    const nested: Record<string, unknown> = {};
    let cursor = nested;
    for (let i = 0; i < 200; i++) cursor = cursor.next = {};
    bad.push(nested);
    const enc = new RecordEncoder(32);
    const ok: RecordFields = { at: '2026-01-06T00:00:00Z', type: 'MessageSent', v: 1, actor: 'cell', data: { messageId: 'm-1' } };
    enc.append(ok);
    const before = enc.text();
    for (const b of bad) {
      const f = { ...ok, data: { messageId: 'm-2', field: b } };
      let want: unknown;
      try {
        canonicalJson(f.data, 'data');
      } catch (e) {
        want = e;
      }
      expect(want).toBeInstanceOf(CanonicalJsonError);
      expect(() => enc.append(f)).toThrow(want as Error);
      expect(enc.text()).toBe(before);
    }
  });
});
