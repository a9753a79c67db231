import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/catalogue.js';
import { envelopeProblem, fastFullParse } from '../../src/log/lineCheck.js';
import { logText, objectsOf, sampleFacts } from '../fixtures/logs/build.js';

const valid = objectsOf(logText(sampleFacts(7)));

/** Values that probe every envelope rule: edge numbers, near-miss strings, wrong types. */
const probe = fc.oneof(
  fc.constantFrom(0, 1, 2, -1, 1.5, 2 ** 53, 1e21, NaN, '1', null, true, [], {}, 'a'.repeat(64), 'A'.repeat(64)),
  fc.constantFrom('2026-01-06T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-06T00:00:00+00:00', '2026-01-06', ''),
  fc.constantFrom('MessageSent', 'MessageDelivered', 'LogStarted', 'Nope', 'constructor', '__proto__'),
  fc.constantFrom('israel', 'us', 'a b', 'toString', '-x', 'x'.repeat(65)),
  fc.constantFrom({ messageId: 'm-1' }, { messageId: 'm 1' }, { messageId: 'm-1', extra: 1 }, { messageId: 'm-1', reply: 'r' }),
  fc.jsonValue(),
);
const field = fc.constantFrom('seq', 'at', 'type', 'v', 'actor', 'data', 'cause', 'hash', 'extra');

/** An event with some fields replaced by probes or deleted. */
const mutated = fc
  .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(field, fc.option(probe)), { maxLength: 3 }))
  .map(([base, edits]) => {
    const copy: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of edits) {
      if (value === null) delete copy[key];
      else copy[key] = value;
    }
    return copy;
  });

describe('fastFullParse', () => {
  it('accepts the valid events exactly as parseEvent does', () => {
    for (const raw of valid) {
      const official = parseEvent(raw);
      expect(official.ok).toBe(true);
      expect(fastFullParse(raw)).toEqual(official.ok ? official.value : undefined);
    }
  });

  it('never accepts what parseEvent rejects, and agrees on what both accept', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (raw) => {
        const fast = fastFullParse(raw);
        if (fast === undefined) return;
        accepted++;
        const official = parseEvent(raw);
        expect(official.ok).toBe(true);
        expect(fast).toEqual(official.ok ? official.value : undefined);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100); // the property is not vacuous
  });

  it('is not much stricter either: it takes the fast path for valid events', () => {
    fc.assert(
      fc.property(mutated, (raw) => {
        if (parseEvent(raw).ok) expect(envelopeProblem(raw)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });
});
