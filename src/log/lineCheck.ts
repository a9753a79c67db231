/**
 * Turning one line of text into a recorded event, or saying precisely why not: the JSON is
 * parsed and the event validated by the catalogue's `parseEvent` (the zod schemas), the one
 * validation every reader and writer of a log uses. Problems are returned as values (not
 * thrown) so the reader can attach the file and line number.
 */
import { parseEvent, type Issue, type Recorded } from '../core/catalogue.js';
import type { EnvelopeFields, LineProblem } from './chain.js';

/** The parsed line: the JSON value as read (what the hash covers) and the validated event. */
export interface ParsedLine {
  readonly raw: EnvelopeFields;
  readonly event: Recorded;
}

/** Parses and validates one log line. */
export function parseLine(text: string): ParsedLine | LineProblem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { kind: 'json', message: jsonProblem(text, e) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'json', message: 'expected a JSON object (one event per line)' };
  }
  const parsed = parseEvent(raw);
  if (parsed.ok) return { raw: raw as EnvelopeFields, event: parsed.value };
  return schemaProblem(parsed.issues, (raw as { seq?: unknown }).seq);
}

/** True when `parseLine` failed. */
export function isProblem(result: ParsedLine | LineProblem): result is LineProblem {
  return 'kind' in result;
}

/**
 * The first of `parseEvent`'s issues as a line problem (`data.messageId: …`), with a count of
 * the others; `seq` is kept when the line has a usable one, so reports can name it.
 */
export function schemaProblem(issues: readonly Issue[], seq: unknown): LineProblem {
  const [first, ...more] = issues;
  const field = first?.path ?? '(root)';
  const extra = more.length ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : '';
  const problem: LineProblem = { kind: 'schema', message: `${field}: ${first?.message ?? 'invalid'}${extra}`, field };
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? { ...problem, seq } : problem;
}

function jsonProblem(text: string, e: unknown): string {
  if (text.trim() === '') return 'empty line (expected one JSON event per line)';
  if (text.charCodeAt(0) === 0xfeff) return 'line starts with a byte order mark; logs are UTF-8 without BOM';
  return `not JSON: ${e instanceof Error ? e.message : String(e)}`;
}
