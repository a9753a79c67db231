import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, fact, type Recorded } from '../../src/core/catalogue.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import { canonicalJson } from '../../src/core/canonical.js';
import { Chain, chainHash, envelopeBody, GENESIS_HASH, lineText } from '../../src/log/chain.js';
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
    const line = lineText({ ...e, seq: 2 }, canonicalJson(e.data), 'f'.repeat(64));
    expect(line).toBe(
      `{"seq":2,"at":"2026-01-06T01:00:00Z","type":"MessageDelivered","v":1,"actor":"cell","data":{"messageId":"m-1"},"cause":1,"hash":"${'f'.repeat(64)}"}\n`,
    );
  });

  it('hashes the canonical JSON of the envelope without its hash, and writes JSON of the envelope', () => {
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
          const withHash = { ...envelope, hash: 'f'.repeat(64) };
          expect(envelopeBody(withHash)).toBe(canonicalJson(envelope));
          const line = lineText(envelope, dataJson, 'a'.repeat(64));
          expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify({ ...envelope, hash: 'a'.repeat(64) })));
        },
      ),
      { numRuns: 300 },
    );
  });
});

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

describe('Chain time order', () => {
  it('accepts an instant exactly when it is not before the previous one, whatever the spelling', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.nat()), { minLength: 1, maxLength: 12 }), (steps) => {
        const checker = new Chain();
        let previous = -Infinity;
        let seq = 1;
        for (const [ms, pick] of steps) {
          const forms = spellings(ms);
          const at = forms[pick % forms.length] as string;
          expect(parseInstant(at)).toBe(ms);
          const problem = checker.follow(event(seq, at));
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
    const checker = new Chain();
    expect(checker.follow(event(1, '2026-01-06T00:00:01Z'))).toBeUndefined();
    expect(checker.follow(event(2, '2026-01-06T00:00:00.999Z'))).toEqual({
      kind: 'time-backwards',
      seq: 2,
      message: "at 2026-01-06T00:00:00.999Z is before the previous event's 2026-01-06T00:00:01Z",
    });
  });

  it('continues from a restart position', () => {
    const checker = new Chain({ seq: 4, hash: '0'.repeat(64), at: '2026-01-06T00:00:00.500Z' });
    expect(checker.follow(event(5, '2026-01-06T00:00:00Z'))).toMatchObject({ kind: 'time-backwards' });
    expect(checker.follow(event(5, '2026-01-06T00:00:01Z'))).toBeUndefined();
    expect(checker.position).toEqual({ seq: 5, hash: '0'.repeat(64), at: '2026-01-06T00:00:01Z' });
  });
});

describe('Chain.seal', () => {
  it('refuses what a reader refuses, and stays where it was', () => {
    const chain = new Chain();
    const [started, sent] = sampleFacts(2) as [Recorded, Recorded];
    expect(chain.seal({ ...sent, seq: 1 })).toMatchObject({ kind: 'first-event', seq: 1 });
    expect(typeof chain.seal({ ...started, seq: 1 })).toBe('string');
    const at = chain.position;
    expect(chain.seal({ ...sent, seq: 3 })).toMatchObject({ kind: 'seq-gap' });
    expect(chain.seal({ ...sent, seq: 2, cause: 2 })).toMatchObject({ kind: 'schema', field: 'cause' });
    expect(chain.seal({ ...sent, seq: 2, at: '2026-01-05T00:00:00Z' })).toMatchObject({ kind: 'time-backwards' });
    expect(chain.seal({ ...sent, seq: 2, data: { n: Number.NaN } })).toMatchObject({ kind: 'schema', field: 'data.n' });
    expect(chain.position).toEqual(at);
  });

  it('gives the lines the reader follows, hash for hash', () => {
    const writer = new Chain();
    const reader = new Chain();
    for (const [i, f] of sampleFacts(30).entries()) {
      const line = writer.seal({ ...f, seq: i + 1 });
      expect(typeof line).toBe('string');
      const raw = JSON.parse(line as string) as Recorded;
      expect(reader.follow(raw, raw)).toBeUndefined();
    }
    expect(reader.position).toEqual(writer.position);
  });
});
