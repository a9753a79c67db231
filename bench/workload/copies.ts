/**
 * Long logs from a unit: the bootstrap once, then the unit's body repeated, each copy with its
 * own ids (a `.cK` suffix on every id the episode creates or refers to), its times shifted
 * past the previous copy and its seqs continued. Parties, tracks and kinds keep their names.
 */
import type { Fact, Recorded } from '../../src/core/catalogue.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import type { Unit } from './unit.js';

/** Data fields holding the id of something the episode created (message, dispute, …). */
const ID_KEYS = new Set(['messageId', 'disputeId', 'incidentId', 'stepId', 'meetingId', 'retaliationFor', 'inReplyTo', 'reply']);
/** Data fields holding an instant. */
const TIME_KEYS = new Set(['ackBy', 'respondBy']);

/** Parsed instants of the unit: every copy shifts the same few thousand of them. */
const parsed = new Map<string, number>();

function shifter(offsetMs: number): (at: string) => string {
  return (at) => {
    let ms = parsed.get(at);
    if (ms === undefined) parsed.set(at, (ms = parseInstant(at) as number));
    return formatInstant(ms + offsetMs);
  };
}

/** Data with every episode id suffixed and every instant passed through `shift`. */
export function renameData(data: Record<string, unknown>, suffix: string, shift: (at: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in data) {
    const value = data[key];
    if (ID_KEYS.has(key) && typeof value === 'string') out[key] = value + suffix;
    else if (TIME_KEYS.has(key) && typeof value === 'string') out[key] = shift(value);
    else if (key === 'agenda') {
      const a = value as { incidents: string[]; disputes: string[] };
      out[key] = { incidents: a.incidents.map((x) => x + suffix), disputes: a.disputes.map((x) => x + suffix) };
    } else out[key] = value;
  }
  return out;
}

/** The last instant a log line can carry (parseInstant takes four-digit years). */
const LAST_INSTANT = parseInstant('9999-12-31T23:59:59Z') as number;

/** How far copy `k` is shifted in time: past the end of copy k - 1, plus an hour. */
export function copyOffsetMs(unit: Unit, k: number): number {
  const offset = k * (unit.spanMs + 3_600_000);
  const last = (parseInstant((unit.body[unit.body.length - 1] as Recorded).at) as number) + offset;
  if (last > LAST_INSTANT) throw new Error(`bench workload: copy ${k} of the episode would end after the year 9999; use fewer events`);
  return offset;
}

/** The suffix of copy `k`'s ids (copy 0 keeps the original ids). */
export function copySuffix(k: number): string {
  return k === 0 ? '' : `.c${k}`;
}

/** Copy `k` (0-based) of the unit's body, as facts (no seq). */
export function copyFacts(unit: Unit, k: number): Fact[] {
  const offset = copyOffsetMs(unit, k);
  if (k === 0) return unit.body.map(stripSeq);
  const suffix = copySuffix(k);
  const shift = shifter(offset);
  return unit.body.map((e) => {
    const f: Record<string, unknown> = { type: e.type, v: e.v, at: shift(e.at), actor: e.actor, data: renameData(e.data as Record<string, unknown>, suffix, shift) };
    return f as unknown as Fact;
  });
}

function stripSeq(e: Recorded): Fact {
  const { seq: _seq, hash: _hash, ...f } = e;
  return f as Fact;
}

/**
 * Yields the facts of a log of at least `events` events (the last copy is cut to size),
 * in chunks of one copy each: constant memory whatever the length.
 */
export function* logFacts(unit: Unit, events: number): Generator<readonly Fact[]> {
  let left = events;
  const boot = unit.bootstrap.slice(0, left).map(stripSeq);
  yield boot;
  left -= boot.length;
  for (let k = 0; left > 0; k++) {
    const copy = copyFacts(unit, k);
    yield copy.length > left ? copy.slice(0, left) : copy;
    left -= copy.length;
  }
}

/**
 * The whole log in memory, sequenced (seq 1…N), as `replay` takes it.
 *
 * Every event is built by the same object literal, in the log's envelope key order, so all
 * events share a few hidden classes, as the objects `JSON.parse` makes from a log file do.
 * (A spread such as `{ ...f, seq }` gives each object a hidden class of its own, which makes
 * every property read of every fold megamorphic: that measured the workload, not the fold.)
 */
export function buildLog(unit: Unit, events: number): Recorded[] {
  const out: Recorded[] = [];
  for (const chunk of logFacts(unit, events)) {
    for (const f of chunk) out.push(envelope(f, out.length + 1));
  }
  return out;
}

function envelope(f: Fact, seq: number): Recorded {
  const e = f.cause === undefined
    ? { seq, at: f.at, type: f.type, v: f.v, actor: f.actor, data: f.data }
    : { seq, at: f.at, type: f.type, v: f.v, actor: f.actor, data: f.data, cause: f.cause };
  return e as Recorded;
}
