import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, fact } from '../../src/core/catalogue.js';
import { formatInstant } from '../../src/core/time.js';
import { canonicalJson } from '../../src/log/canonical.js';
import { chainHash, encodeLine, envelopeBody, envelopeBodyFast, GENESIS_HASH } from '../../src/log/chain.js';
import { linesOf, logText, sampleFacts } from '../fixtures/logs/build.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('hash chain', () => {
  it('starts from 64 zeros and hashes previous hash, newline, canonical body', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chainHash(GENESIS_HASH, '{"a":1}')).toBe(sha256(`${'0'.repeat(64)}\n{"a":1}`));
    expect(chainHash(GENESIS_HASH, 'ünï ✓')).toBe(sha256(`${'0'.repeat(64)}\nünï ✓`));
  });

  it('links every line of a log to the one before', () => {
    const lines = linesOf(logText(sampleFacts(20)));
    let prev = GENESIS_HASH;
    for (const text of lines) {
      const raw = JSON.parse(text) as Record<string, unknown>;
      const { hash, ...rest } = raw;
      expect(hash).toBe(sha256(`${prev}\n${canonicalJson(rest)}`));
      prev = hash as string;
    }
  });

  it('writes envelope keys in envelope order with canonical data', () => {
    const e = fact('MessageDelivered', { at: '2026-01-06T01:00:00Z', actor: 'cell', cause: 1 }, { messageId: 'm-1' });
    const line = encodeLine({ ...e, seq: 2 }, canonicalJson(e.data), 'f'.repeat(64));
    expect(line).toBe(
      `{"seq":2,"at":"2026-01-06T01:00:00Z","type":"MessageDelivered","v":1,"actor":"cell","data":{"messageId":"m-1"},"cause":1,"hash":"${'f'.repeat(64)}"}\n`,
    );
  });

  it('has fast encoders equal to the generic canonical form and to JSON of the envelope', () => {
    const idChar = fc.constantFrom(...'abcXYZ019_.:-');
    fc.assert(
      fc.property(
        fc.record(
          {
            seq: fc.integer({ min: 1, max: 2 ** 40 }),
            at: fc.integer({ min: 0, max: 4_102_444_800_000 }).map(formatInstant),
            type: fc.constantFrom(...EVENT_TYPES),
            v: fc.integer({ min: 1, max: 9 }),
            actor: fc.tuple(fc.constantFrom('a', 'Z', '7'), fc.string({ unit: idChar, maxLength: 20 })).map(([a, b]) => a + b),
            data: fc.dictionary(fc.string(), fc.jsonValue()),
            cause: fc.integer({ min: 1, max: 2 ** 40 }),
          },
          { requiredKeys: ['seq', 'at', 'type', 'v', 'actor', 'data'] },
        ),
        (envelope) => {
          const dataJson = canonicalJson(envelope.data);
          expect(envelopeBodyFast(envelope, dataJson)).toBe(envelopeBody(envelope));
          const line = encodeLine(envelope, dataJson, 'a'.repeat(64));
          expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify({ ...envelope, hash: 'a'.repeat(64) })));
        },
      ),
      { numRuns: 300 },
    );
  });
});
