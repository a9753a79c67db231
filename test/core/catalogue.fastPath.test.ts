import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  acceptEvent,
  checkData,
  dataSchema,
  EVENT_TYPES,
  fact,
  parseEvent,
  parseEventWithZod,
  type EventType,
  type Fact,
} from '../../src/core/catalogue.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';

/** As a log line reads back: plain JSON. */
const asRead = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const HASH = 'c0ffee'.repeat(10) + 'beef';

/** The types the stream generator never produces, made by hand. */
const handMade: Fact[] = [
  fact('SimulationEnded', { at: '2026-02-01T00:00:00Z', actor: 'sim' }, { reason: 'horizon' }),
  fact('CellDissolved', { at: '2026-02-01T00:00:00Z', actor: 'us' }, { reason: 'mandate over' }),
  fact('FactFindingReported', { at: '2026-02-01T00:00:00Z', actor: 'us', cause: 3 }, { disputeId: 'd-1', attributedTo: 'israel', finding: '😀'.repeat(2000) }),
  fact('AccidentClarified', { at: '2026-02-01T00:00:00.250Z', actor: 'syria' }, { round: 4, to: 'israel' }),
  fact('CellSuspended', { at: '2026-02-01T00:00:00+00:00', actor: 'syria' }, { reason: 'strike', incidentId: 'inc-1' }),
];

const streamEvents = fc
  .tuple(eventStreamArbitrary({ maxSteps: 200 }), fc.boolean())
  .map(([events, hashed]) => events.map((e) => asRead(hashed ? { ...e, hash: HASH } : e)));

const validEvent = fc.oneof(
  streamEvents.filter((es) => es.length > 0).chain((es) => fc.constantFrom(...es)),
  fc.constantFrom(...handMade.map((f, i) => asRead({ seq: i + 2, ...f }))),
);

/** Values near and across every rule of the catalogue, and arbitrary JSON. */
const probe = fc.oneof(
  fc.constantFrom(0, 1, -1, 1.5, -10, 10, 10.5, -10.5, 0xffffffff, 2 ** 32, 2 ** 53, -0, 1e21, null, true, false),
  fc.constantFrom('israel', 'syria', 'us', 'inc-1', 'a b', 'toString', '__proto__', 'x'.repeat(64), 'x'.repeat(65), '', '7'),
  fc.constantFrom('2026-01-06T00:00:00Z', '2026-01-06T00:00:00.5Z', '2026-01-06T00:00:00+00:00', '2026-02-30T00:00:00Z', '2026-01-06'),
  fc.constantFrom('12', '1234', '12345', '1', 'intelligence', 'warning', 'strike', 'restrain', 'regular', 'horizon', HASH, HASH.toUpperCase()),
  fc.constantFrom('x'.repeat(2000), 'x'.repeat(2001), '😀'.repeat(2000), '😀'.repeat(2001), '😀'.repeat(1000) + 'x'),
  // Objects are made afresh for every use: edits must not reach into another run's value.
  fc.constantFrom('["calm","calm"]', '["a","b.c"]', '[0,10]', '{"name":"x"}', '{"__proto__":{"name":"x"}}').map((t) => JSON.parse(t) as unknown),
  fc.jsonValue({ maxDepth: 2 }),
);

type Edit = { readonly where: number; readonly which: number; readonly op: 'set' | 'delete' | 'add'; readonly value: unknown; readonly key: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  where: fc.nat(),
  which: fc.nat(),
  op: fc.constantFrom('set', 'set', 'delete', 'add'),
  value: probe,
  key: fc.constantFrom('extra', 'name', 'reason', 'syria', 'messageId', 'hash', 'cause', '__proto__'),
});

/** Every object or array inside `value` with the keys it holds, outermost first. */
function containers(value: unknown, out: [Record<string, unknown>, string[]][] = []): [Record<string, unknown>, string[]][] {
  if (typeof value !== 'object' || value === null) return out;
  const record = value as Record<string, unknown>;
  out.push([record, Object.keys(record)]);
  for (const key of Object.keys(record)) containers(record[key], out);
  return out;
}

function applyEdits(base: Record<string, unknown>, edits: readonly Edit[]): Record<string, unknown> {
  const copy = structuredClone(base);
  for (const { where, which, op, value, key } of edits) {
    const all = containers(copy);
    const [target, keys] = all[where % all.length] as [Record<string, unknown>, string[]];
    // In an array, an index (possibly one past the end): JSON arrays have no named properties.
    const chosen = Array.isArray(target) ? String(which % (keys.length + 1)) : keys.length > 0 ? (keys[which % keys.length] as string) : key;
    if (op === 'delete') delete target[chosen];
    // A copy: fast-check reuses generated values when it shrinks, and later edits may land inside.
    else if (op === 'add' && !Array.isArray(target)) Object.defineProperty(target, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    else if (op !== 'add') target[chosen] = structuredClone(value);
  }
  return copy;
}

/**
 * The fast path's contract: it accepts exactly when zod accepts and returns the same data,
 * and then `parseEvent` says what zod says.
 */
function checkAgreement(raw: unknown): boolean {
  const fast = acceptEvent(raw);
  const reference = parseEventWithZod(raw);
  const unchanged = reference.ok && isDeepStrictEqual(reference.value, raw);
  expect(fast !== undefined).toBe(unchanged);
  if (fast !== undefined) expect(fast).toBe(raw);
  expect(parseEvent(raw)).toStrictEqual(reference);
  return fast !== undefined;
}

describe('the derived accept path of parseEvent', () => {
  it('accepts a valid event of every type', () => {
    const seen = new Set<EventType>();
    for (const events of fc.sample(streamEvents, { numRuns: 80, seed: 7 })) {
      for (const raw of events) {
        expect(checkAgreement(raw)).toBe(true);
        seen.add(raw.type as EventType);
      }
    }
    for (const [i, f] of handMade.entries()) {
      expect(checkAgreement(asRead({ seq: i + 2, ...f }))).toBe(true);
      seen.add(f.type);
    }
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('agrees with zod on edited events, valid or not', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(validEvent, fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
        if (checkAgreement(applyEdits(base, edits))) accepted++;
        else refused++;
      }),
      { numRuns: 2500 },
    );
    // Both sides of the equivalence were exercised.
    expect(accepted).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(1000);
  });

  it('agrees with zod on values that are not events at all', () => {
    fc.assert(fc.property(fc.anything(), (raw) => void checkAgreement(raw)), { numRuns: 500 });
  });

  it('checkData reports exactly the issues zod reports', () => {
    fc.assert(
      fc.property(validEvent, fc.array(edit, { maxLength: 2 }), (base, edits) => {
        const { type, data } = applyEdits(base, edits) as { type: EventType; data: unknown };
        if (!EVENT_TYPES.includes(type)) return;
        const reference = dataSchema(type).safeParse(data);
        const issues = checkData(type, data);
        if (reference.success) expect(issues).toEqual([]);
        else expect(issues.length).toBe(reference.error.issues.length);
      }),
      { numRuns: 1000 },
    );
  });
});
