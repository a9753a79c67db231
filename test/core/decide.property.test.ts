/**
 * decide accepts every event of a valid log: for generated streams, the command behind each
 * event (rebuilt from the fact), decided on the state of the prefix before it, gives back
 * exactly that fact, and deciding never modifies the state it is given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fact, Recorded } from '../../src/core/catalogue.js';
import { EVENT_TYPES } from '../../src/core/catalogue.js';
import { COMMAND_EVENTS } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer } from '../../src/core/replay.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { commandFor, EVENT_COMMANDS } from './given.js';

const factOf = ({ seq: _seq, hash: _hash, ...f }: Recorded): Fact => f as Fact;

describe('decide over valid logs', () => {
  it('every event type comes from exactly one command type', () => {
    expect(Object.keys(EVENT_COMMANDS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [c, e] of Object.entries(COMMAND_EVENTS)) expect(EVENT_COMMANDS[e]).toBe(c);
  });

  it('re-deciding the command behind each event, on the state before it, gives exactly that event', () => {
    fc.assert(
      fc.property(eventStreamArbitrary(), (events) => {
        const r = new Replayer();
        for (const e of events) {
          const before = r.peek();
          const snapshot = JSON.stringify(before);
          const result = decide(commandFor(e), before);
          if (result instanceof DomainError) {
            throw new Error(`seq ${e.seq} ${e.type} refused on replay: ${result.code} ${result.message}`);
          }
          expect(result).toStrictEqual([factOf(e)]);
          expect(JSON.stringify(before)).toBe(snapshot);
          r.push(e);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the streams it is checked on reach the interesting rules', () => {
    const samples = fc.sample(eventStreamArbitrary({ maxSteps: 120 }), { numRuns: 600, seed: 5 });
    const types = new Set(samples.flat().map((e) => e.type));
    for (const t of ['AckDeadlineMissed', 'MessageAcknowledged', 'SupervisorRuled', 'RulingAccepted', 'DisputeDeadlineMissed', 'RoundPlayed', 'MeetingClosed']) {
      expect(types).toContain(t);
    }
  });
});
