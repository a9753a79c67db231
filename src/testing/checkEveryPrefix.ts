/**
 * Checking a whole stream: fold it event by event with the incremental `Replayer` and run
 * every invariant after every event, in linear time; the first violation names its seq, the
 * event, the invariant and what is wrong. Before the invariants, each event must be
 * well-formed (the catalogue's schema) and fold (the machines accept it).
 */
import { ParleyError, ReplayError } from '../core/errors.js';
import type { EventType, Recorded } from '../core/catalogue.js';
import { parseEvent } from '../core/catalogue.js';
import { Replayer } from '../core/replay.js';
import type { Invariant } from './invariant.js';
import { PARLEY_INVARIANTS } from './invariants.js';

/**
 * The rules every stream must keep before any invariant is asked, by name and statement.
 * @example if (report.invariant === 'folds') console.log(STREAM_RULES.folds);
 */
export const STREAM_RULES = {
  wellFormed: 'Every event is a known type at its current version, with data its schema accepts.',
  folds: 'Every event is one the machines accept after the events before it: replay never refuses it.',
} as const;

/** The first broken rule or invariant of a stream. */
export interface PrefixFailure {
  readonly ok: false;
  /** Seq of the first event after which something is wrong. */
  readonly seq: number;
  /** Type and actor of that event. */
  readonly type: EventType | string;
  readonly actor: string;
  /** The invariant (or stream rule: `wellFormed`, `folds`) it breaks. */
  readonly invariant: string;
  /** What is wrong, in one line (several problems joined by `; `). */
  readonly message: string;
}

/** The outcome of {@link checkEveryPrefix}. */
export type PrefixReport = { readonly ok: true; readonly events: number } | PrefixFailure;

function failure(e: Recorded, invariant: string, problems: readonly string[]): PrefixFailure {
  return { ok: false, seq: e.seq, type: e.type, actor: e.actor, invariant, message: problems.join('; ') };
}

/**
 * Folds `events` and checks every invariant after every event (then each invariant's
 * whole-state form once, at the end). Linear in the stream's length.
 * @example
 * const report = checkEveryPrefix(events, [...PARLEY_INVARIANTS, myInvariant]);
 * if (!report.ok) console.log(`seq ${report.seq} breaks ${report.invariant}: ${report.message}`);
 */
export function checkEveryPrefix(events: Iterable<Recorded>, invariants: readonly Invariant[] = PARLEY_INVARIANTS): PrefixReport {
  const replayer = new Replayer();
  const checks = invariants.map((inv) => [inv.name, inv.start()] as const);
  let last: Recorded | undefined;
  let count = 0;
  for (const e of events) {
    const parsed = parseEvent(e);
    if (!parsed.ok) return failure(e, 'wellFormed', parsed.issues.map((i) => `${i.path}: ${i.message}`));
    try {
      replayer.push(e);
    } catch (error) {
      if (error instanceof ReplayError) return failure(e, 'folds', [error.message.replace(/^seq \d+: /, '')]);
      throw error;
    }
    const state = replayer.peek();
    for (const [name, check] of checks) {
      const problems = check(state, e);
      if (problems.length > 0) return failure(e, name, problems);
    }
    last = e;
    count += 1;
  }
  if (last !== undefined) {
    const state = replayer.peek();
    for (const inv of invariants) {
      const problems = inv.whole?.(state) ?? [];
      if (problems.length > 0) return failure(last, inv.name, problems);
    }
  }
  return { ok: true, events: count };
}

/**
 * A stream that breaks an invariant: its message is the failure and the events up to it.
 * @example
 * try { assertEveryPrefix(events); } catch (e) { if (e instanceof InvariantViolation) console.log(e.failure.seq); }
 */
export class InvariantViolation extends ParleyError {
  override readonly name = 'InvariantViolation';
  readonly area = 'check';
  readonly code = 'INVARIANT_VIOLATED';
  constructor(readonly failure: PrefixFailure, events: readonly Recorded[], invariants: readonly Invariant[]) {
    super(describeFailure(failure, events, invariants));
  }
}

/**
 * {@link checkEveryPrefix} for use inside a property: throws an {@link InvariantViolation}
 * (which fast-check then shrinks and prints) instead of returning the failure.
 * @example fc.assert(fc.property(eventStreamArbitrary(), (events) => assertEveryPrefix(events)));
 */
export function assertEveryPrefix(events: readonly Recorded[], invariants: readonly Invariant[] = PARLEY_INVARIANTS): void {
  const report = checkEveryPrefix(events, invariants);
  if (!report.ok) throw new InvariantViolation(report, events, invariants);
}

/** Most events {@link describeFailure} lists before the failing one. */
const SHOWN = 40;

/**
 * A failure in words: the event, the invariant's statement, what is wrong, and the stream up
 * to that event, one line each (the last {@link SHOWN} of them).
 * @example console.log(describeFailure(report, events));
 */
export function describeFailure(f: PrefixFailure, events: readonly Recorded[], invariants: readonly Invariant[] = PARLEY_INVARIANTS): string {
  const statement = invariants.find((i) => i.name === f.invariant)?.statement ?? (STREAM_RULES as Record<string, string>)[f.invariant];
  const upTo = events.filter((e) => e.seq <= f.seq);
  const shown = upTo.slice(-SHOWN);
  return [
    `seq ${f.seq} (${f.type} by ${f.actor}) breaks ${f.invariant}${statement ? `: ${statement}` : ''}`,
    `  ${f.message}`,
    `the stream up to it (${upTo.length} events):`,
    ...(shown.length < upTo.length ? [`  … ${upTo.length - shown.length} earlier events`] : []),
    ...shown.map((e) => `  ${formatEvent(e, Math.max(...shown.map((x) => x.actor.length)))}`),
  ].join('\n');
}

/**
 * One event on one line: seq, time, actor (padded to `actorWidth`), type and data (the first
 * event's configuration summarised by its parties and switches).
 * @example formatEvent(e) // '  5  2026-01-06T00:15:00Z  alpha  MessageSent {"messageId":"msg-1",…}'
 */
export function formatEvent(e: Recorded, actorWidth = 6): string {
  const data =
    e.type === 'LogStarted'
      ? `parties ${Object.keys(e.data.parties).join(', ')}; cell ${e.data.mechanism ? 'on' : 'off'}${e.data.game ? '; game' : ''}`
      : JSON.stringify(e.data);
  return `${String(e.seq).padStart(3)}  ${e.at}  ${e.actor.padEnd(actorWidth)}  ${e.type} ${data}`;
}
