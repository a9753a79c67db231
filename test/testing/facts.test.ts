/** Single facts, recorded events and commands from the kit are valid in isolation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkData, EVENT_TYPES, parseEvent } from '../../src/core/catalogue.js';
import { COMMAND_EVENTS, type CommandType } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { replay } from '../../src/core/replay.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { commandArbitrary } from '../../src/testing/commandArbitrary.js';
import { eventArbitrary, factArbitrary } from '../../src/testing/factArbitrary.js';

describe('factArbitrary and eventArbitrary', () => {
  it('every recorded event passes the catalogue (type, version, data schema)', () => {
    fc.assert(
      fc.property(eventArbitrary(), (e) => {
        const parsed = parseEvent(JSON.parse(JSON.stringify(e)));
        expect(parsed.ok ? [] : parsed.issues).toEqual([]);
        if (e.cause !== undefined) expect(e.cause).toBeLessThan(e.seq);
      }),
      { numRuns: 1000 },
    );
  });

  it('covers every event type, and only the types asked for', () => {
    const seen = new Set(fc.sample(factArbitrary(), { numRuns: 2000, seed: 1 }).map((f) => f.type));
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
    fc.assert(fc.property(factArbitrary({ types: ['MessageSent', 'DisputeRaised'] }), (f) => ['MessageSent', 'DisputeRaised'].includes(f.type)));
  });
});

describe('commandArbitrary', () => {
  it('gives commands whose data their event schema accepts, of the types asked for', () => {
    const types: CommandType[] = ['SendMessage', 'Rule', 'PlayRound'];
    fc.assert(
      fc.property(commandArbitrary({ types }), (cmd) => {
        expect(types).toContain(cmd.type);
        // A deadline the rules compute is added by decide, not carried by the command.
        const computed = cmd.type === 'SendMessage' ? { ackBy: cmd.at } : {};
        expect(checkData(COMMAND_EVENTS[cmd.type], { ...cmd.data, ...computed })).toEqual([]);
      }),
    );
  });

  it('decide judges any command in any generated state without throwing, and what it accepts parses', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 40 }), fc.array(commandArbitrary(), { maxLength: 20 }), (events, cmds) => {
        const state = replay(events);
        for (const cmd of cmds) {
          const r = decide(cmd, state);
          if (r instanceof DomainError) continue;
          for (const f of r) expect(parseEvent({ ...f, seq: state.seq + 1 }).ok).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
