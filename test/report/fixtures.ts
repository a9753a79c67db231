/**
 * Hand-written runs for report tests: facts built with the catalogue's `fact()`, numbered and
 * folded by the real `replay`, so every state here is one the fold can produce.
 */
import type { EventData, Fact, LadderConfig, Recorded } from '../../src/core/catalogue.js';
import { fact, TRACKS } from '../../src/core/catalogue.js';
import { replay } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { formatInstant, HOUR_MS, parseInstant } from '../../src/core/time.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import { MONTHLY_RULES } from '../support/rules.js';

export const START = '2026-01-06T00:00:00Z';
export const PARTIES = ['israel', 'syria'] as const;

/** The instant `hours` after the start. */
export function h(hours: number): string {
  return formatInstant((parseInstant(START) as number) + hours * HOUR_MS);
}

/** Options of `logStarted`. */
export interface StartOptions {
  /** Scenario end (default: 100 hours after the start). */
  readonly end?: string;
  readonly ladder?: LadderConfig;
  readonly game?: boolean;
}

/** The first event of every test run (the payload of the stream generator's bootstrap). */
export function logStarted(options: StartOptions = {}): Fact {
  const data: EventData<'LogStarted'> = {
    scenario: { name: 'Report test', hash: '0'.repeat(64), source: null },
    overrides: [],
    seed: 7,
    parley: 'test',
    start: START,
    end: options.end ?? h(100),
    parties: { israel: { name: 'Israel' }, syria: { name: 'Syria' } },
    supervisor: { id: 'us', name: 'United States' },
    mechanism: true,
    rules: MONTHLY_RULES,
    tracks: [...TRACKS],
    ladder: options.ladder ?? DEFAULT_LADDER,
    ...(options.game ? { game: { payoff: { R: 3, S: 0, T: 5, P: 1 } } } : {}),
  };
  return fact('LogStarted', { at: START, actor: 'sim' }, data);
}

/** The cell proposed, established and activated at the start. */
export function cellUp(): Fact[] {
  return [
    fact('CellProposed', { at: START, actor: 'us' }, { tracks: [...TRACKS] }),
    fact('CellEstablished', { at: START, actor: 'us' }, {}),
    fact('CellActivated', { at: START, actor: 'cell' }, {}),
  ];
}

/** Numbers facts 1..n. */
export function numbered(facts: readonly Fact[]): Recorded[] {
  return facts.map((f, i) => ({ ...f, seq: i + 1 }) as Recorded);
}

/** Folds `facts` (LogStarted first) into a state. */
export function fold(facts: readonly Fact[]): ParleyState {
  return replay(numbered(facts));
}

/** An incident by `by` against `against` (airstrike: weight -10, so pressure rises by 10 × severity). */
export function incident(
  at: string,
  by: string,
  against: string,
  incidentId: string,
  extra: Partial<EventData<'IncidentOccurred'>> = {},
): Fact {
  return fact('IncidentOccurred', { at, actor: by }, {
    incidentId,
    kind: 'airstrike',
    against,
    cameo: '195',
    weight: -10,
    severity: 1,
    ...extra,
  });
}

/** A message sent, delivered an hour later, and acknowledged at `ackAt` (if given). */
export function message(id: string, sentAt: string, ackAt?: string): Fact[] {
  const sent = parseInstant(sentAt) as number;
  const out: Fact[] = [
    fact('MessageSent', { at: sentAt, actor: 'israel' }, {
      messageId: id,
      to: 'syria',
      track: 'deescalation',
      kind: 'warning',
      ackBy: formatInstant(sent + 24 * HOUR_MS),
    }),
    fact('MessageDelivered', { at: formatInstant(sent + HOUR_MS), actor: 'cell' }, { messageId: id }),
  ];
  if (ackAt) out.push(fact('MessageAcknowledged', { at: ackAt, actor: 'syria' }, { messageId: id }));
  return out;
}

/** A dispute raised by syria against israel. */
export function raise(id: string, at: string): Fact {
  return fact('DisputeRaised', { at, actor: 'syria' }, {
    disputeId: id,
    against: 'israel',
    track: 'deescalation',
    respondBy: formatInstant((parseInstant(at) as number) + 7 * 24 * HOUR_MS),
  });
}
