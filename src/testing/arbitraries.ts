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
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      steps: fc.integer({ min: 0, max: maxSteps }),
      mechanism: constraints.mechanism === undefined ? fc.boolean() : fc.constant(constraints.mechanism),
      game: constraints.game === undefined ? fc.boolean() : fc.constant(constraints.game),
      parties: fc.constantFrom(['alpha', 'bravo'], ['alpha', 'bravo', 'charlie']),
    })
    .map(({ seed, steps, mechanism, game, parties }) =>
      // The seed drives the choices; fast-check shrinks `steps` towards the shortest failing prefix.
      generateStream(seededChooser(seed), {
        steps,
        mechanism,
        game,
        parties: constraints.parties ?? parties,
        ...(constraints.start ? { start: constraints.start } : {}),
      }),
    );
}

/** A deterministic chooser (mulberry32) for streams outside fast-check, e.g. benchmarks. */
export function seededChooser(seed: number): { int(n: number): number } {
  let a = seed >>> 0;
  return {
    int(n: number): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(x * n);
    },
  };
}

/** A stream together with a cut point inside it, for prefix and snapshot properties. */
export function streamWithCutArbitrary(constraints: EventStreamConstraints = {}): fc.Arbitrary<{ events: Recorded[]; cut: number }> {
  return eventStreamArbitrary(constraints).chain((events) =>
    fc.nat({ max: events.length }).map((cut) => ({ events, cut })),
  );
}
