/**
 * Turns facts into log lines: assigns the next seq, chains the hash, and refuses any fact
 * that would make the log fail verification (unknown type, time going backwards, a first
 * event that is not `LogStarted`…), so a writer can never produce a log `verifyLog` rejects
 * for envelope reasons. Data schemas are not re-checked here: `decide` already did, and this
 * runs once per event on the simulator's hot path.
 */
import { EVENT_VERSIONS, type Fact } from '../core/catalogue.js';
import { isId } from '../core/ids.js';
import { canonicalJson } from './canonical.js';
import { instantMs } from './instant.js';
import { chainHash, encodeLine, envelopeBodyFast, GENESIS_HASH } from './chain.js';
import { CanonicalJsonError, FactError } from './errors.js';

/** Where a log ends: the last seq, its hash and time (`at` is absent for an empty log). */
export interface LogPosition {
  readonly seq: number;
  readonly hash: string;
  readonly at?: string | undefined;
}

/** The position of a log with no events yet. */
export const EMPTY_POSITION: LogPosition = { seq: 0, hash: GENESIS_HASH };

/** Assigns seq and hash to facts, one after another, from a given log position. */
export class Sequencer {
  private seq: number;
  private hash: string;
  private atText: string | undefined;
  private atMs: number;

  constructor(start: LogPosition = EMPTY_POSITION) {
    this.seq = start.seq;
    this.hash = start.hash;
    this.atText = start.at;
    this.atMs = start.at === undefined ? -Infinity : (instantMs(start.at) ?? -Infinity);
  }

  /** The position after the last sealed fact. */
  get position(): LogPosition {
    return { seq: this.seq, hash: this.hash, at: this.atText };
  }

  /**
   * Sequences one fact and returns its line, newline included.
   * @throws {FactError} when the fact cannot be recorded; the position is then unchanged.
   */
  seal(fact: Fact): string {
    const seq = this.seq + 1;
    const { type, v, actor, at, cause } = fact;
    if (!Object.prototype.hasOwnProperty.call(EVENT_VERSIONS, type)) {
      throw new FactError(seq, `unknown event type "${String(type)}"`, 'type');
    }
    if (v !== EVENT_VERSIONS[type]) {
      throw new FactError(seq, `${type} has schema version ${EVENT_VERSIONS[type]}, not ${String(v)}`, 'v');
    }
    if (seq === 1 && type !== 'LogStarted') {
      throw new FactError(seq, `the first event must be LogStarted, not ${type}`, 'type');
    }
    if (typeof actor !== 'string' || !isId(actor)) throw new FactError(seq, `actor ${JSON.stringify(actor)} is not an id`, 'actor');
    const atMs = at === this.atText ? this.atMs : this.instant(seq, at);
    if (cause !== undefined && (!Number.isInteger(cause) || cause < 1 || cause >= seq)) {
      throw new FactError(seq, `cause ${String(cause)} must be the seq of an earlier event`, 'cause');
    }
    const data: unknown = fact.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new FactError(seq, 'data must be an object', 'data');
    }
    let dataJson: string;
    try {
      dataJson = canonicalJson(data, 'data');
    } catch (e) {
      if (e instanceof CanonicalJsonError) throw new FactError(seq, e.message, e.field);
      throw e;
    }
    const envelope = { seq, at, type, v, actor, cause };
    const hash = chainHash(this.hash, envelopeBodyFast(envelope, dataJson));
    this.seq = seq;
    this.hash = hash;
    this.atText = at;
    this.atMs = atMs;
    return encodeLine(envelope, dataJson, hash);
  }

  /**
   * Seals a batch all-or-nothing.
   * @returns one line per fact, newlines included.
   * @throws {FactError} for the first bad fact; the position is then unchanged.
   */
  sealAll(facts: readonly Fact[]): string[] {
    const saved = { seq: this.seq, hash: this.hash, atText: this.atText, atMs: this.atMs };
    try {
      return facts.map((f) => this.seal(f));
    } catch (e) {
      Object.assign(this, saved);
      throw e;
    }
  }

  private instant(seq: number, at: unknown): number {
    const ms = typeof at === 'string' ? instantMs(at) : undefined;
    if (ms === undefined) throw new FactError(seq, `at ${JSON.stringify(at)} is not an ISO-8601 UTC instant`, 'at');
    if (ms < this.atMs) {
      throw new FactError(seq, `at ${at} is before the previous event (${String(this.atText)})`, 'at');
    }
    return ms;
  }
}
