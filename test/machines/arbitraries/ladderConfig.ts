/** Ladder configurations: 2..7 levels with increasing thresholds starting at 0. */
import fc from 'fast-check';
import type { LadderConfig } from '../../../src/core/catalogue.js';

const NAMES = ['calm', 'tension', 'crisis', 'armedIncident', 'conflict', 'war', 'thaw', 'standoff'];

/** A valid LadderConfig; `max` may sit below the top thresholds (levels nobody can reach). */
export const ladderConfig: fc.Arbitrary<LadderConfig> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 7 })
  .chain((levels) =>
    fc.record({
      levels: fc.constant(levels),
      steps: fc.array(fc.oneof(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.5, max: 30, noNaN: true })), {
        minLength: levels.length - 1,
        maxLength: levels.length - 1,
      }),
      headroom: fc.integer({ min: -10, max: 40 }),
      reliefs: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)),
    }),
  )
  .map(({ levels, steps, headroom, reliefs }) => {
    const thresholds = steps.reduce<number[]>((acc, s) => [...acc, (acc[acc.length - 1] as number) + s], [0]);
    const top = thresholds[thresholds.length - 1] as number;
    return {
      levels,
      thresholds,
      max: Math.max(1, top + headroom),
      reliefOnSettlement: reliefs[0],
      reliefOnRuling: reliefs[1],
      escalationPenalty: reliefs[2],
      cooling: 'none' as const,
    };
  });
