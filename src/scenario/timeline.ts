/**
 * What happens: scripted timeline entries, random incident generators and the incident-kind
 * vocabulary. A timeline entry is one object with `at` and exactly one event key; it is
 * validated as a single strict object (so a typo such as `incidnt` gets a did-you-mean and a
 * wrong field gets its exact path) and typed as a union of the eight entry shapes.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, TRACKS } from '../core/catalogue.js';
import { cameo, duration, id, instant, text, unit, weight, isObjectPayload } from './fields.js';

const severity = unit('Severity (0-1); defaults to the kind’s severity.');

const incident = z
  .strictObject({
    id: id('Incident id, unique in the timeline; disputes and messages refer to it.'),
    kind: id('Incident kind: a built-in (incursion, airstrike, …) or one declared in incidentKinds.'),
    by: id('Party that carried it out, or world for an unidentified actor (an armed group, smugglers …).'),
    against: id('Party it was directed against.'),
    warn: duration('Advance warning through the cell this long before it happens (deconfliction), e.g. PT6H.', {
      positive: true,
    }).exactOptional(),
    blamed: id('Who the victim blames (scripted fog: a party or world). Default: drawn from fog.misattribution.').exactOptional(),
    where: text('Location, e.g. buffer zone.', 200).exactOptional(),
    description: text('What happened.').exactOptional(),
    severity: severity.exactOptional(),
    cameo: cameo('CAMEO code overriding the kind’s code.').exactOptional(),
    weight: weight('Goldstein weight overriding the code’s weight.').exactOptional(),
  })
  .describe('An incident happens.');

const message = z
  .strictObject({
    id: id('Message id, unique in the timeline.'),
    from: id('Sender: a party id or the supervisor id.'),
    to: id('Recipient: a party id or the supervisor id.'),
    track: z.enum(TRACKS).describe('Track the message travels on (one of mechanism.tracks).'),
    kind: z.enum(MESSAGE_KINDS).describe('What kind of message it is.'),
    subject: text('Subject line.', 200).exactOptional(),
    incident: id('Id of an earlier incident the message is about.').exactOptional(),
    cameo: cameo('CAMEO code of the message, e.g. "114" for an official complaint.').exactOptional(),
  })
  .describe('A message is sent through the cell.');

const dispute = z
  .strictObject({
    id: id('Dispute id, unique in the timeline; withdraw refers to it.'),
    by: id('Party raising the dispute.'),
    against: id('Party the dispute is raised against.'),
    over: id('Id of an earlier incident the dispute is about.').exactOptional(),
    track: z.enum(TRACKS).default('deescalation').describe('Track of the dispute (one of mechanism.tracks).'),
    claim: text('What the raising party claims.').exactOptional(),
  })
  .describe('A party raises a dispute.');

const deescalation = z
  .strictObject({
    id: id('Step id, unique in the timeline.'),
    by: id('Party taking the step.'),
    kind: id(
      'Step kind: a built-in (deescalation, ceasefire, apology, agreement, negotiation, consultation) ' +
        'or one declared in incidentKinds.',
    ),
    cameo: cameo('CAMEO code overriding the kind’s code.').exactOptional(),
    weight: weight('Goldstein weight overriding the code’s weight.').exactOptional(),
    description: text('What was done.').exactOptional(),
  })
  .describe('A party takes a de-escalation step.');

const by = id('A party id or the supervisor id.');

/** The shape of each kind of timeline event. */
export const timelineEventSchemas = {
  incident,
  message,
  dispute,
  deescalation,
  suspend: z
    .strictObject({ by, reason: text('Why the cell is suspended.') })
    .describe('A party or the supervisor suspends the cell.'),
  resume: z
    .strictObject({ by, reason: text('Why the cell resumes.').exactOptional() })
    .describe('A party or the supervisor resumes a suspended cell.'),
  meeting: z
    .strictObject({ by, reason: text('Why an extraordinary meeting is needed.') })
    .describe('A party or the supervisor requests an extraordinary meeting.'),
  withdraw: z
    .strictObject({
      dispute: id('Id of an earlier dispute.'),
      by: id('Party withdrawing the dispute.'),
    })
    .describe('A party withdraws a dispute.'),
} as const;

/** The event keys a timeline entry may carry (exactly one of them). */
export const TIMELINE_KINDS = Object.keys(timelineEventSchemas) as TimelineKind[];
/** The name of a timeline event (the entry's key besides `at`). */
export type TimelineKind = keyof typeof timelineEventSchemas;

/** The validated payload of each kind of timeline event. */
export type TimelineEvents = { [K in TimelineKind]: z.output<(typeof timelineEventSchemas)[K]> };

/** A timeline entry: `at` plus exactly one event. */
export type TimelineEntry = { at: string } & {
  [K in TimelineKind]: { [P in K]: TimelineEvents[K] };
}[TimelineKind];

/** One timeline entry validated as a strict object; the one-event rule is checked here. */
export const timelineEntrySchema = z
  .strictObject({
    at: instant('When it happens (UTC, within [start, start + horizon]).'),
    ...Object.fromEntries(Object.entries(timelineEventSchemas).map(([k, s]) => [k, s.exactOptional()])),
  } as { at: z.ZodString } & { [K in TimelineKind]: z.ZodExactOptional<(typeof timelineEventSchemas)[K]> })
  .superRefine((entry, ctx) => {
    const present = TIMELINE_KINDS.filter((k) => entry[k] !== undefined);
    if (present.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `each timeline entry needs one event: ${TIMELINE_KINDS.join(', ')}`,
      });
    }
    for (const extra of present.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: [extra],
        message: `one event per timeline entry: "${present[0]}" and "${extra}" are both here; split them`,
      });
    }
  }, { when: isObjectPayload })
  .meta({ minProperties: 2, maxProperties: 2 })
  .describe(`One scripted event: \`at\` plus exactly one of ${Object.keys(timelineEventSchemas).join(', ')}.`);

/** A timeline entry in tagged form, convenient for exhaustive switches. */
export type TaggedTimelineEntry = {
  [K in TimelineKind]: { kind: K; at: string; event: TimelineEvents[K] };
}[TimelineKind];

/** Tags a validated timeline entry with the kind of its event. */
export function tagTimelineEntry(entry: TimelineEntry): TaggedTimelineEntry {
  for (const kind of TIMELINE_KINDS) {
    const event = (entry as Partial<TimelineEvents>)[kind];
    if (event !== undefined) return { kind, at: entry.at, event } as TaggedTimelineEntry;
  }
  throw new Error('[scenario] timeline entry without an event: validate it with scenarioSchema first');
}

/** A scenario's own incident or de-escalation kind. */
export const incidentKindsSchema = z
  .record(
    id('Kind name, used as `kind` in incidents, generators and de-escalation steps.'),
    z
      .strictObject({
        cameo: cameo('CAMEO code of this kind.'),
        weight: weight('Goldstein weight; defaults to the weight of the CAMEO code.').exactOptional(),
        severity: unit('Default severity (0-1); defaults to the built-in kind’s, else 0.5.').exactOptional(),
        label: text('Human-readable label.', 200).exactOptional(),
      })
      .describe('A kind of incident or de-escalation step.'),
  )
  .describe('Incident and de-escalation kinds: adds to the built-ins, or overrides one of the same name.');

/** A random incident source. */
export const generatorSchema = z
  .strictObject({
    incident: id('Incident kind to generate.'),
    by: id('Party carrying out the incidents, or world for unidentified actors.'),
    against: id('Party the incidents are directed against.'),
    every: duration('Mean interval between incidents (a Poisson process).', { positive: true }),
    cameo: cameo('CAMEO code overriding the kind’s code.').exactOptional(),
    weight: weight('Goldstein weight overriding the code’s weight.').exactOptional(),
    severity: unit('Severity (0-1) overriding the kind’s severity.').exactOptional(),
    where: text('Location of the generated incidents.', 200).exactOptional(),
    warn: duration('Each incident is announced through the cell this long before it happens, e.g. PT6H.', {
      positive: true,
    }).exactOptional(),
    from: instant('Generate no incident before this instant (default: start).').exactOptional(),
    until: instant('Generate no incident after this instant (default: the end of the horizon).').exactOptional(),
  })
  .describe('Random incidents of one kind between two parties, at Poisson-distributed times.');
