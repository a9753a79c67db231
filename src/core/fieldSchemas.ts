/**
 * The building blocks of the event catalogue (catalogue.ts): the vocabulary of tracks,
 * message kinds and moves, the schemas of the fields facts are made of (ids, instants,
 * durations, CAMEO codes, Goldstein weights, shares), and how a schema's problems are
 * reported (`Issue`, with the path to the field).
 */
import { z } from 'zod';
import { idProblem } from './ids.js';
import { parseDuration, parseInstant } from './time.js';

/** The four tracks of the joint fusion mechanism. */
export const TRACKS = ['intelligence', 'deescalation', 'diplomatic', 'commercial'] as const;
/** A track of the mechanism (see {@link TRACKS}). */
export type Track = (typeof TRACKS)[number];

/** What a message through the cell can be. */
export const MESSAGE_KINDS = [
  'notification',
  'warning',
  'request',
  'protest',
  'clarification',
  'proposal',
  'information',
] as const;
/** One of {@link MESSAGE_KINDS}. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A party's move in a round of the repeated game. */
export const MOVES = ['restrain', 'strike'] as const;
/** One of {@link MOVES}. */
export type Move = (typeof MOVES)[number];

/**
 * Why a party called off a retaliation it had planned: it was told it blamed the wrong side
 * (`clarified`), or a dispute it raised over the incident ended in a settlement, a ruling or
 * a withdrawal (`resolved`).
 */
export const RETALIATION_CALLED_OFF = ['clarified', 'resolved'] as const;
export type CalledOffReason = (typeof RETALIATION_CALLED_OFF)[number];

/** Field schemas shared by the catalogue's facts. */
// A plain refinement: the message is worked out again only for a bad id.
export const id = z.string().refine((value) => idProblem(value) === undefined, {
  error: (issue) => idProblem(issue.input as string),
});
export const instant = z
  .string()
  .refine((s) => parseInstant(s) !== undefined, 'expected an ISO-8601 UTC instant such as 2026-01-06T00:00:00Z');
export const track = z.enum(TRACKS);
export const text = z.string().max(2000);
export const cameo = z.string().regex(/^\d{2,4}$/, 'expected a CAMEO code (2-4 digits, as a string)');
export const weight = z.number().min(-10).max(10);
export const unit = z.number().min(0).max(1);
export const move = z.enum(MOVES);
export const partyRecord = <T extends z.ZodType>(value: T) => z.record(id, value);
export const duration = z
  .string()
  .refine((d) => parseDuration(d) !== undefined, 'expected an ISO-8601 duration such as PT24H or P7D');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** One problem found while parsing input, with the path to the offending field. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A parsed value, or every problem found with its field path. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Renders a zod issue path (`data.agenda.incidents[2]`). */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** A zod error as issues, each path prefixed with `prefix` (`data`). */
export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path, prefix), message: i.message }));
}
