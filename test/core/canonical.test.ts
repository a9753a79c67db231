import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalKey } from '../../src/core/canonical.js';
import { CanonicalJsonError } from '../../src/core/canonical.js';

/**
 * Reference implementation with an explicit comparator (`<` on strings compares UTF-16 code
 * units). Re-sorting a copy and calling JSON.stringify would not do: JS objects always list
 * integer-like keys first.
 */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code unit at every depth, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
    // Code-unit order, not locale order: upper case before lower case, "10" before "2".
    expect(canonicalJson({ b: 0, B: 0, '2': 0, '10': 0, é: 0, '\u{1F600}': 0, '\uFF61': 0 })).toBe(
      '{"10":0,"2":0,"B":0,"b":0,"é":0,"\u{1F600}":0,"\uFF61":0}',
    );
  });

  it('prints strings and numbers exactly as JSON.stringify does', () => {
    expect(canonicalJson(['a"b\\c\n\u0001', 1e21, 0.1, -0, 5e-7, 2 ** 53])).toBe(
      JSON.stringify(['a"b\\c\n\u0001', 1e21, 0.1, -0, 5e-7, 2 ** 53]),
    );
  });

  it('omits undefined properties (absent optional fields)', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('matches a reference implementation and survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value))); // -0 prints as 0
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts the same keys the same way whatever order they were added in (and after a cache hit)', () => {
    const keys = ['track', 'b', '10', 'A', 'a', '2', 'é', 'messageId'];
    fc.assert(
      fc.property(fc.shuffledSubarray(keys, { minLength: 1 }), fc.shuffledSubarray(keys, { minLength: 1 }), (xs, ys) => {
        for (const order of [xs, ys, xs]) {
          const value = Object.fromEntries(order.map((k, i) => [k, i % 3 === 0 ? undefined : { [k]: i, z: [k] }]));
          expect(canonicalJson(value)).toBe(reference(JSON.parse(JSON.stringify(value))));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('escapes exactly what JSON.stringify escapes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }), (s, t) => {
        expect(canonicalJson({ [s]: s, t })).toBe(reference({ [s]: s, t }));
      }),
      { numRuns: 200 },
    );
    expect(canonicalJson(['\u2028', '\ud800', '\ud83d\ude00', '\u007f'])).toBe(JSON.stringify(['\u2028', '\ud800', '\ud83d\ude00', '\u007f']));
  });

  it.each([
    ['NaN', { data: { x: NaN } }, 'data.x'],
    ['Infinity', { a: [1, Infinity] }, 'a[1]'],
    ['undefined in an array', { list: [1, undefined] }, 'list[1]'],
    ['a bigint', { n: 1n }, 'n'],
    ['a function', { f: () => 1 }, 'f'],
    ['a Date', { when: new Date(0) }, 'when'],
    ['a Map', { m: new Map() }, 'm'],
  ])('rejects %s with a typed error naming the field', (_name, value, field) => {
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).code).toBe('CANONICAL_JSON');
    expect((error as CanonicalJsonError).field).toBe(field);
  });

  it('rejects a cycle instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('prefixes the field path', () => {
    expect(() => canonicalJson({ w: NaN }, 'data')).toThrow('data.w: NaN has no JSON form');
  });
});

describe('canonicalKey', () => {
  it('gives equal keys to equal values whatever their key order, and different keys otherwise', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (a, b) => {
        const reversed = Object.fromEntries(Object.entries(a).reverse());
        expect(canonicalKey(reversed)).toBe(canonicalKey(a));
        const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
        expect(canonicalKey(a) === canonicalKey(b)).toBe(isDeepStrictEqual(asJson(a), asJson(b)));
        expect(JSON.parse(canonicalKey(a))).toEqual(JSON.parse(JSON.stringify(a)));
      }),
      { numRuns: 300 },
    );
  });
});
