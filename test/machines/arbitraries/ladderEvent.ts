/** A PRESSURE event of the ladder machine. */
import fc from 'fast-check';
import type { LadderMachineEvent } from '../../../src/machines/ladder.js';

/** A pressure change in [-40, 40], integral or fractional. */
export const pressureDelta: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -40, max: 40 }),
  fc.double({ min: -40, max: 40, noNaN: true, noDefaultInfinity: true }),
);

/** One PRESSURE event. */
export const ladderEvent: fc.Arbitrary<LadderMachineEvent> = pressureDelta.map((delta) => ({
  type: 'PRESSURE',
  delta,
}));
