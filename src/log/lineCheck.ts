/**
 * Turning one line of text into a recorded event, or saying precisely why not. Problems are
 * returned as values (not thrown) so the reader can attach the file and line number.
 */
import { acceptEvent, EVENT_VERSIONS, parseEventWithZod, type Recorded } from '../core/catalogue.js';
import { idProblem } from '../core/ids.js';
import { instantMs } from './instant.js';
import { simpleMatcher } from '../core/validation/pattern.js';
import { HASH_PATTERN } from './chain.js';
import type { LogProblemKind } from './errors.js';

/** How much of each event to validate: everything, or only the envelope (not `data`). */
export type Validation = 'full' | 'envelope';

/** What is wrong with a line, before the file and line number are known. */
export interface LineProblem {
  readonly kind: LogProblemKind;
  readonly message: string;
  readonly field?: string;
  readonly seq?: number;
}

/** The parsed line: the JSON value as read (what the hash covers) and the validated event. */
export interface ParsedLine {
  readonly raw: Record<string, unknown>;
  readonly event: Recorded;
}

/** Parses and validates one log line. */
export function parseLine(text: string, validation: Validation): ParsedLine | LineProblem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { kind: 'json', message: jsonProblem(text, e) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'json', message: 'expected a JSON object (one event per line)' };
  }
  const record = raw as Record<string, unknown>;
  const seq = typeof record.seq === 'number' ? record.seq : undefined;
  // The first event is parsed in full whatever the mode: one line per log, and it may be an
  // older version of LogStarted to upcast (see catalogue.ts).
  if (validation === 'envelope' && record.type !== 'LogStarted') {
    const problem = envelopeProblem(record);
    return problem ? withSeq({ kind: 'schema', message: `${problem[0]}: ${problem[1]}`, field: problem[0] }, seq) : { raw: record, event: raw as Recorded };
  }
  const accepted = acceptEvent(record);
  if (accepted !== undefined) return { raw: record, event: accepted };
  // What parseEvent does once its fast path has declined: the issues worded, or an upcast.
  const parsed = parseEventWithZod(raw);
  if (parsed.ok) return { raw: record, event: parsed.value };
  const [first, ...more] = parsed.issues;
  const field = first?.path ?? '(root)';
  const extra = more.length ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : '';
  return withSeq({ kind: 'schema', message: `${field}: ${first?.message ?? 'invalid'}${extra}`, field }, seq);
}

/** True when `parseLine` failed. */
export function isProblem(result: ParsedLine | LineProblem): result is LineProblem {
  return 'kind' in result;
}

function withSeq(problem: LineProblem, seq: number | undefined): LineProblem {
  return seq !== undefined && Number.isSafeInteger(seq) && seq > 0 ? { ...problem, seq } : problem;
}

function jsonProblem(text: string, e: unknown): string {
  if (text.trim() === '') return 'empty line (expected one JSON event per line)';
  if (text.charCodeAt(0) === 0xfeff) return 'line starts with a byte order mark; logs are UTF-8 without BOM';
  return `not JSON: ${e instanceof Error ? e.message : String(e)}`;
}

// A char-table loop: several times faster than the regular expression on 64 characters.
const isHash = simpleMatcher(HASH_PATTERN) ?? ((s: string): boolean => HASH_PATTERN.test(s));

const ENVELOPE_KEYS = new Set(['seq', 'at', 'type', 'v', 'actor', 'data', 'cause', 'hash']);

/**
 * The envelope checks of `parseEvent` without the data schema, by hand because this is the
 * fast mode: `[field, problem]` or undefined.
 */
export function envelopeProblem(e: Record<string, unknown>): [string, string] | undefined {
  for (const key of Object.keys(e)) {
    if (!ENVELOPE_KEYS.has(key)) return [key, 'unknown envelope field'];
  }
  const { seq, at, type, v, actor, data, cause, hash } = e;
  if (!isPositiveInt(seq)) return ['seq', 'expected a positive integer'];
  if (typeof at !== 'string' || instantMs(at) === undefined) {
    return ['at', 'expected an ISO-8601 UTC instant such as 2026-01-06T00:00:00Z'];
  }
  if (typeof type !== 'string') return ['type', 'expected a string'];
  if (!Object.prototype.hasOwnProperty.call(EVENT_VERSIONS, type)) return ['type', `unknown event type "${type}"`];
  const version = EVENT_VERSIONS[type as keyof typeof EVENT_VERSIONS];
  if (v !== version) return ['v', `${type} has schema version ${version}, not ${JSON.stringify(v)}`];
  if (typeof actor !== 'string') return ['actor', 'expected a string'];
  const bad = idProblem(actor);
  if (bad) return ['actor', bad];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['data', 'expected an object'];
  if (cause !== undefined && !isPositiveInt(cause)) return ['cause', 'expected a positive integer'];
  if (hash !== undefined && (typeof hash !== 'string' || !isHash(hash))) {
    return ['hash', 'expected 64 lowercase hex digits'];
  }
  return undefined;
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}
