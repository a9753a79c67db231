/**
 * The mechanism's deadline rules live in one place (src/core/rules.ts): decide computes
 * `ackBy` and `respondBy` from the rules the log's first event records, and any fact can be
 * checked against them; a log that did not record them is "not recorded", never guessed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { checkDeadline, deadline } from '../../src/core/rules.js';
import type { RunMeta } from '../../src/core/state.js';
import { formatDuration, formatInstant, parseDuration, parseInstant } from '../../src/core/time.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { RULES, sentMessage, raisedDispute, started, T0, time } from './given.js';

const meta = (rules = RULES): RunMeta => started({ rules }).data;

describe('deadlines from the recorded rules', () => {
  it('are the fact\'s instant plus the rule\'s duration, written as the log writes instants', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (offset, ack, response) => {
          const at = formatInstant((parseInstant(T0) as number) + offset);
          const rules = { ...RULES, ackDeadline: formatDuration(ack), disputeResponseDeadline: formatDuration(response) };
          expect(parseInstant(deadline(rules, 'MessageSent', at) as string)).toBe((parseInstant(at) as number) + ack);
          expect(parseInstant(deadline(rules, 'DisputeRaised', at) as string)).toBe((parseInstant(at) as number) + response);
          expect(parseDuration(rules.ackDeadline)).toBe(ack);
        },
      ),
      { numRuns: 300 },
    );
    expect(deadline(RULES, 'MessageSent', T0)).toBe(time(24));
    expect(deadline(null, 'MessageSent', T0)).toBeUndefined();
  });

  it('every message and dispute decide records carries the deadline its log\'s rules give it', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 120 }), (events) => {
        // The rules in force at each event: the first event's, or a later ParametersChanged's.
        const r = new Replayer();
        for (const e of events) {
          if (e.seq > 1) expect(checkDeadline(r.peek().meta as RunMeta, e)).toBe('ok');
          r.push(e);
        }
      }),
      { numRuns: 60 },
    );
    // The streams do reach the deadline rules: counted on a seeded sample, so the count cannot flake
    // (60 random streams held 29 such facts once).
    const sample = fc.sample(eventStreamArbitrary({ maxSteps: 120 }), { numRuns: 60, seed: 11 });
    expect(sample.flat().filter((e) => e.type === 'MessageSent' || e.type === 'DisputeRaised').length).toBeGreaterThan(30);
  });

  it('a deadline that does not follow the rules is named, with the rule and what it gives', () => {
    expect(checkDeadline(meta(), sentMessage('m-1', 'syria', 'israel', { ackBy: time(25) }))).toBe(
      `ackBy is ${time(25)}, but the acknowledgement deadline (P1D) gives ${time(24)}`,
    );
    expect(checkDeadline(meta(), raisedDispute('d-1', 'syria', 'israel', undefined, { respondBy: time(1) }))).toMatch(
      /^respondBy is .*, but the dispute response deadline \(P7D\) gives /,
    );
    expect(checkDeadline(meta(), sentMessage('m-1', 'syria', 'israel'))).toBe('ok');
  });

  it('cannot be checked in a log that does not record the rules: says so rather than guess', () => {
    const v1 = started({ rules: null }).data;
    expect(checkDeadline(v1, sentMessage('m-1', 'syria', 'israel', { ackBy: time(25) }) as Fact)).toBe('not recorded');
  });
});
