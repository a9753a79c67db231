import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { computeOutcomes, flattenOutcomes } from '../../src/report/metrics.js';
import { cellUp, fold, h, incident, logStarted, message, raise } from './fixtures.js';

const run = [
  logStarted(),
  ...cellUp(),
  ...message('m-1', h(0), h(2)),
  incident(h(3), 'israel', 'syria', 'i-1'),
  incident(h(4), 'world', 'israel', 'i-2', { kind: 'shelling', cameo: '190', weight: -5 }),
  raise('d-1', h(5)),
  fact('SettlementReached', { at: h(9), actor: 'cell' }, { disputeId: 'd-1' }),
];

describe('flattenOutcomes', () => {
  const flat = flattenOutcomes(computeOutcomes(fold(run)));

  it('uses dotted keys with scalar values', () => {
    expect(flat['disputes.settled']).toBe(1);
    expect(flat['ackTime.median']).toBe(2 * 3_600_000);
    expect(flat['ladder.timeAt.crisis']).toBe(0);
    expect(flat['ladder.timeAt.tension']).toBe(6 * 3_600_000);
    expect(flat['ladder.firstAt.tension']).toBe(h(3));
    expect(flat['incidents.byKind.airstrike']).toBe(1);
    expect(flat['incidents.byParty.world']).toBe(1);
    expect(flat['period.end']).toBe(h(9));
    for (const value of Object.values(flat)) expect(['number', 'string', 'object']).toContain(typeof value);
    for (const value of Object.values(flat)) if (typeof value === 'object') expect(value).toBeNull();
  });

  it('orders keys by the Outcomes interface, deterministically', () => {
    const keys = Object.keys(flat);
    expect(keys.slice(0, 6)).toEqual(['period.start', 'period.end', 'period.ms', 'incidents.total', 'incidents.hostile', 'incidents.cooperative']);
    expect(keys.indexOf('disputes.raised')).toBeLessThan(keys.indexOf('ackTime.count'));
    expect(keys.filter((k) => k.startsWith('incidents.byKind.'))).toEqual(['incidents.byKind.airstrike', 'incidents.byKind.shelling']);
    expect(keys.filter((k) => k.startsWith('ladder.timeAt.'))).toEqual(
      ['calm', 'tension', 'crisis', 'armedIncident', 'conflict'].map((l) => `ladder.timeAt.${l}`),
    );
    expect(Object.keys(flattenOutcomes(computeOutcomes(fold(run))))).toEqual(keys);
  });

  it('keeps the game columns, as nulls, for a run without rounds', () => {
    expect(flat['game.rounds']).toBeNull();
    expect(flat['game.mutualRestraintRate']).toBeNull();
    expect(Object.keys(flat).filter((k) => k.startsWith('game.'))).toEqual([
      'game.rounds',
      'game.mutualRestraint',
      'game.mutualStrike',
      'game.mutualRestraintRate',
      'game.mutualStrikeRate',
      'game.accidents',
      'game.clarifiedAccidents',
    ]);
  });

  it('has a column per party for mean payoffs in a game run', () => {
    const flatGame = flattenOutcomes(computeOutcomes(fold([logStarted({ game: true })])));
    expect(flatGame['game.rounds']).toBe(0);
    expect(flatGame).toHaveProperty(['game.meanPayoff.israel'], null);
    expect(flatGame).toHaveProperty(['game.meanPayoff.syria'], null);
  });
});
