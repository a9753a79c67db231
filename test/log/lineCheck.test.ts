import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/catalogue.js';
import { isProblem, parseLine } from '../../src/log/lineCheck.js';
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

describe('parseLine', () => {
  it('accepts the valid events with the value parseEvent gives', () => {
    for (const raw of valid) {
      const official = parseEvent(raw);
      expect(official.ok).toBe(true);
      const line = parseLine(JSON.stringify(raw));
      expect(isProblem(line)).toBe(false);
      if (!isProblem(line) && official.ok) expect(line.event).toStrictEqual(official.value);
    }
  });

  it("says what parseEvent says about edited lines: its value, or its first issue's path and message", () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (raw) => {
        const line = parseLine(JSON.stringify(raw));
        const official = parseEvent(JSON.parse(JSON.stringify(raw)));
        if (official.ok) {
          accepted++;
          expect(isProblem(line) ? line : line.event).toStrictEqual(official.value);
        } else {
          const first = official.issues[0];
          expect(line).toMatchObject({ kind: 'schema', field: first?.path });
          expect(isProblem(line) && line.message.startsWith(`${first?.path}: ${first?.message}`)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(100); // the property is not vacuous
  });
});
