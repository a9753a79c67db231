/**
 * fast-check arbitraries for property tests, exported as part of Parley's library surface.
 * A generated stream is valid by construction (see streamGenerator.ts) and shrinks towards
 * shorter streams with simpler choices.
 */
import fc from 'fast-check';
import type { Recorded } from '../core/catalogue.js';
import type { StreamOptions } from './streamGenerator.js';
import { generateStream } from './streamGenerator.js';

/** Constraints of `eventStreamArbitrary`, in the style of fast-check's own `*Constraints`. */
export interface EventStreamConstraints extends Partial<Omit<StreamOptions, 'steps'>> {
  /** Most commands attempted per stream (default 120). */
  readonly maxSteps?: number;
}

/**
 * Valid event streams: a `LogStarted`, the cell set up, then random accepted commands.
 * @example fc.assert(fc.property(eventStreamArbitrary(), (events) => checkInvariants(replay(events)).length === 0));
 */
export function eventStreamArbitrary(constraints: EventStreamConstraints = {}): fc.Arbitrary<Recorded[]> {
  const maxSteps = constraints.maxSteps ?? 120;
  return fc
    .record({
      choices: fc.array(fc.nat({ max: 0xffff }), { maxLength: maxSteps * 4 }),
      mechanism: constraints.mechanism === undefined ? fc.boolean() : fc.constant(constraints.mechanism),
      game: constraints.game === undefined ? fc.boolean() : fc.constant(constraints.game),
      parties: fc.constantFrom(['alpha', 'bravo'], ['alpha', 'bravo', 'charlie']),
    })
    .map(({ choices, mechanism, game, parties }) => {
      let i = 0;
      // Choices run out as the array shrinks; zeros afterwards keep the stream deterministic.
      const choose = { int: (n: number) => (choices.length === 0 ? 0 : (choices[i++ % choices.length] as number) % n) };
      const steps = Math.min(maxSteps, Math.ceil(choices.length / 2));
      return generateStream(choose, {
        steps,
        mechanism,
        game,
        parties: constraints.parties ?? parties,
        ...(constraints.start ? { start: constraints.start } : {}),
      });
    });
}

/** A stream together with a cut point inside it, for prefix and snapshot properties. */
export function streamWithCutArbitrary(constraints: EventStreamConstraints = {}): fc.Arbitrary<{ events: Recorded[]; cut: number }> {
  return eventStreamArbitrary(constraints).chain((events) =>
    fc.nat({ max: events.length }).map((cut) => ({ events, cut })),
  );
}
