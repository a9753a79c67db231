/** decide: the repeated-interaction mode (rounds and accident clarifications). */
import { describe, expect, it } from 'vitest';
import type { EventData, Move } from '../../src/core/catalogue.js';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { activeCell, given, roundPlayed, started, T0 } from './given.js';

type RoundData = EventData<'RoundPlayed'>;
const play = (data: Partial<RoundData> = {}, actor = 'sim') => command('PlayRound', { actor, at: T0 }, { ...roundPlayed(1).data, ...data });
const clarify = (round: number, to = 'syria', actor = 'israel') => command('ClarifyAccident', { actor, at: T0 }, { round, to });
const moves = (syria: Move, israel: Move): Record<string, Move> => ({ syria, israel });

const game = [started({ game: true })];

describe('decide: rounds', () => {
  it('plays the first round of a run with a game', () => {
    const s = given(game).when(play()).then([roundPlayed(1)]);
    expect(s.game).toMatchObject({ rounds: 1, mutualRestraint: 1, payoffs: { syria: 3, israel: 3 } });
  });

  it('records an accident: a move that differs from the intended one', () => {
    const data: RoundData = { round: 1, intended: moves('restrain', 'restrain'), moves: moves('strike', 'restrain'), payoffs: { syria: 5, israel: 0 } };
    const s = given(game).when(play(data)).then([fact('RoundPlayed', { actor: 'sim', at: T0 }, data)]);
    expect(s.game?.accidents).toBe(1);
  });

  it('refuses a round in a run without a game (NO_GAME)', () => {
    given([started()]).when(play()).thenError('NO_GAME', /no repeated-interaction mode/);
  });

  it('refuses a round number out of sequence (INVALID_DATA)', () => {
    given(game).when(play({ round: 2 })).thenError('INVALID_DATA', /expected round 1/);
    given([...game, roundPlayed(1)]).when(play({ round: 1 })).thenError('INVALID_DATA', /expected round 2/);
    given([...game, roundPlayed(1)]).when(play({ round: 2 })).then([roundPlayed(2)]);
  });

  it('refuses moves, intentions or payoffs that do not name exactly the parties (INVALID_DATA)', () => {
    given(game).when(play({ moves: { syria: 'restrain' } })).thenError('INVALID_DATA', /moves must name exactly the parties \(israel,syria\)/);
    given(game)
      .when(play({ intended: { syria: 'restrain', israel: 'restrain', lebanon: 'strike' } }))
      .thenError('INVALID_DATA', /intended must name exactly/);
    given(game).when(play({ payoffs: { syria: 3, us: 3 } })).thenError('INVALID_DATA', /payoffs/);
  });

  it('only the clock plays a round (NOT_ALLOWED)', () => {
    given(game).when(play({}, 'syria')).thenError('NOT_ALLOWED');
  });
});

describe('decide: accident clarification', () => {
  // Clarification goes through the cell: these runs have one.
  const withCell = [started({ game: true }), activeCell()];

  it('a party clarifies an accident of a round already played', () => {
    const s = given([...withCell, roundPlayed(1)])
      .when(clarify(1))
      .then([fact('AccidentClarified', { actor: 'israel', at: T0 }, { round: 1, to: 'syria' })]);
    expect(s.game?.clarified).toBe(1);
  });

  it('refuses to clarify a round not played yet (INVALID_DATA)', () => {
    given(withCell).when(clarify(1)).thenError('INVALID_DATA', /round 1 was not played/);
    given([...withCell, roundPlayed(1)]).when(clarify(2)).thenError('INVALID_DATA', /round 2 was not played/);
  });

  it('refuses a clarification when the run has no game (NO_GAME) or no cell (NO_MECHANISM)', () => {
    given([started(), activeCell()]).when(clarify(1)).thenError('NO_GAME', /no repeated-interaction mode/);
    given([started({ game: true, mechanism: false }), roundPlayed(1)]).when(clarify(1)).thenError('NO_MECHANISM');
  });

  it('refuses a clarification addressed to a non-party (NOT_ALLOWED)', () => {
    given([...withCell, roundPlayed(1)]).when(clarify(1, 'us')).thenError('NOT_ALLOWED', /"us" is not a party/);
  });

  it('the supervisor does not clarify accidents (NOT_ALLOWED)', () => {
    given([...withCell, roundPlayed(1)]).when(clarify(1, 'syria', 'us')).thenError('NOT_ALLOWED', /a supervisor/);
  });
});
