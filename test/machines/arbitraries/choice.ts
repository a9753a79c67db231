/** Steering choices for state-aware event sequences (see `steer` in ../differential.ts). */
import fc from 'fast-check';

/** One step's choice: mostly "an event the oracle accepts here", `index` picks which. */
export interface Choice {
  /** Pick among the events xstate accepts in the current state (when there are any). */
  readonly accepted: boolean;
  readonly index: number;
}

/** A choice that prefers accepted events 9 times out of 10. */
export const choice: fc.Arbitrary<Choice> = fc
  .record({ bias: fc.nat(9), index: fc.nat(1000) })
  .map(({ bias, index }) => ({ accepted: bias > 0, index }));

/** Up to `maxLength` choices (lengths spread over the whole range, not fast-check's small default). */
export const choices = (maxLength: number): fc.Arbitrary<readonly Choice[]> =>
  fc.array(choice, { maxLength, size: 'max' });
