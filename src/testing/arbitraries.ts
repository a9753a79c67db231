/**
 * fast-check arbitraries of whole event streams. A stream is what a decider accepted, command
 * by command (see streamGenerator.ts): valid by construction with Parley's own `decide`.
 *
 * Each attempted command is drawn from its own short list of small integers (which procedure,
 * which party, which message …). fast-check shrinks a failing stream by dropping steps and
 * pulling each step's choices towards 0, so a counterexample shrinks to the few commands that
 * matter rather than to a shorter prefix of the same noise.
 */
import fc from 'fast-check';
import type { Recorded, Track } from '../core/catalogue.js';
import { formatEvent } from './checkEveryPrefix.js';
import type { Chooser, Decider, Procedure, StreamOptions } from './streamGenerator.js';
import { StreamGenerator } from './streamGenerator.js';

/** Constraints of {@link eventStreamArbitrary}, in the style of fast-check's own `*Constraints`. */
export interface EventStreamConstraints {
  /** Fewest commands attempted per stream (default 0). */
  readonly minSteps?: number;
  /** Most commands attempted per stream (default 120; refused commands add no event). */
  readonly maxSteps?: number;
  /** Party ids (default: `alpha, bravo` or `alpha, bravo, charlie`, drawn per stream). */
  readonly parties?: readonly string[];
  /** The cell's tracks (default all four). */
  readonly tracks?: readonly Track[];
  /** Whether the run has a cell (default: drawn per stream). */
  readonly mechanism?: boolean;
  /** Whether repeated-interaction rounds are played (default: drawn per stream). */
  readonly game?: boolean;
  /** Which procedures to exercise (default all; `game` also follows the `game` constraint). */
  readonly procedures?: readonly Procedure[];
  /** Whether the stream ends with `SimulationEnded` (default: drawn per stream). */
  readonly end?: boolean;
  readonly start?: string;
  /** The decider that accepts or refuses each command (default Parley's `decide`). */
  readonly decide?: Decider;
}

/** Choices one attempted command may draw; further draws get 0. */
const CHOICES_PER_STEP = 8;

/** A chooser reading one step's choices; `int(n)` past the end returns 0. */
class StepChooser implements Chooser {
  private step: readonly number[] = [];
  private next = 0;

  use(step: readonly number[]): void {
    this.step = step;
    this.next = 0;
  }

  int(n: number): number {
    const x = this.step[this.next++] ?? 0;
    return x % n;
  }
}

const option = <T>(fixed: T | undefined, drawn: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fixed === undefined ? drawn : fc.constant(fixed);

/**
 * Valid event streams: a `LogStarted`, the cell set up (when the run has one), then the
 * commands the decider accepted, in order.
 * @example
 * import fc from 'fast-check';
 * import { checkEveryPrefix, eventStreamArbitrary } from 'parley/testing';
 *
 * fc.assert(
 *   fc.property(eventStreamArbitrary({ procedures: ['messages', 'disputes'], maxSteps: 60 }), (events) => {
 *     return checkEveryPrefix(events).ok;
 *   }),
 * );
 */
export function eventStreamArbitrary(constraints: EventStreamConstraints = {}): fc.Arbitrary<Recorded[]> {
  // Unbiased: fast-check's usual bias towards small values would favour the first menu entries.
  const step = fc.array(fc.noBias(fc.nat({ max: 0xffff })), { minLength: CHOICES_PER_STEP, maxLength: CHOICES_PER_STEP });
  // The mechanism and game flags shrink towards the simplest setting: a cell, no game.
  return fc
    .record({
      // size 'max': lengths up to maxSteps, not fast-check's small default (short ones still come first).
      steps: fc.array(step, { minLength: constraints.minSteps ?? 0, maxLength: constraints.maxSteps ?? 120, size: 'max' }),
      mechanism: option(constraints.mechanism, fc.boolean().map((off) => !off)),
      // Listed procedures decide whether rounds are played, unless `game` says so itself.
      game: option(constraints.game ?? constraints.procedures?.includes('game'), fc.boolean()),
      end: option(constraints.end, fc.boolean()),
      parties: option(constraints.parties, fc.constantFrom(['alpha', 'bravo'], ['alpha', 'bravo', 'charlie'])),
    })
    .map(({ steps, mechanism, game, end, parties }) => {
      const chooser = new StepChooser();
      const options: StreamOptions = {
        steps: steps.length,
        mechanism,
        game,
        parties,
        ...(constraints.tracks ? { tracks: constraints.tracks } : {}),
        ...(constraints.procedures ? { procedures: constraints.procedures } : {}),
        ...(constraints.start ? { start: constraints.start } : {}),
        ...(constraints.decide ? { decide: constraints.decide } : {}),
      };
      const g = new StreamGenerator(chooser, options);
      // Each attempted command reads its own step: dropping one leaves the others' choices alone.
      for (const s of steps) {
        if (g.broken) break;
        chooser.use(s);
        g.next();
      }
      if (end) g.end();
      return readable([...g.log]);
    });
}

/** The stream with a `fc.toStringMethod`, so that a counterexample prints one event per line. */
function readable(events: Recorded[]): Recorded[] {
  Object.defineProperty(events, fc.toStringMethod, {
    value: () => {
      const width = Math.max(...events.map((e) => e.actor.length));
      return `[${events.length} events:\n${events.map((e) => `  ${formatEvent(e, width)}`).join('\n')}\n]`;
    },
    enumerable: false,
  });
  return events;
}

/**
 * A deterministic chooser (mulberry32) for streams outside fast-check, e.g. benchmarks.
 * @example const events = generateStream(seededChooser(42), { steps: 500 });
 */
export function seededChooser(seed: number): Chooser {
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

/**
 * A stream together with a cut point inside it, for prefix and snapshot properties.
 * @example fc.property(streamWithCutArbitrary(), ({ events, cut }) => { … replay(events, { untilSeq: cut }) … })
 */
export function streamWithCutArbitrary(constraints: EventStreamConstraints = {}): fc.Arbitrary<{ events: Recorded[]; cut: number }> {
  return eventStreamArbitrary(constraints).chain((events) => fc.nat({ max: events.length }).map((cut) => ({ events, cut })));
}
