/**
 * The state's JSON form: what `parley replay --json` prints and what a saved snapshot holds.
 * Nothing may be lost on the way out, and a snapshot read back must be the state it came from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/replay.js';
import { initialState, stateFromJSON, stateToJSON, type ParleyState, type StateJSON } from '../../src/core/state.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';

const TABLES = ['messages', 'disputes', 'incidents', 'meetings', 'steps'] as const;

/** The keys JSON would keep: those whose value is not `undefined`. */
const definedKeys = (o: object): string[] =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();

describe('stateToJSON / stateFromJSON', () => {
  it('keep every field of the state, each table as an object in creation order, and read back to the same state', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 80, mechanism: true }), (events) => {
        const s: ParleyState = replay(events);
        const json = stateToJSON(s);
        expect(definedKeys(json)).toEqual(definedKeys(s));
        for (const t of TABLES) {
          expect(Object.keys(json[t])).toEqual([...s[t].keys()]);
          expect(Object.values(json[t])).toEqual([...s[t].values()]);
        }
        const back = stateFromJSON(JSON.parse(JSON.stringify(json)) as StateJSON);
        expect(back).toEqual(s);
        for (const t of TABLES) expect(back[t]).toBeInstanceOf(Map);
      }),
      { numRuns: 40 },
    );
  });

  it('print the run first and its parts after, whatever order the fold added them in', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 40, mechanism: true }), (events) => {
        const state = replay(events);
        const keys = Object.keys(stateToJSON(state));
        const head = ['seq', 'at', 'ended', ...(state.ended ? ['endReason'] : []), 'meta', 'cell', 'ladder'];
        expect(keys.slice(0, head.length)).toEqual(head);
      }),
      { numRuns: 40 },
    );
    expect(Object.keys(stateToJSON(initialState()))).toEqual([
      'seq', 'ended', 'counters', 'messages', 'disputes', 'openDisputes', 'incidents', 'meetings', 'openMeeting', 'steps',
    ]);
  });
});
