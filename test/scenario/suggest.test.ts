import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, listOf, oneLine, quote } from '../../src/scenario/suggest.js';

describe('suggestions', () => {
  it('measures edits, counting a transposition as one', () => {
    expect(editDistance('incident', 'incidnet')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('suggests plausible typos only, ignoring case', () => {
    const keys = ['ackDeadline', 'disputeResponseDeadline', 'referral', 'meetings'];
    expect(closest('ackdeadline', keys)).toBe('ackDeadline');
    expect(closest('refferal', keys)).toBe('referral');
    expect(closest('foo', keys)).toBeUndefined();
    expect(didYouMean('meetngs', keys)).toBe('; did you mean "meetings"?');
    expect(didYouMean('zzz', keys)).toBe('');
  });

  it('keeps messages short and on one line', () => {
    expect(listOf(['a', 'b', 'c'], 2)).toBe('a, b, … (1 more)');
    expect(quote('x'.repeat(70))).toBe(`"${'x'.repeat(60)}…"`);
    expect(quote('a"b\nc')).toBe('"a\\"b\\nc"');
    expect(oneLine('a\nb\tc\u2028')).toBe('a\\nb\\tc\\u2028');
  });
});
