import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeUtf8,
  excessiveNesting,
  forbiddenCharacter,
  invalidUtf8Offset,
  MAX_FLOW_DEPTH,
  MAX_INDENT,
} from '../../src/scenario/textGuards.js';

const strict = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('invalidUtf8Offset', () => {
  it('agrees with a strict TextDecoder, and the prefix before the offset is valid', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.uint8Array({ minLength: 1, maxLength: 4 }))
        .map(([s, tail]) => new Uint8Array([...new TextEncoder().encode(s), ...tail])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const offset = invalidUtf8Offset(b);
        expect(offset < 0).toBe(strict(b));
        if (offset >= 0) expect(strict(b.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects overlong forms, surrogates and code points past U+10FFFF', () => {
    expect(invalidUtf8Offset(new Uint8Array([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(invalidUtf8Offset(new Uint8Array([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(invalidUtf8Offset(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(invalidUtf8Offset(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(invalidUtf8Offset(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1);
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' });
  });

  it('locates the first bad byte by line and character column', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a\nb\né'), 0x80]);
    expect(decodeUtf8(bytes)).toMatchObject({ issue: { line: 3, col: 2 } });
  });
});

describe('forbiddenCharacter', () => {
  it('allows what YAML allows', () => {
    expect(forbiddenCharacter('a:\tb\r\nc: "\u0085 é 😀 \u00a0"\n')).toBeUndefined();
  });

  it('finds control characters, lone surrogates and non-characters', () => {
    expect(forbiddenCharacter('ab\u0007')).toMatchObject({ offset: 2, message: expect.stringContaining('U+0007') });
    expect(forbiddenCharacter('a\ud800b')).toMatchObject({ offset: 1, message: expect.stringContaining('U+D800') });
    expect(forbiddenCharacter('\uffff')).toMatchObject({ offset: 0 });
    expect(forbiddenCharacter('\u0090')).toMatchObject({ offset: 0 });
  });
});

describe('excessiveNesting', () => {
  it('accepts ordinary scenario shapes', () => {
    const text = 'a:\n  - { b: [1, { c: [2] }] }\n  - d: |\n      text [[[[\n    e: "[[[["\n';
    expect(excessiveNesting(text)).toBeUndefined();
    expect(excessiveNesting(`a: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}`)).toBeUndefined();
    expect(excessiveNesting(`${' '.repeat(MAX_INDENT)}a: 1`)).toBeUndefined();
  });

  it('ignores brackets inside quoted strings, comments and block scalars', () => {
    const deep = '['.repeat(MAX_FLOW_DEPTH + 10);
    expect(excessiveNesting(`a: "${deep}"\nb: '${deep}'\n# ${deep}\nc: |\n  ${deep}\n`)).toBeUndefined();
  });

  it('stops flow nesting past the limit, at the bracket that crosses it', () => {
    const text = `a: ${'{b: '.repeat(MAX_FLOW_DEPTH + 1)}`;
    expect(excessiveNesting(text)).toEqual({
      offset: 3 + 4 * MAX_FLOW_DEPTH,
      message: `nesting too deep: more than ${MAX_FLOW_DEPTH} levels of [ ] or { }`,
    });
  });

  it('stops block nesting past the limit, also on the line after a block scalar', () => {
    const compact = `${'- '.repeat(MAX_INDENT)}x`;
    expect(excessiveNesting(compact)?.offset).toBe(MAX_INDENT);
    const after = `a: |\n  text\n${compact}`;
    expect(excessiveNesting(after)?.offset).toBe(after.indexOf('- ') + MAX_INDENT);
  });
});
