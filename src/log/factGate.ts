/**
 * What a fact must pass before it gets a seq: a known type at its current version, a first
 * event that is `LogStarted`, an id as actor, time never going backwards, a cause pointing
 * back, data with an exact canonical JSON form. A writer that admits only such facts can
 * never produce a log `verifyLog` rejects for envelope reasons. Data schemas are not
 * re-checked here: `decide` already did, and this runs once per event on the simulator's hot
 * path.
 */
import { EVENT_VERSIONS, type Fact } from '../core/catalogue.js';
import { isId } from '../core/ids.js';
import { canonicalJson } from './canonical.js';
import { CanonicalJsonError, FactError } from './errors.js';
import { instantMs } from './instant.js';
import type { RecordEncoder } from './recordEncoder.js';

/** The gate's memory of the last admitted event's time, to restore after a refused batch. */
export interface GateMark {
  readonly atText: string | undefined;
  readonly atMs: number;
}

/** Current version of each event type (a Map: cheaper per lookup than the catalogue's record). */
const VERSIONS: ReadonlyMap<string, number> = new Map(Object.entries(EVENT_VERSIONS));

/** A run has a handful of actors: each is checked against the id rules once per gate. */
const MAX_KNOWN_ACTORS = 1024;

/** Checks facts one after another; remembers the time of the last one admitted. */
export class FactGate {
  private atText: string | undefined;
  private atMs: number;
  private readonly actors = new Set<string>();

  /** @param at the time of the last event already in the log, if any. */
  constructor(at?: string) {
    this.atText = at;
    this.atMs = at === undefined ? -Infinity : (instantMs(at) ?? -Infinity);
  }

  /** The time of the last admitted event. */
  get at(): string | undefined {
    return this.atText;
  }

  /**
   * Checks `fact` as the event numbered `seq` and returns the canonical JSON of its data.
   * @throws {FactError} naming the field at fault; the gate is then unchanged.
   */
  admit(fact: Fact, seq: number): string {
    const atMs = this.envelope(fact, seq);
    let dataJson: string;
    try {
      dataJson = canonicalJson(fact.data, 'data');
    } catch (e) {
      throw dataError(seq, e);
    }
    this.atText = fact.at;
    this.atMs = atMs;
    return dataJson;
  }

  /**
   * Checks `fact` as the event numbered `seq` and appends its record to `out`.
   * @throws {FactError} naming the field at fault; the gate and `out` are then unchanged.
   */
  admitInto(fact: Fact, seq: number, out: RecordEncoder): void {
    const atMs = this.envelope(fact, seq);
    try {
      out.append(fact);
    } catch (e) {
      throw dataError(seq, e);
    }
    this.atText = fact.at;
    this.atMs = atMs;
  }

  /** Every check but the data's JSON form; returns the fact's time in ms. */
  private envelope(fact: Fact, seq: number): number {
    const { type, v, actor, at, cause } = fact;
    const version = VERSIONS.get(type);
    if (version === undefined) throw new FactError(seq, `unknown event type "${String(type)}"`, 'type');
    if (v !== version) throw new FactError(seq, `${type} has schema version ${version}, not ${String(v)}`, 'v');
    if (seq === 1 && type !== 'LogStarted') {
      throw new FactError(seq, `the first event must be LogStarted, not ${type}`, 'type');
    }
    if (!this.actors.has(actor)) this.checkActor(seq, actor);
    const atMs = at === this.atText ? this.atMs : this.instant(seq, at);
    if (cause !== undefined && (!Number.isInteger(cause) || cause < 1 || cause >= seq)) {
      throw new FactError(seq, `cause ${String(cause)} must be the seq of an earlier event`, 'cause');
    }
    const data: unknown = fact.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new FactError(seq, 'data must be an object', 'data');
    }
    return atMs;
  }

  /** Where the gate is, for {@link FactGate.reset}. */
  mark(): GateMark {
    return { atText: this.atText, atMs: this.atMs };
  }

  /** Goes back to a {@link FactGate.mark}: the facts admitted since are forgotten. */
  reset(mark: GateMark): void {
    this.atText = mark.atText;
    this.atMs = mark.atMs;
  }

  private checkActor(seq: number, actor: unknown): void {
    if (typeof actor !== 'string' || !isId(actor)) throw new FactError(seq, `actor ${JSON.stringify(actor)} is not an id`, 'actor');
    if (this.actors.size < MAX_KNOWN_ACTORS) this.actors.add(actor);
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

/** A data serialisation failure as the fact's error (anything else passes through). */
function dataError(seq: number, e: unknown): unknown {
  return e instanceof CanonicalJsonError ? new FactError(seq, e.message, e.field) : e;
}
