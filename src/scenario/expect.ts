/**
 * Expectations: checks on a run's outcome (`parley run` fails with exit code 1 when one does
 * not hold). Each list item has exactly one key, naming the check; like timeline entries it
 * is validated as one strict object and typed as a union.
 */
import { z } from 'zod';
import { count, id, isObjectPayload } from './fields.js';

const range = (what: string) => ({
  min: z.number().exactOptional().describe(`Lowest acceptable ${what}.`),
  max: z.number().exactOptional().describe(`Highest acceptable ${what}.`),
});

const someBound = (value: { min?: number | undefined; max?: number | undefined }, ctx: z.RefinementCtx) => {
  if (value.min === undefined && value.max === undefined) {
    ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
  } else if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${value.max}) is below min (${value.min})` });
  }
};

/** The shape of each kind of expectation. */
export const expectationSchemas = {
  ladderPeakAtMost: id('The ladder never goes above this level.'),
  ladderPeakAtLeast: id('The ladder reaches at least this level.'),
  disputesRaisedAtLeast: count('At least this many disputes are raised.'),
  disputesSettledAtLeast: count('At least this many disputes end in a settlement.'),
  disputesResolvedAtLeast: count('At least this many disputes are resolved (settled or ruled).'),
  disputesEscalatedAtMost: count('At most this many disputes escalate.'),
  accidentalEscalationsAtMost: count('At most this many escalations follow a misattributed or accidental incident.'),
  misunderstandingsCaughtAtLeast: count('At least this many misattributions or accidents are clarified by the cell.'),
  incidentsAtLeast: count('At least this many incidents occur.'),
  incidentsAtMost: count('At most this many incidents occur.'),
  cellSuspended: z.boolean().describe('Whether the cell is suspended at some point.'),
  mutualRestraintRate: z
    .strictObject(range('share of rounds in which every party restrained (0-1)'))
    .superRefine(someBound)
    .describe('Share of game rounds with mutual restraint (needs a game block).'),
  meanPayoff: z
    .strictObject({ party: id('Party whose mean payoff per round is checked.'), ...range('mean payoff per round') })
    .superRefine(someBound)
    .describe("A party's mean payoff per round (needs a game block)."),
} as const;

/** The name of an expectation (its only key). */
export type ExpectationKind = keyof typeof expectationSchemas;

/** Every expectation name. */
export const EXPECTATION_KINDS = Object.keys(expectationSchemas) as ExpectationKind[];

type Values = { [K in ExpectationKind]: z.output<(typeof expectationSchemas)[K]> };

/** One validated expectation: exactly one key. */
export type Expectation = { [K in ExpectationKind]: { [P in K]: Values[K] } }[ExpectationKind];

/** An expectation in tagged form, convenient for exhaustive switches. */
export type TaggedExpectation = { [K in ExpectationKind]: { kind: K; value: Values[K] } }[ExpectationKind];

/** One expectation item validated as a strict object with the one-key rule. */
export const expectationSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(expectationSchemas).map(([k, s]) => [k, s.exactOptional()])) as {
      [K in ExpectationKind]: z.ZodExactOptional<(typeof expectationSchemas)[K]>;
    },
  )
  .superRefine((item, ctx) => {
    const present = EXPECTATION_KINDS.filter((k) => item[k] !== undefined);
    if (present.length === 0) {
      ctx.addIssue({ code: 'custom', message: `each expectation needs one check: ${EXPECTATION_KINDS.join(', ')}` });
    }
    for (const extra of present.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: [extra],
        message: `one check per list item: "${present[0]}" and "${extra}" are both here; split them`,
      });
    }
  }, { when: isObjectPayload })
  .meta({ minProperties: 1, maxProperties: 1 })
  .describe('One check on the outcome of a run: exactly one key.');

/** Tags a validated expectation with its kind. */
export function tagExpectation(item: Expectation): TaggedExpectation {
  for (const kind of EXPECTATION_KINDS) {
    const value = (item as Partial<Values>)[kind];
    if (value !== undefined) return { kind, value } as TaggedExpectation;
  }
  throw new TypeError('[scenario] expectation without a check: validate it with scenarioSchema first');
}
