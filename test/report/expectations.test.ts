import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import type { Fact } from '../../src/core/catalogue.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import type { Expectation } from '../../src/report/expectations.js';
import { checkExpectations } from '../../src/report/expectations.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { cellUp, fold, h, incident, logStarted, raise } from './fixtures.js';

const LEVELS = DEFAULT_LADDER.levels;

const round = (n: number, israel: 'restrain' | 'strike', syria: 'restrain' | 'strike', payoffs: [number, number]): Fact =>
  fact('RoundPlayed', { at: h(n), actor: 'sim' }, {
    round: n,
    intended: { israel, syria },
    moves: { israel, syria },
    payoffs: { israel: payoffs[0], syria: payoffs[1] },
  });

// Peak tension (two airstrikes: pressure 20), 3 incidents, 2 disputes (1 settled, 1 escalated),
// one suspension, 4 rounds with 3 of mutual restraint.
const outcomes = computeOutcomes(
  fold([
    logStarted({ game: true }),
    ...cellUp(),
    incident(h(1), 'israel', 'syria', 'i-1'),
    incident(h(2), 'israel', 'syria', 'i-2'),
    incident(h(3), 'syria', 'israel', 'i-3', { kind: 'aid', cameo: '07', weight: 7, severity: 0.1 }),
    raise('d-1', h(4)),
    raise('d-2', h(4)),
    fact('SettlementReached', { at: h(5), actor: 'cell' }, { disputeId: 'd-1' }),
    fact('DisputeEscalated', { at: h(6), actor: 'syria' }, { disputeId: 'd-2' }),
    fact('CellSuspended', { at: h(7), actor: 'syria' }, { reason: 'escalation' }),
    round(1, 'restrain', 'restrain', [3, 3]),
    round(2, 'restrain', 'restrain', [3, 3]),
    round(3, 'strike', 'restrain', [5, 0]),
    round(4, 'restrain', 'restrain', [3, 3]),
  ]),
);

const check = (...e: Expectation[]) => checkExpectations(e, outcomes, LEVELS);

describe('checkExpectations', () => {
  it('passes when every expectation holds, and with none', () => {
    const report = check(
      { ladderPeakAtMost: 'crisis' },
      { ladderPeakAtMost: 'tension' },
      { ladderPeakAtLeast: 'tension' },
      { disputesRaisedAtLeast: 2 },
      { disputesSettledAtLeast: 1 },
      { disputesResolvedAtLeast: 1 },
      { disputesEscalatedAtMost: 1 },
      { accidentalEscalationsAtMost: 0 },
      { accidentalEscalationsAtLeast: 0 },
      { misunderstandingsCaughtAtLeast: 0 },
      { incidentsAtLeast: 3 },
      { incidentsAtMost: 3 },
      { cellSuspended: true },
      { mutualRestraintRate: { min: 0.75 } },
      { mutualRestraintRate: { min: 0.5, max: 0.75 } },
      { meanPayoff: { party: 'israel', min: 3.5, max: 3.5 } },
      { meanPayoff: { party: 'syria', max: 2.25 } },
    );
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(checkExpectations([], outcomes, LEVELS)).toEqual({ ok: true, results: [] });
  });

  it('fails each expectation that does not hold, saying what happened', () => {
    const report = check(
      { ladderPeakAtMost: 'calm' },
      { ladderPeakAtLeast: 'crisis' },
      { disputesRaisedAtLeast: 3 },
      { disputesResolvedAtLeast: 2 },
      { disputesEscalatedAtMost: 0 },
      { accidentalEscalationsAtLeast: 1 },
      { incidentsAtMost: 2 },
      { cellSuspended: false },
      { mutualRestraintRate: { max: 0.5 } },
      { meanPayoff: { party: 'syria', min: 2.5 } },
    );
    expect(report.ok).toBe(false);
    expect(report.results).toEqual([
      { expectation: 'ladderPeakAtMost: calm', ok: false, actual: 'peak tension' },
      { expectation: 'ladderPeakAtLeast: crisis', ok: false, actual: 'peak tension' },
      { expectation: 'disputesRaisedAtLeast: 3', ok: false, actual: '2' },
      { expectation: 'disputesResolvedAtLeast: 2', ok: false, actual: '1' },
      { expectation: 'disputesEscalatedAtMost: 0', ok: false, actual: '1' },
      { expectation: 'accidentalEscalationsAtLeast: 1', ok: false, actual: '0' },
      { expectation: 'incidentsAtMost: 2', ok: false, actual: '3' },
      { expectation: 'cellSuspended: false', ok: false, actual: 'suspended 1 time' },
      { expectation: 'mutualRestraintRate: { max: 0.5 }', ok: false, actual: '0.75' },
      { expectation: 'meanPayoff: { party: syria, min: 2.5 }', ok: false, actual: '2.25' },
    ]);
  });

  it('fails, without throwing, on an unknown level', () => {
    const [result] = check({ ladderPeakAtMost: 'warish' }).results;
    expect(result).toEqual({
      expectation: 'ladderPeakAtMost: warish',
      ok: false,
      actual: 'unknown level "warish" (levels: calm, tension, crisis, armedIncident, conflict)',
    });
  });

  it('fails game expectations when no rounds were played or the party is unknown', () => {
    const quiet = computeOutcomes(fold([logStarted()]));
    const report = checkExpectations([{ mutualRestraintRate: { min: 0 } }, { meanPayoff: { party: 'syria', min: 0 } }], quiet, LEVELS);
    expect(report.results.map((r) => r.actual)).toEqual(['no rounds played', 'no rounds played']);
    expect(check({ meanPayoff: { party: 'lebanon', min: 0 } }).results[0]?.actual).toBe('no payoff recorded for party "lebanon"');
  });

  it('fails malformed expectations instead of throwing', () => {
    const bad = [
      {},
      { incidentsAtMost: 3, incidentsAtLeast: 1 },
      { incidentsAtMost: 'three' },
      { cellSuspended: 'yes' },
      { mutualRestraintRate: {} },
      { meanPayoff: { min: 1 } },
      { ladderPeakAtMostt: 'crisis' },
    ] as unknown as Expectation[];
    const report = checkExpectations(bad, outcomes, LEVELS);
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => [r.expectation, r.ok, r.actual])).toEqual([
      ['{}', false, 'malformed: an expectation has exactly one key, not 0'],
      ['{ incidentsAtMost: 3, incidentsAtLeast: 1 }', false, 'malformed: an expectation has exactly one key, not 2'],
      ['incidentsAtMost: three', false, 'malformed: expected a number'],
      ['cellSuspended: yes', false, 'malformed: expected true or false'],
      ['mutualRestraintRate: {}', false, 'malformed: expected { min?, max? } with at least one number'],
      ['meanPayoff: { min: 1 }', false, 'malformed: expected { party, min?, max? }'],
      ['ladderPeakAtMostt: crisis', false, 'unknown expectation "ladderPeakAtMostt"'],
    ]);
  });
});
