/** Streams hand out one stream per name, the same one `split` gives. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import { STREAM, Streams } from '../../src/sim/streams.js';

const draws = (r: Rng, n = 5): number[] => Array.from({ length: n }, () => r.float());

describe('Streams', () => {
  it('draws what the split chain of the same name draws', () => {
    const streams = new Streams(Rng.seeded(42));
    expect(draws(streams.get(STREAM.fogObserve, 'israel'))).toEqual(draws(Rng.seeded(42).split('fog').split('observe').split('israel')));
    expect(draws(streams.get(STREAM.supervisor))).toEqual(draws(Rng.seeded(42).split('supervisor')));
    expect(draws(streams.get(STREAM.generator, '3'))).toEqual(draws(Rng.seeded(42).split('generator').split('3')));
  });

  it('keeps one stream per name: later draws continue where earlier ones stopped', () => {
    const streams = new Streams(Rng.seeded(7));
    const reference = Rng.seeded(7).split('delay').split('syria');
    const expected = draws(reference, 6);
    const first = draws(streams.get(STREAM.delay, 'syria'), 3);
    draws(streams.get(STREAM.delay, 'israel'), 3);
    draws(streams.get(STREAM.ack, 'syria'), 3);
    expect([...first, ...draws(streams.get(STREAM.delay, 'syria'), 3)]).toEqual(expected);
    expect(streams.get(STREAM.fogLoss)).toBe(streams.get(STREAM.fogLoss));
  });
});
