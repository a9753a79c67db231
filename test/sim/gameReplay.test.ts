/**
 * The game's output is what the log records: rounds built by `roundFacts` are accepted by
 * `decide`, and folding them with `replay` gives the same totals as tallying the rounds
 * directly (also for a prefix of the log).
 */
import { describe, expect, it } from 'vitest';
import type { Fact, Recorded } from '../../src/core/catalogue.js';
import { TRACKS, fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer, replay } from '../../src/core/replay.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import type { GameParty, GameSettings, RoundOutcome } from '../../src/sim/game.js';
import { DEFAULT_PAYOFF, RepeatedGame, roundFacts } from '../../src/sim/game.js';
import { Rng } from '../../src/sim/rng.js';
import { MONTHLY_RULES } from '../support/rules.js';

const START = '2026-01-06T00:00:00Z';
const HOUR = 3_600_000;

interface Tally {
  rounds: number;
  mutualRestraint: number;
  mutualStrike: number;
  accidents: number;
  clarified: number;
  payoffs: Record<string, number>;
}

function logStarted(parties: readonly GameParty[], settings: GameSettings): Recorded {
  const f = fact('LogStarted', { at: START, actor: 'sim' }, {
    scenario: { name: 'repeated game', hash: '0'.repeat(64), source: null },
    overrides: [],
    seed: 9,
    parley: 'test',
    start: START,
    end: formatInstant((parseInstant(START) as number) + 365 * 24 * HOUR),
    parties: Object.fromEntries(parties.map((p) => [p.id, { name: p.id }])),
    supervisor: { id: 'us', name: 'United States' },
    mechanism: settings.cellEnabled,
    rules: MONTHLY_RULES,
    tracks: [...TRACKS],
    ladder: DEFAULT_LADDER,
    game: { payoff: settings.payoff },
  });
  return { ...f, seq: 1 };
}

/** Every fact must be exactly what `decide` produces for the matching command. */
function expectDecided(f: Fact, replayer: Replayer): void {
  const state = replayer.peek();
  const cmd =
    f.type === 'RoundPlayed'
      ? command('PlayRound', { actor: f.actor, at: f.at }, f.data)
      : f.type === 'AccidentClarified'
        ? command('ClarifyAccident', { actor: f.actor, at: f.at }, f.data)
        : undefined;
  const decided = decide(cmd as NonNullable<typeof cmd>, state);
  expect(decided).not.toBeInstanceOf(DomainError);
  expect(decided).toEqual([f]);
}

/** Plays the game, logging each round; returns the log, the round-by-round tallies, and the seq ending each round. */
function record(parties: GameParty[], settings: GameSettings, checkWithDecide: boolean) {
  const game = new RepeatedGame(parties, settings, Rng.seeded(9).split('game'));
  const events: Recorded[] = [logStarted(parties, settings)];
  // Clarifications go through the cell, so a run with the cell sets it up first.
  if (settings.cellEnabled) {
    const cellFacts: Fact[] = [
      fact('CellProposed', { at: START, actor: 'us' }, { tracks: [...TRACKS] }),
      fact('CellEstablished', { at: START, actor: 'us' }, {}),
      fact('CellActivated', { at: START, actor: 'cell' }, {}),
    ];
    for (const f of cellFacts) events.push({ ...f, seq: events.length + 1 } as Recorded);
  }
  const replayer = new Replayer();
  for (const e of events) replayer.push(e);
  const tallies: Tally[] = [];
  const endSeq: number[] = [];
  const t: Tally = { rounds: 0, mutualRestraint: 0, mutualStrike: 0, accidents: 0, clarified: 0, payoffs: {} };
  for (const r of game) {
    const at = formatInstant((parseInstant(START) as number) + r.round * HOUR);
    for (const f of roundFacts(r, at)) {
      const e = { ...f, seq: events.length + 1 } as Recorded;
      if (checkWithDecide) {
        expectDecided(f, replayer);
        replayer.push(e);
      }
      events.push(e);
    }
    tallyRound(t, r);
    tallies.push(structuredClone(t));
    endSeq.push(events.length);
  }
  return { events, tallies, endSeq };
}

function tallyRound(t: Tally, r: RoundOutcome): void {
  const moves = Object.values(r.moves);
  t.rounds += 1;
  if (moves.every((m) => m === 'restrain')) t.mutualRestraint += 1;
  if (moves.every((m) => m === 'strike')) t.mutualStrike += 1;
  t.accidents += Object.keys(r.moves).filter((p) => r.moves[p] !== r.intended[p]).length;
  t.clarified += r.clarifications.length;
  for (const [p, v] of Object.entries(r.payoffs)) t.payoffs[p] = (t.payoffs[p] ?? 0) + v;
}

function expectGame(events: readonly Recorded[], t: Tally, untilSeq?: number): void {
  const g = replay(events, untilSeq === undefined ? {} : { untilSeq }).game;
  expect(g).toBeDefined();
  expect({ ...g, payoffs: undefined, last: undefined }).toEqual({ ...t, payoffs: undefined, last: undefined });
  expect(Object.keys(g?.payoffs ?? {}).sort()).toEqual(Object.keys(t.payoffs).sort());
  for (const [p, v] of Object.entries(t.payoffs)) expect(g?.payoffs[p]).toBeCloseTo(v, 9);
}

describe('RepeatedGame output folded through replay', () => {
  it('two parties with the cell: decide accepts every fact and state.game matches the tallies', () => {
    const parties: GameParty[] = [
      { id: 'syria', policy: { kind: 'generous-tit-for-tat', generosity: 1 / 3 } },
      { id: 'israel', policy: { kind: 'tit-for-tat' } },
    ];
    const settings: GameSettings = { rounds: 300, epsilon: 0.1, payoff: DEFAULT_PAYOFF, clarify: 0.5, cellEnabled: true };
    const { events, tallies, endSeq } = record(parties, settings, true);
    const final = tallies.at(-1) as Tally;
    expect(final.clarified).toBeGreaterThan(0);
    expect(final.mutualRestraint).toBeGreaterThan(0);
    expectGame(events, final);
    // A prefix of the log is the game as it stood after that round.
    expectGame(events, tallies[99] as Tally, endSeq[99]);
    expect(replay(events).game?.last?.round).toBe(300);
  });

  it('three parties: payoffs are summed per party and mutual restraint needs all three', () => {
    const parties: GameParty[] = [
      { id: 'syria', policy: { kind: 'tit-for-tat' } },
      { id: 'israel', policy: { kind: 'probabilistic', retaliate: 0.4 } },
      { id: 'lebanon', policy: { kind: 'dove' } },
    ];
    const settings: GameSettings = { rounds: 2000, epsilon: 0.05, payoff: DEFAULT_PAYOFF, clarify: 0.7, cellEnabled: true };
    const { events, tallies } = record(parties, settings, false);
    const final = tallies.at(-1) as Tally;
    expect(final.mutualRestraint).toBeGreaterThan(0);
    expect(final.mutualRestraint).toBeLessThan(final.rounds);
    expectGame(events, final);
  });
});
