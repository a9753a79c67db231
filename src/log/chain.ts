/**
 * The hash chain and the rules that tie each line of a log to the one before it.
 *
 * A line is one JSON object, keys in envelope order (seq, at, type, v, actor, data, cause,
 * hash), `data` in canonical JSON (core/canonical.ts). Its `hash` is SHA-256 (hex) over the
 * previous line's hash, a newline, and the canonical JSON of the event without its `hash`
 * (a field beyond the envelope's is refused by validation before any hash); seq 1 chains from
 * {@link GENESIS_HASH}. Editing, dropping or reordering any line therefore changes every hash
 * after it. Besides the hash, a line must follow its predecessor: seq 1-based and gapless,
 * seq 1 is `LogStarted`, `cause` points backwards, time never goes backwards.
 *
 * {@link Chain} holds where a log stands and applies these rules in both directions: the
 * reader checks lines as read ({@link Chain.follow}), the writer seals new ones
 * ({@link Chain.seal}), so a writer can never produce a line a reader refuses.
 */
import * as crypto from 'node:crypto';
import type { Recorded } from '../core/catalogue.js';
import { isLater } from '../core/time.js';
import { canonicalJson, CanonicalJsonError } from '../core/canonical.js';
import type { LogProblemKind } from './errors.js';

/** The "previous hash" of seq 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A 64-character lowercase hex SHA-256 digest. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Where a log ends: the last seq, its hash and time (`at` is absent for an empty log). */
export interface LogPosition {
  readonly seq: number;
  readonly hash: string;
  readonly at?: string | undefined;
}

/** The position of a log with no events yet. */
export const EMPTY_POSITION: LogPosition = { seq: 0, hash: GENESIS_HASH };

/** What is wrong with a line, before the file and line number are known. */
export interface LineProblem {
  readonly kind: LogProblemKind;
  readonly message: string;
  readonly field?: string;
  readonly seq?: number;
}

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

/** The envelope without its data: what the line encoders take besides the canonical data. */
export type EnvelopeHeader = Omit<EnvelopeFields, 'data'>;

// `crypto.hash` (Node ≥ 20.12) is about twice as fast as createHash for short inputs; the
// fallback keeps older Node 20 releases working.
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined =
  typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 (hex) over the previous hash, a newline and the event's canonical body. */
export function chainHash(prevHash: string, body: string): string {
  const input = `${prevHash}\n${body}`;
  return oneShot ? oneShot('sha256', input, 'hex') : crypto.createHash('sha256').update(input).digest('hex');
}

/**
 * The hashed text of an event: the canonical JSON of its envelope without `hash`. The event
 * must be validated (`parseEvent` admits no other field), so the fields are listed here,
 * already in canonical order, rather than copied with a rest spread: measured, the copy
 * made `verify` about a quarter slower.
 * @throws {CanonicalJsonError} when a value has no JSON form.
 */
export function envelopeBody(e: EnvelopeFields): string {
  const { actor, at, cause, data, seq, type, v } = e;
  return canonicalJson(cause === undefined ? { actor, at, data, seq, type, v } : { actor, at, cause, data, seq, type, v });
}

/**
 * One log line, final newline included, given its data's canonical JSON. The envelope must
 * already be validated: `at`, `type` and `actor` (an instant, an event type, an id) need no
 * JSON escaping and are embedded as they are.
 */
export function lineText(e: EnvelopeHeader, dataJson: string, hash: string): string {
  const c = e.cause === undefined ? '' : `,"cause":${e.cause}`;
  return `{"seq":${e.seq},"at":"${e.at}","type":"${e.type}","v":${e.v},"actor":"${e.actor}","data":${dataJson}${c},"hash":"${hash}"}\n`;
}

/** Follows a log line by line, from its start or from a known position. */
export class Chain {
  private seq: number;
  private hash: string;
  private atText: string | undefined;

  constructor(start: LogPosition = EMPTY_POSITION) {
    this.seq = start.seq;
    this.hash = start.hash;
    this.atText = start.at;
  }

  /** Where the log stands after the last accepted event. */
  get position(): LogPosition {
    return { seq: this.seq, hash: this.hash, at: this.atText };
  }

  /** Goes back to (or jumps to) a position: a refused batch is forgotten this way. */
  reset(position: LogPosition): void {
    this.seq = position.seq;
    this.hash = position.hash;
    this.atText = position.at;
  }

  /**
   * Checks an event read from a line (already validated by `parseLine`) against the previous
   * ones and, when it passes, advances.
   * @param hashed the line's JSON value as read, when its hash is to be recomputed and
   *   compared (what `verify` does; a SHA-256 per line). The hash covers what was read, not
   *   a copy that validation may have made.
   */
  follow(event: Recorded, hashed?: EnvelopeFields): LineProblem | undefined {
    const problem = this.ruleProblem(event);
    if (problem) return problem;
    const { seq, hash } = event;
    if (hashed !== undefined) {
      if (hash === undefined) return { kind: 'schema', seq, field: 'hash', message: 'hash: missing (every logged event is chained)' };
      const body = this.body(hashed);
      if (typeof body !== 'string') return body;
      const computed = chainHash(this.hash, body);
      if (computed !== hash) {
        return {
          kind: 'hash-mismatch',
          seq,
          message: `hash ${hash.slice(0, 12)}… does not chain from the previous line and this content (expected ${computed.slice(0, 12)}…): this line or the one before it was edited`,
        };
      }
    }
    this.advance(seq, hash ?? GENESIS_HASH, event.at);
    return undefined;
  }

  /**
   * Seals the next event (its `seq` must be `position.seq + 1`; it must hold the envelope
   * fields only, validated by `parseEvent`, since every field is hashed): returns its line,
   * or the rule it breaks (the chain then stays where it was).
   */
  seal(event: EnvelopeFields): string | LineProblem {
    const problem = this.ruleProblem(event);
    if (problem) return problem;
    let dataJson: string;
    let body: string;
    try {
      dataJson = canonicalJson(event.data, 'data');
      body = envelopeBody(event);
    } catch (e) {
      if (!(e instanceof CanonicalJsonError)) throw e;
      return { kind: 'schema', seq: event.seq, field: e.field, message: e.message };
    }
    const hash = chainHash(this.hash, body);
    this.advance(event.seq, hash, event.at);
    return lineText(event, dataJson, hash);
  }

  /** The cross-line rules: seq, the first event, cause, time order. */
  private ruleProblem(e: Pick<EnvelopeFields, 'seq' | 'at' | 'type' | 'cause'>): LineProblem | undefined {
    const { seq, at, type, cause } = e;
    const expected = this.seq + 1;
    if (seq !== expected) {
      return seq > expected
        ? { kind: 'seq-gap', seq, message: `expected seq ${expected}, found ${seq} (missing or moved lines)` }
        : { kind: 'seq-duplicate', seq, message: `seq ${seq} after seq ${this.seq} (duplicated or reordered line)` };
    }
    if (seq === 1 && type !== 'LogStarted') {
      return { kind: 'first-event', seq, message: `the first event must be LogStarted, not ${type}` };
    }
    if (cause !== undefined && cause >= seq) {
      return { kind: 'schema', seq, field: 'cause', message: `cause: ${cause} is not an earlier event` };
    }
    const previous = this.atText;
    if (previous !== undefined && at !== previous && isLater(previous, at)) {
      return { kind: 'time-backwards', seq, message: `at ${at} is before the previous event's ${previous}` };
    }
    return undefined;
  }

  /** The hashed text of a validated event as read, or why its data has no canonical form. */
  private body(event: EnvelopeFields): string | LineProblem {
    try {
      return envelopeBody(event);
    } catch (e) {
      if (!(e instanceof CanonicalJsonError)) throw e;
      return { kind: 'schema', seq: event.seq, field: e.field, message: e.message };
    }
  }

  private advance(seq: number, hash: string, at: string): void {
    this.seq = seq;
    this.hash = hash;
    this.atText = at;
  }
}
