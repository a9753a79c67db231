/**
 * The rules of a round, checked directly: what each policy intends given what it perceived,
 * which strikes the cell clarifies, how payoffs are shared among several parties, and that a
 * run is a pure function of its seed.
 */
import { UsageError } from '../../src/core/errors.js';
import { describe, expect, it } from 'vitest';
import type { GameParty, GameSettings, RoundOutcome } from '../../src/sim/game.js';
import { DEFAULT_PAYOFF, RepeatedGame, strikeChances } from '../../src/sim/game.js';
import { Rng } from '../../src/sim/rng.js';

const settings = (over: Partial<GameSettings> = {}): GameSettings => ({
  rounds: 2000,
  epsilon: 0.1,
  payoff: DEFAULT_PAYOFF,
  clarify: 0.5,
  cellEnabled: true,
  ...over,
});
const pair = (kind: GameParty['policy']['kind']): GameParty[] => [
  { id: 'syria', policy: { kind } },
  { id: 'israel', policy: { kind } },
];
const play = (parties: GameParty[], s: GameSettings, seed = 7): RoundOutcome[] => [
  ...new RepeatedGame(parties, s, Rng.seeded(seed).split('game')),
];

describe('RepeatedGame rounds', () => {
  it('hawks always intend to strike and doves to restrain; without accidents moves are intentions', () => {
    const rounds = play(
      [
        { id: 'h', policy: { kind: 'hawk' } },
        { id: 'd', policy: { kind: 'dove' } },
        { id: 's', policy: { kind: 'scripted' } },
      ],
      settings({ epsilon: 0, rounds: 50 }),
    );
    for (const r of rounds) {
      expect(r.intended).toEqual({ h: 'strike', d: 'restrain', s: 'restrain' });
      expect(r.moves).toEqual(r.intended);
    }
  });

  it('shares payoffs among several parties as the mean of pairwise payoffs', () => {
    const [r1, r2, r3] = play(
      [
        { id: 'h', policy: { kind: 'hawk' } },
        { id: 't', policy: { kind: 'tit-for-tat' } },
        { id: 'd', policy: { kind: 'dove' } },
      ],
      settings({ epsilon: 0, rounds: 3 }),
    );
    // Round 1: T against both for the hawk; S against the hawk and R against each other.
    expect(r1?.payoffs).toEqual({ h: 5, t: 1.5, d: 1.5 });
    // Then tit-for-tat answers the hawk (and, with several opponents, strikes all of them).
    expect(r2?.moves).toEqual({ h: 'strike', t: 'strike', d: 'restrain' });
    expect(r2?.payoffs).toEqual({ h: 3, t: 3, d: 0 });
    expect(r3).toEqual({ ...r2, round: 3 });
  });

  it('tit-for-tat strikes exactly when it perceived an unclarified strike last round', () => {
    const ids = ['a', 'b', 'c'];
    const rounds = play(
      ids.map((id) => ({ id, policy: { kind: 'tit-for-tat' as const } })),
      settings({ rounds: 5000 }),
    );
    expect(rounds[0]?.intended).toEqual({ a: 'restrain', b: 'restrain', c: 'restrain' });
    let clarified = 0;
    const wrong: string[] = [];
    for (let i = 1; i < rounds.length; i++) {
      const prev = rounds[i - 1] as RoundOutcome;
      for (const me of ids) {
        const provoked = ids.some(
          (by) => by !== me && prev.moves[by] === 'strike' && !prev.clarifications.some((c) => c.by === by && c.to === me),
        );
        if ((rounds[i] as RoundOutcome).intended[me] !== (provoked ? 'strike' : 'restrain')) wrong.push(`${i + 1}:${me}`);
      }
      clarified += prev.clarifications.length;
    }
    expect(wrong).toEqual([]);
    // The run exercises partial clarification: some strikes explained to one party only.
    expect(clarified).toBeGreaterThan(0);
    expect(rounds.some((r) => r.clarifications.length === 1)).toBe(true);
  });

  it('clarifies only accidental strikes, each to other parties, and only with the cell', () => {
    const all = (cellEnabled: boolean, clarify: number): RoundOutcome[] =>
      play(pair('generous-tit-for-tat'), settings({ cellEnabled, clarify, rounds: 3000 }));
    const half = all(true, 0.5).flatMap((r) => r.clarifications.map((c) => ({ ...c, r })));
    expect(half.length).toBeGreaterThan(0);
    expect(half.filter(({ by, to, r }) => to === by || r.intended[by] !== 'restrain' || r.moves[by] !== 'strike')).toEqual([]);
    const accidental = (r: RoundOutcome): string[] =>
      Object.keys(r.moves).filter((p) => r.intended[p] === 'restrain' && r.moves[p] === 'strike');
    const unexplained = all(true, 1).filter(
      (r) => r.clarifications.map((c) => c.by).sort().join() !== accidental(r).sort().join(),
    );
    expect(unexplained).toEqual([]);
    expect(all(false, 1).every((r) => r.clarifications.length === 0)).toBe(true);
  });

  it('a clarified accident is not answered; the same accident without the cell is', () => {
    const s = settings({ clarify: 1, rounds: 500 });
    const withCell = play(pair('tit-for-tat'), s);
    const without = play(pair('tit-for-tat'), { ...s, cellEnabled: false });
    // Both runs draw the same accidents: they agree up to and including the first one.
    const first = withCell.findIndex((r) => r.moves.syria !== r.intended.syria || r.moves.israel !== r.intended.israel);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(without[first]?.moves).toEqual(withCell[first]?.moves);
    const accident = withCell[first] as RoundOutcome;
    const culprit = accident.moves.syria === 'strike' ? 'syria' : 'israel';
    const victim = culprit === 'syria' ? 'israel' : 'syria';
    expect(accident.clarifications).toContainEqual({ by: culprit, to: victim });
    expect(withCell[first + 1]?.intended[victim]).toBe('restrain');
    expect(without[first + 1]?.intended[victim]).toBe('strike');
  });

  it('switching the cell off changes no accident: the counterfactual keeps the same draws', () => {
    const flips = (rs: RoundOutcome[]): string[] =>
      rs.flatMap((r) => Object.keys(r.moves).filter((p) => r.moves[p] !== r.intended[p]).map((p) => `${r.round}:${p}`));
    const s = settings({ rounds: 3000 });
    expect(flips(play(pair('tit-for-tat'), s))).toEqual(flips(play(pair('tit-for-tat'), { ...s, cellEnabled: false })));
  });
});

describe('policy parameters', () => {
  it('are used only by the kinds they belong to', () => {
    // A richer policy record (the simulator's) carries every parameter for every kind.
    const extra = { generosity: 0.9, retaliate: 0.1 };
    expect(strikeChances({ kind: 'tit-for-tat', ...extra })).toEqual({ calm: 0, provoked: 1 });
    expect(strikeChances({ kind: 'hawk', ...extra })).toEqual({ calm: 1, provoked: 1 });
    expect(strikeChances({ kind: 'dove', ...extra })).toEqual({ calm: 0, provoked: 0 });
    expect(strikeChances({ kind: 'scripted', ...extra })).toEqual({ calm: 0, provoked: 0 });
    expect(strikeChances({ kind: 'generous-tit-for-tat', ...extra }).provoked).toBeCloseTo(0.1, 12);
    expect(strikeChances({ kind: 'probabilistic', ...extra })).toEqual({ calm: 0, provoked: 0.1 });
    expect(strikeChances({ kind: 'generous-tit-for-tat' }).provoked).toBeCloseTo(2 / 3, 12);
    expect(strikeChances({ kind: 'probabilistic' }).provoked).toBe(0.5);
  });
});

describe('RepeatedGame determinism', () => {
  it('replays the same rounds from the same seed and different ones from another seed', () => {
    const parties: GameParty[] = [
      { id: 'syria', policy: { kind: 'generous-tit-for-tat', generosity: 0.33 } },
      { id: 'israel', policy: { kind: 'probabilistic', retaliate: 0.6 } },
    ];
    const a = play(parties, settings(), 42);
    expect(play(parties, settings(), 42)).toEqual(a);
    expect(play(parties, settings(), 43)).not.toEqual(a);
  });

  it('plays exactly the configured number of rounds', () => {
    const game = new RepeatedGame(pair('dove'), settings({ rounds: 3 }), Rng.seeded(1));
    expect([...game].map((r) => r.round)).toEqual([1, 2, 3]);
    expect(game.done).toBe(true);
    expect(game.played).toBe(3);
    expect(() => game.next()).toThrow('[game] all 3 rounds have been played');
  });
});

describe('RepeatedGame input checks', () => {
  const make = (parties: GameParty[], over: Partial<GameSettings> = {}) => () =>
    new RepeatedGame(parties, settings(over), Rng.seeded(1));
  it.each([
    [make(pair('dove'), { epsilon: 1.5 }), 'epsilon must be a probability in [0, 1], got 1.5'],
    [make(pair('dove'), { clarify: -0.1 }), 'clarify must be a probability'],
    [make(pair('dove'), { rounds: 2.5 }), 'rounds must be a non-negative integer'],
    [make(pair('dove'), { payoff: { ...DEFAULT_PAYOFF, T: Number.NaN } }), 'payoff.T must be a finite number'],
    [make([{ id: 'a', policy: { kind: 'dove' } }]), 'at least 2 parties'],
    [make([...pair('dove'), { id: 'syria', policy: { kind: 'hawk' } }]), 'parties[2].id: "syria" appears twice'],
    [make([...pair('dove'), { id: 'no way', policy: { kind: 'hawk' } }]), 'parties[2].id: "no way" is not a valid id'],
    [make([{ id: 'a', policy: { kind: 'tit-for-tat', generosity: -1 } }, ...pair('dove')]), 'parties[0].policy.generosity must be a probability'],
    [make([{ id: 'a', policy: { kind: 'bully' as 'hawk' } }, ...pair('dove')]), 'parties[0].policy.kind must be one of'],
    [make([{ id: 'a', policy: { kind: 'probabilistic', retaliate: 2 } }, ...pair('dove')]), 'parties[0].policy.retaliate must be a probability'],
  ])('refuses bad input (%#)', (build, message) => {
    expect(build).toThrow(UsageError);
    expect(build).toThrow(message);
  });
});
