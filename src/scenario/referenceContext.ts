/**
 * Shared pieces of the cross-reference checks: the context gathered once from the scenario
 * and the small checks every section uses. Inputs are read defensively (see references.ts).
 */
import { TRACKS } from '../core/catalogue.js';
import { formatInstant, parseDuration, parseInstant } from '../core/time.js';
import { goldsteinWeight } from './cameo.js';
import {
  BUILTIN_DEESCALATION_KINDS,
  BUILTIN_INCIDENT_KINDS,
  deescalationKind,
  incidentKind,
  type DeclaredKind,
} from './kinds.js';
import { didYouMean, listOf, quote } from './suggest.js';

/** A path into the scenario and a message. */
export type Report = (path: ReadonlyArray<string | number>, message: string) => void;

/** Actor ids the simulator itself uses in the log; no party or supervisor may take them. */
export const RESERVED_ACTORS: Readonly<Record<string, string>> = Object.freeze({
  sim: 'the simulator clock',
  world: 'exogenous incidents',
  cell: 'the communication cell',
});

/** A mapping of unknown validity. */
export type Loose = Readonly<Record<string, unknown>>;
/** Whether `v` is a mapping (not null, not a list). */
export const isRecord = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** `v` if it is a string. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** `v` if it is a list, else an empty one. */
export const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
/** `v[key]` if `v` is a mapping (keys passed here are fixed field names, never user input). */
export const field = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined);

/** What the checks need to know about the scenario, gathered once. */
export interface Context {
  readonly report: Report;
  /** Declared party ids, or undefined when `parties` is unusable (then party refs are not checked). */
  readonly parties: readonly string[] | undefined;
  readonly supervisor: string | undefined;
  readonly tracks: ReadonlySet<string> | undefined;
  readonly window: { readonly start: number; readonly end: number } | undefined;
  readonly kinds: Readonly<Record<string, DeclaredKind>>;
  readonly weights: Readonly<Record<string, number>> | undefined;
}

/** Checks that `value` names a declared party (or, when allowed, the supervisor). */
export function checkActor(
  cx: Context,
  path: ReadonlyArray<string | number>,
  value: unknown,
  supervisorAllowed: boolean,
): void {
  const who = str(value);
  if (who === undefined || cx.parties === undefined || cx.parties.includes(who)) return;
  if (who === cx.supervisor) {
    if (!supervisorAllowed) {
      cx.report(path, `${quote(who)} is the supervisor; this must be a party (${listOf(cx.parties)})`);
    }
    return;
  }
  const known = [...new Set(supervisorAllowed && cx.supervisor ? [...cx.parties, cx.supervisor] : cx.parties)];
  cx.report(path, `unknown party ${quote(who)}${didYouMean(who, known)} (declared: ${listOf(known)})`);
}

/** Checks that `by` and `against` differ. */
export function checkPair(cx: Context, path: ReadonlyArray<string | number>, item: unknown): void {
  const by = str(field(item, 'by'));
  if (by !== undefined && by === str(field(item, 'against'))) {
    cx.report([...path, 'against'], `${quote(by)} cannot act against itself: by and against must differ`);
  }
}

/** Checks that an instant lies in [start, start + horizon]. */
export function checkInWindow(cx: Context, path: ReadonlyArray<string | number>, value: unknown): void {
  const ms = parseInstant(str(value) ?? '');
  if (ms === undefined || cx.window === undefined) return;
  if (ms < cx.window.start || ms > cx.window.end) {
    const { start, end } = cx.window;
    const window = `[${formatInstant(start)}, ${formatInstant(end)}]`;
    cx.report(path, `${String(value)} is outside the simulated window ${window}`);
  }
}

/** Checks that an explicit CAMEO code has a weight when no explicit weight is given. */
export function checkCameo(cx: Context, path: ReadonlyArray<string | number>, item: unknown): void {
  const code = str(field(item, 'cameo'));
  if (code === undefined || field(item, 'weight') !== undefined) return;
  if (goldsteinWeight(code, cx.weights) === undefined) {
    cx.report(
      [...path, 'cameo'],
      `CAMEO code ${quote(code)} has no Goldstein weight (not in the built-in table or weights): add a weight`,
    );
  }
}

/** Checks that an incident kind exists (built-in or declared). */
export function checkIncidentKind(cx: Context, path: ReadonlyArray<string | number>, value: unknown): void {
  const kind = str(value);
  if (kind === undefined || incidentKind(kind, cx.kinds)) return;
  const known = [...Object.keys(BUILTIN_INCIDENT_KINDS), ...Object.keys(cx.kinds)];
  const hint = `${didYouMean(kind, known)} (known: ${listOf(known, 20)}; declare new ones in incidentKinds)`;
  cx.report(path, `unknown incident kind ${quote(kind)}${hint}`);
}

/** Checks that a de-escalation step kind exists (built-in or declared). */
export function checkDeescalationKind(cx: Context, path: ReadonlyArray<string | number>, value: unknown): void {
  const kind = str(value);
  if (kind === undefined || deescalationKind(kind, cx.kinds)) return;
  const known = [...Object.keys(BUILTIN_DEESCALATION_KINDS), ...Object.keys(cx.kinds)];
  const hint = `${didYouMean(kind, known)} (known: ${listOf(known, 20)}; declare new ones in incidentKinds)`;
  cx.report(path, `unknown de-escalation kind ${quote(kind)}${hint}`);
}

/** Checks that a track is one of the mechanism's tracks. */
export function checkTrack(cx: Context, path: ReadonlyArray<string | number>, value: unknown): void {
  const track = str(value);
  if (track === undefined || cx.tracks === undefined || cx.tracks.has(track)) return;
  cx.report(path, `track ${quote(track)} is not among mechanism.tracks (${[...cx.tracks].join(', ')})`);
}

function validTracks(tracks: unknown): ReadonlySet<string> | undefined {
  if (!Array.isArray(tracks) || tracks.length === 0) return undefined;
  const known: readonly unknown[] = TRACKS;
  return tracks.every((t) => known.includes(t)) ? new Set(tracks as string[]) : undefined;
}

/** Gathers what the checks need from a (possibly partially valid) scenario. */
export function buildContext(s: Loose, report: Report): Context {
  const start = parseInstant(str(s.start) ?? '');
  const horizon = parseDuration(str(s.horizon) ?? '');
  const tracks = field(s.mechanism, 'tracks');
  return {
    report,
    parties: isRecord(s.parties) ? Object.keys(s.parties) : undefined,
    supervisor: str(field(s.supervisor, 'id')),
    // An invalid track list has been reported already; checking against it would only add noise.
    tracks: validTracks(tracks),
    window: start !== undefined && horizon !== undefined ? { start, end: start + horizon } : undefined,
    kinds: isRecord(s.incidentKinds) ? (s.incidentKinds as Record<string, DeclaredKind>) : {},
    weights: isRecord(s.weights) ? (s.weights as Record<string, number>) : undefined,
  };
}

