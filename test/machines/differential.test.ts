/**
 * The compiled interpreters equal xstate's own `transition()` on arbitrary event sequences,
 * step by step, for every machine (the ladder with the default and with generated configs),
 * from fresh snapshots and from snapshots restored from JSON. Sequences are either plain
 * random lists or steered towards events xstate accepts, so that deep states are exercised.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import { compiledCell, compiledDispute, compiledLadder, compiledMessage } from '../../src/machines/index.js';
import { CELL_EVENTS, cellEvent } from './arbitraries/cellEvent.js';
import { choices } from './arbitraries/choice.js';
import { DISPUTE_EVENTS, disputeEvent, disputeParties } from './arbitraries/disputeEvent.js';
import { ladderConfig } from './arbitraries/ladderConfig.js';
import { ladderEvent } from './arbitraries/ladderEvent.js';
import { MESSAGE_EVENTS, messageEvent } from './arbitraries/messageEvent.js';
import { checkAgainstXstate, weighted } from './differential.js';

const RUNS = 100;

// Events that end a run are rarer in steered pools, so runs get deep before they restart.
const ENDINGS = new Set(['DISSOLVE', 'SETTLE', 'LAPSE', 'WITHDRAW', 'ESCALATE', 'ANSWER', 'LOSE']);
const steered = <E extends { type: string }>(pool: readonly E[]) =>
  weighted(pool, (e) => (ENDINGS.has(e.type) ? 1 : 4));

/** Half plain random lists, half steered choices over `pool`. */
const script = <E extends { type: string }>(
  random: fc.Arbitrary<E>,
  pool: readonly E[],
  length: number,
) =>
  fc.oneof(
    fc.array(random, { maxLength: length, size: 'max' }),
    choices(length).map((c) => ({ pool: steered(pool), choices: c })),
  );

describe.each([
  { name: 'fresh snapshots', viaJson: false },
  { name: 'snapshots restored from JSON', viaJson: true },
])('compiled machines equal xstate ($name)', ({ viaJson }) => {
  const options = { viaJson };

  it('message', () => {
    fc.assert(
      fc.property(script(messageEvent, MESSAGE_EVENTS, 30), (s) => {
        checkAgainstXstate(compiledMessage, undefined, s, options);
      }),
      { numRuns: RUNS },
    );
  });

  it('dispute', () => {
    fc.assert(
      fc.property(disputeParties, script(disputeEvent, DISPUTE_EVENTS, 50), (parties, s) => {
        checkAgainstXstate(compiledDispute, { parties }, s, options);
      }),
      { numRuns: RUNS },
    );
  });

  it('cell', () => {
    fc.assert(
      fc.property(script(cellEvent, CELL_EVENTS, 80), (s) => {
        checkAgainstXstate(compiledCell, undefined, s, options);
      }),
      { numRuns: RUNS },
    );
  });

  it('ladder, default configuration', () => {
    fc.assert(
      fc.property(fc.array(ladderEvent, { maxLength: 30, size: 'max' }), (events) => {
        checkAgainstXstate(compiledLadder(DEFAULT_LADDER), undefined, events, options);
      }),
      { numRuns: RUNS },
    );
  });

  it('ladder, generated configurations', () => {
    fc.assert(
      fc.property(ladderConfig, fc.array(ladderEvent, { maxLength: 30, size: 'max' }), (config, events) => {
        checkAgainstXstate(compiledLadder(config), undefined, events, options);
      }),
      { numRuns: RUNS },
    );
  });
});
