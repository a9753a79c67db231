/**
 * The scenario file format, as one zod schema: the single source of the TypeScript types
 * (`Scenario`, `ScenarioInput`), of runtime validation and of the JSON Schema editors use.
 *
 * Parsing applies every default, checks cross-references (see references.ts) and returns
 * the timeline sorted by `at` (stably: entries at the same instant keep their file order),
 * so a timeline may be written in any order.
 */
import { z } from 'zod';
import { partiesSchema, supervisorSchema } from './actors.js';
import { expectationSchema, type ExpectItem } from './expect.js';
import { cameoSchema, duration, instant, integer, isObjectPayload, name, text } from './fields.js';
import { fogSchema, gameSchema, ladderSchema, mechanismSchema } from './mechanism.js';
import { checkReferences } from './references.js';
import {
  generatorSchema,
  incidentKindsSchema,
  timelineEntrySchema,
  type TimelineEntry,
} from './timeline.js';
import { runOrder } from './timelineReferences.js';

/** The scenario format version this code reads. */
export const FORMAT_VERSION = 1;

const formatVersion = z
  .literal(FORMAT_VERSION, {
    error: (iss) =>
      iss.input === undefined
        ? `missing "parley: ${FORMAT_VERSION}": a scenario declares its format version on its first line`
        : `unsupported format version ${JSON.stringify(iss.input)}: this Parley reads "parley: ${FORMAT_VERSION}"`,
  })
  .describe('Scenario format version: always 1.');

/** The scenario object as written, before sorting and typing of the union-like lists. */
export const scenarioObjectSchema = z
  .strictObject({
    parley: formatVersion,
    name: name('Scenario name, recorded in every log it produces.'),
    description: text('What the scenario shows.', 10_000).exactOptional(),
    start: instant('Simulated start instant (UTC), e.g. 2026-01-06T00:00:00Z.'),
    horizon: duration('Simulated duration after start, e.g. P180D.', { positive: true }),
    seed: integer(
      'Random seed (unsigned 32-bit); the same scenario and seed give the same log.',
      0,
      0xffffffff,
    ).default(1),
    parties: partiesSchema,
    supervisor: supervisorSchema,
    mechanism: mechanismSchema.prefault({}),
    fog: fogSchema.prefault({}),
    ladder: ladderSchema.prefault({}),
    weights: z
      .record(cameoSchema.describe('A CAMEO code, quoted.'), z.number().min(-10).max(10).describe('Goldstein weight.'))
      .exactOptional()
      .describe(
        'Goldstein weight overrides by CAMEO code (quoted, e.g. "195": -9). Sub-codes fall back to their parent code.',
      ),
    incidentKinds: incidentKindsSchema.exactOptional(),
    generators: z
      .array(generatorSchema)
      .default(() => [])
      .describe('Random incident sources.'),
    timeline: z
      .array(timelineEntrySchema)
      .default(() => [])
      .describe('Scripted events. Any order: entries are sorted by `at`, ties keeping file order.'),
    game: gameSchema.exactOptional(),
    expect: z
      .array(expectationSchema)
      .default(() => [])
      .describe('Checks on the outcome; a run whose expectation fails exits with code 1. Probabilities over seeds are checked by parley sweep.'),
  })
  .superRefine(
    (scenario, ctx) =>
      checkReferences(scenario, (path, message) => ctx.addIssue({ code: 'custom', path: [...path], message })),
    { when: isObjectPayload },
  )
  .meta({
    $id: 'urn:parley:schema:scenario:1',
    title: 'Parley scenario',
    description:
      'A Parley scenario: parties, a supervised communication cell, what happens, and what to expect.',
  });

type Written = z.output<typeof scenarioObjectSchema>;

/** A validated scenario: defaults applied, timeline in run order. */
export type Scenario = Omit<Written, 'timeline' | 'expect'> & {
  timeline: TimelineEntry[];
  expect: ExpectItem[];
};

/** A scenario as it may be written (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioObjectSchema>;

/** Validates a scenario object and returns it with defaults applied and the timeline sorted. */
export const scenarioSchema = scenarioObjectSchema.transform(
  (s): Scenario => ({
    ...s,
    timeline: runOrder(s.timeline).map((i) => s.timeline[i]) as TimelineEntry[],
    expect: s.expect as ExpectItem[],
  }),
);
