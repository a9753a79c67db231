/**
 * The sender's view: no decision the simulator takes for a participant reads a fact that
 * participant had not observed (a lost message, a true actor it misattributed, a message not
 * yet delivered to it), and two runs that differ only in a fact hidden from a party give
 * that party the same view of the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { parseInstant } from '../../src/core/time.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { KnowledgeRead } from '../../src/sim/knowledge.js';
import { partyPolicy, type PartyPolicy } from '../../src/sim/policies/index.js';
import { runPlan, type RunOptions } from '../../src/sim/simulation.js';
import { knownAt } from './observable.js';
import { scenarioArbitrary } from './scenarioArbitrary.js';

function planOf(input: unknown) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(v.issues)}`);
  return compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test', maxEvents: 3000 });
}

function run(input: unknown, options: RunOptions = {}) {
  const events: Recorded[] = [];
  const reads: KnowledgeRead[] = [];
  runPlan(planOf(input), { ...options, onEvent: (e) => events.push(e), onKnowledgeRead: (r) => reads.push(r) });
  return { events, reads };
}

describe('decisions read only what their party observed', () => {
  it('every fact a decision reads was observable by its reader when read (generated scenarios)', () => {
    let reads = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const r = run(input);
        const known = knownAt(r.events);
        for (const read of r.reads) {
          const from = known(read.reader, read.fact);
          if (!(from <= read.atSeq)) {
            const e = r.events[read.fact - 1];
            throw new Error(`${read.reader} read seq ${read.fact} (${e?.type} by ${e?.actor}) at seq ${read.atSeq}, observable from ${from}`);
          }
        }
        reads += r.reads.length;
      }),
      { numRuns: 40 },
    );
    // The property is about something: decisions did read facts.
    expect(reads).toBeGreaterThan(100);
  });

  it('the account of what a party observed hides losses, the delivery of its own messages and undelivered messages', () => {
    const at = '2026-01-01T00:00:00Z';
    const log = [
      { seq: 1, type: 'MessageSent', v: 1, at, actor: 'a', data: { messageId: 'm-1', to: 'b', track: 'intelligence', kind: 'protest', ackBy: at } },
      { seq: 2, type: 'MessageLost', v: 1, at, actor: 'cell', data: { messageId: 'm-1' } },
      { seq: 3, type: 'MessageSent', v: 1, at, actor: 'a', data: { messageId: 'm-2', to: 'b', track: 'intelligence', kind: 'protest', ackBy: at } },
      { seq: 4, type: 'MessageDelivered', v: 1, at, actor: 'cell', data: { messageId: 'm-2' } },
    ] as unknown as Recorded[];
    const known = knownAt(log);
    expect([known('a', 1), known('a', 2), known('b', 1), known('b', 2)]).toEqual([1, Infinity, Infinity, Infinity]);
    expect([known('a', 4), known('b', 3), known('b', 4)]).toEqual([Infinity, 4, 4]);
  });
});

/** A scenario in which only party `a` sends messages, all to `b`: incidents by `b` and by unidentified actors against `a`. */
const quietRecipient: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 10_000 }),
    kind: fc.constantFrom('tit-for-tat', 'generous-tit-for-tat', 'hawk', 'dove'),
    misattribution: fc.double({ min: 0, max: 0.6, noNaN: true }),
    days: fc.integer({ min: 10, max: 60 }),
    byB: fc.integer({ min: 2, max: 10 }),
    byWorld: fc.integer({ min: 2, max: 10 }),
    referral: fc.boolean(),
  })
  .map((g) => ({
    parley: 1,
    name: 'quiet recipient',
    start: '2026-01-01T00:00:00Z',
    horizon: `P${g.days}D`,
    seed: g.seed,
    parties: {
      a: { name: 'A', policy: { kind: g.kind, ackDelay: 'PT2H', retaliationDelay: 'PT36H', ...(g.kind === 'generous-tit-for-tat' ? { generosity: 0.33 } : {}) } },
      b: { name: 'B', policy: { kind: 'tit-for-tat' } },
    },
    supervisor: { id: 'sup', name: 'Supervisor', policy: { kind: 'probabilistic', intervene: 0.7 } },
    mechanism: { enabled: true, referral: g.referral, meetings: { every: 'P10D' } },
    fog: { misattribution: g.misattribution, severityNoise: 0.1, deliveryDelay: 'PT30M' },
    generators: [
      { incident: 'incursion', by: 'b', against: 'a', every: `P${g.byB}D` },
      { incident: 'raid', by: 'world', against: 'a', every: `P${g.byWorld}D` },
    ],
  }) as ScenarioInput);

/** `b`, which never acknowledges anything: its messages and disputes go unanswered. */
const silent: PartyPolicy = { ...(partyPolicy('tit-for-tat') as PartyPolicy), acknowledges: () => false };

/**
 * The run as `reader` saw it before `untilMs`: the facts it observed, each when it observed
 * it, without seqs.
 */
function viewOf(events: readonly Recorded[], reader: string, untilMs: number): string[] {
  const known = knownAt(events);
  return events
    .filter((e) => known(reader, e.seq) < Infinity && (parseInstant(e.at) as number) < untilMs)
    .map((e) => ({ from: known(reader, e.seq), e }))
    .sort((x, y) => x.from - y.from || x.e.seq - y.e.seq)
    .map(({ e }) => JSON.stringify([e.type, e.at, e.actor, e.data]));
}

/** When `sender` first sent a message (Infinity: never). */
function firstMessageFrom(events: readonly Recorded[], sender: string): number {
  const e = events.find((x) => x.type === 'MessageSent' && x.actor === sender);
  return e === undefined ? Infinity : (parseInstant(e.at) as number);
}

describe('a hidden fact changes nothing its party can see', () => {
  it("a's messages lost, or delivered to a recipient who never acknowledges: a sees the same run (deadlines, referrals, clarifications) until b writes to it", () => {
    let overdue = 0;
    fc.assert(
      fc.property(quietRecipient, (input) => {
        const lost = { ...input, fog: { ...input.fog, messageLoss: 1 } };
        const delivered = { ...input, fog: { ...input.fog, messageLoss: 0 } };
        const a = run(lost, { policies: { b: silent } }).events;
        const b = run(delivered, { policies: { b: silent } }).events;
        expect(a.some((e) => e.type === 'MessageLost')).toBe(a.some((e) => e.type === 'MessageSent'));
        // `a` can tell the runs apart once `b` writes to it (b protests against a's
        // retaliations): a message from b that reaches `a` in one run is lost in the other.
        const until = Math.min(firstMessageFrom(a, 'b'), firstMessageFrom(b, 'b'));
        expect(viewOf(a, 'a', until)).toEqual(viewOf(b, 'a', until));
        overdue += a.filter((e) => e.type === 'AckDeadlineMissed').length;
      }),
      { numRuns: 30 },
    );
    // Lost messages did go overdue: the property compared runs in which the deadline mattered.
    expect(overdue).toBeGreaterThan(0);
  });
});
