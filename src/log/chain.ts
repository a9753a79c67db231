/**
 * The hash chain. Each logged event's `hash` is SHA-256 (hex) over the previous event's hash,
 * a newline, and the canonical JSON of the event without its `hash`; the first event chains
 * from {@link GENESIS_HASH}. Editing, dropping or reordering any line therefore changes
 * every hash after it.
 */
import { canonicalJson } from './canonical.js';
import { bodyText, lineText } from './lineText.js';

export { chainHash, GENESIS_HASH } from './lineText.js';

/** A 64-character lowercase hex SHA-256 digest. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** The envelope fields that are hashed: everything but `hash`. */
export interface EnvelopeFields {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly v: number;
  readonly actor: string;
  readonly data: unknown;
  readonly cause?: number | undefined;
}

/** The envelope fields the fast encoders take besides the already canonical data. */
export type EnvelopeHeader = Omit<EnvelopeFields, 'data'>;

/**
 * Canonical JSON of an envelope without its hash, for any object as read from a line (extra
 * keys included, so that an injected field changes the hash rather than hiding).
 * @throws {CanonicalJsonError} when a value has no JSON form.
 */
export function envelopeBody(envelope: object): string {
  const { hash: _hash, ...rest } = envelope as { hash?: unknown };
  return canonicalJson(rest);
}

/**
 * The same text as {@link envelopeBody} for an envelope whose data is already canonical,
 * without re-sorting the envelope keys: the writer's hot path. The header must already be
 * validated (`at` an instant, `type` an event type, `actor` an id: none needs JSON escaping,
 * so they are embedded as they are, which is measurably cheaper than `JSON.stringify`).
 */
export function envelopeBodyFast(e: EnvelopeHeader, dataJson: string): string {
  return bodyText(e.seq, e.at, e.type, e.v, e.actor, e.cause, dataJson);
}

/**
 * One log line (with its final newline): envelope keys in envelope order, `data` canonical,
 * so the same events always give the same bytes. Same precondition on the header as
 * {@link envelopeBodyFast}.
 */
export function encodeLine(e: EnvelopeHeader, dataJson: string, hash: string): string {
  return lineText(e.seq, e.at, e.type, e.v, e.actor, e.cause, dataJson, hash);
}
