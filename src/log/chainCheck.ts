/**
 * The cross-line rules of a log: seq 1-based and gapless, seq 1 is `LogStarted`, `cause`
 * points backwards, time never goes backwards, and (optionally, as it costs a SHA-256 per
 * line) every hash chains from the previous one.
 */
import type { Recorded } from '../core/catalogue.js';
import { canonicalJson } from './canonical.js';
import { chainHash, envelopeBodyFast, GENESIS_HASH, type EnvelopeFields } from './chain.js';
import { CanonicalJsonError } from './errors.js';
import { isLater } from '../core/time.js';
import type { LineProblem } from './lineCheck.js';
import type { LogPosition } from './sequencer.js';

/** Follows a log line by line and reports the first rule a line breaks. */
export class ChainChecker {
  private seq = 0;
  private hash = GENESIS_HASH;
  private atText: string | undefined;

  /** @param checkHashes recompute and compare every hash (what `verify` does). */
  constructor(private readonly checkHashes: boolean) {}

  /** Where the log stands after the last accepted event. */
  get position(): LogPosition {
    return { seq: this.seq, hash: this.hash, at: this.atText };
  }

  /** Continues a chain from a known position instead of the start of the log. */
  restart(position: LogPosition): void {
    this.seq = position.seq;
    this.hash = position.hash;
    this.atText = position.at;
  }

  /**
   * Checks one parsed event against the previous ones and, when it passes, advances.
   * @param raw the line's JSON value as read, already validated by `parseLine`: what the hash covers.
   */
  check(event: Recorded, raw: object): LineProblem | undefined {
    const { seq, at, type, cause } = event;
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
    if (!this.notBefore(at)) {
      return { kind: 'time-backwards', seq, message: `at ${at} is before the previous event's ${String(this.atText)}` };
    }
    let hash = event.hash;
    if (this.checkHashes) {
      if (hash === undefined) return { kind: 'schema', seq, field: 'hash', message: 'hash: missing (every logged event is chained)' };
      let body: string;
      try {
        // The line passed validation, so its envelope has exactly the hashed fields and its
        // strings need no escaping: the fast encoder gives the canonical text.
        body = envelopeBodyFast(raw as EnvelopeFields, canonicalJson((raw as EnvelopeFields).data, 'data'));
      } catch (e) {
        if (!(e instanceof CanonicalJsonError)) throw e;
        return { kind: 'schema', seq, field: e.field, message: e.message };
      }
      const computed = chainHash(this.hash, body);
      if (computed !== hash) {
        return {
          kind: 'hash-mismatch',
          seq,
          message: `hash ${hash.slice(0, 12)}… does not chain from the previous line and this content (expected ${computed.slice(0, 12)}…): this line or the one before it was edited`,
        };
      }
    }
    this.seq = seq;
    this.hash = hash ?? GENESIS_HASH;
    this.atText = at;
    return undefined;
  }

  /** Whether validated instant `at` is not before the previous event's (core's `isLater`). */
  private notBefore(at: string): boolean {
    const previous = this.atText;
    return previous === undefined || at === previous || !isLater(previous, at);
  }
}
