/**
 * The hand-written envelope check (src/core/envelope.ts) is an accept path only: it may send
 * a valid envelope on to zod, but it must never accept one that zod's `envelopeSchema`
 * refuses, nor one whose zod value differs from the input (the caller then uses the input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeSchema, parseEvent } from '../../src/core/catalogue.js';
import { acceptsEnvelope } from '../../src/core/envelope.js';
import { logText, objectsOf, sampleFacts } from '../fixtures/logs/build.js';

const valid = objectsOf(logText(sampleFacts(7)));

/** Values that probe every envelope rule: edge numbers, near-miss strings, wrong types. */
const probe = fc.oneof(
  fc.constantFrom(0, 1, 2, -1, 1.5, 2 ** 53, 1e21, NaN, Infinity, '1', null, undefined, true, [], {}, 'a'.repeat(64), 'A'.repeat(64)),
  fc.constantFrom('2026-01-06T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-06T00:00:00+00:00', '2026-01-06', ''),
  fc.constantFrom('MessageSent', 'Nope', 'constructor', '__proto__', 'toString', 'israel', 'a b', '-x', 'x'.repeat(65)),
  fc.jsonValue(),
);
const field = fc.constantFrom('seq', 'at', 'type', 'v', 'actor', 'data', 'cause', 'hash', 'extra', '__proto__');

/** A valid envelope with some fields replaced by probes or deleted. */
const mutated = fc
  .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(field, fc.option(probe, { nil: null })), { maxLength: 3 }))
  .map(([base, edits]) => {
    const copy: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of edits) {
      if (value === null) delete copy[key];
      else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

describe('acceptsEnvelope', () => {
  it('accepts only what envelopeSchema accepts, and then zod gives the input back', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (raw) => {
        if (!acceptsEnvelope(raw)) return;
        accepted++;
        const zod = envelopeSchema.safeParse(raw);
        expect(zod.success).toBe(true);
        expect(zod.data).toStrictEqual(raw);
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200); // the property is not vacuous
  });

  it('lets parseEvent return a valid event as given, and word a bad one as zod does', () => {
    for (const raw of valid) {
      const parsed = parseEvent(raw);
      expect(parsed.ok && parsed.value).toBe(raw);
    }
    const bad = { ...valid[1], actor: 'a b' };
    expect(acceptsEnvelope(bad)).toBe(false);
    expect(parseEvent(bad)).toMatchObject({ ok: false, issues: [{ path: 'actor' }] });
  });
});
