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
  accidentalEscalationsAtLeast: count('At least this many retaliations are carried out against a side that did not do it (a race the cell lost).'),
  consequentialMisunderstandingsCaughtAtLeast: count(
    'At least this many misattributions are cleared while the misled party had a retaliation against the wrongly blamed side planned and not yet carried out.',
  ),
  misunderstandingsCaughtAtLeast: count('At least this many misattributions are cleared before the misled party retaliated (whether or not it meant to).'),
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

const singleChecks = () =>
  Object.fromEntries(Object.entries(expectationSchemas).map(([k, s]) => [k, s.exactOptional()])) as {
    [K in ExpectationKind]: z.ZodExactOptional<(typeof expectationSchemas)[K]>;
  };

/** Adds an issue unless exactly one of `kinds` is present in `item`. */
function oneOf(item: Record<string, unknown>, kinds: readonly string[], ctx: z.RefinementCtx, what: string): void {
  const present = kinds.filter((k) => item[k] !== undefined);
  if (present.length === 0) ctx.addIssue({ code: 'custom', message: `${what} needs one check: ${kinds.join(', ')}` });
  for (const extra of present.slice(1)) {
    ctx.addIssue({
      code: 'custom',
      path: [extra],
      message: `one check per list item: "${present[0]}" and "${extra}" are both here; split them`,
    });
  }
}

const share = (what: string) =>
  z.number().min(0).max(1).exactOptional().describe(`The share of seeds for which the check holds is ${what} this (0-1).`);

/**
 * A probability over seeds: the share of runs (of one grid cell of `parley sweep`) for which
 * a single-run check holds, bounded below and/or above. `parley run` does not check it.
 * @example { probability: { ladderPeakAtMost: crisis, atLeast: 0.7 } }
 */
export const probabilitySchema = z
  .strictObject({ ...singleChecks(), atLeast: share('at least'), atMost: share('at most') })
  .superRefine((item, ctx) => {
    oneOf(item, EXPECTATION_KINDS, ctx, 'a probability');
    if (item.atLeast === undefined && item.atMost === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give atLeast, atMost or both (shares between 0 and 1)' });
    } else if (item.atLeast !== undefined && item.atMost !== undefined && item.atLeast > item.atMost) {
      ctx.addIssue({ code: 'custom', path: ['atMost'], message: `atMost (${item.atMost}) is below atLeast (${item.atLeast})` });
    }
  }, { when: isObjectPayload })
  .describe(
    'Checked by parley sweep over its seeds: one single-run check (e.g. ladderPeakAtMost: crisis) and atLeast and/or atMost, the bounds on the share of runs in which it holds.',
  );

/** A validated probability expectation: one single-run check and its bounds. */
export type ProbabilityCheck = Expectation & { readonly atLeast?: number; readonly atMost?: number };

/** Every key an expectation item may have: the single-run checks and `probability`. */
const ITEM_KINDS = [...EXPECTATION_KINDS, 'probability'];

/** One expectation item validated as a strict object with the one-key rule. */
export const expectationSchema = z
  .strictObject({ ...singleChecks(), probability: probabilitySchema.exactOptional() })
  .superRefine((item, ctx) => oneOf(item, ITEM_KINDS, ctx, 'each expectation'), { when: isObjectPayload })
  .meta({ minProperties: 1, maxProperties: 1 })
  .describe('One check: on the outcome of a run (exactly one key), or a probability over the seeds of a sweep.');

/** An item of `expect:`: a single-run check or a probability over seeds. */
export type ExpectItem = Expectation | { readonly probability: ProbabilityCheck };

/** The probability expectations among `items`, in order. */
export function probabilityChecks(items: readonly ExpectItem[]): ProbabilityCheck[] {
  return items.flatMap((e) => ('probability' in e && e.probability !== undefined ? [e.probability as ProbabilityCheck] : []));
}

/** The single-run check of a probability expectation, without its bounds. */
export function innerCheck(p: ProbabilityCheck): Expectation {
  const { atLeast: _l, atMost: _m, ...check } = p;
  return check as Expectation;
}

/** Tags a validated expectation with its kind. */
export function tagExpectation(item: Expectation): TaggedExpectation {
  for (const kind of EXPECTATION_KINDS) {
    const value = (item as Partial<Values>)[kind];
    if (value !== undefined) return { kind, value } as TaggedExpectation;
  }
  throw new Error('[scenario] expectation without a check: validate it with scenarioSchema first');
}
