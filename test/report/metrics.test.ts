import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import type { Fact } from '../../src/core/catalogue.js';
import { initialState } from '../../src/core/state.js';
import { HOUR_MS } from '../../src/core/time.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { cellUp, fold, h, incident, logStarted, message, raise } from './fixtures.js';

const H = HOUR_MS;

/** Orders facts by time, keeping the order of simultaneous ones (LogStarted stays first). */
function chronological(facts: readonly Fact[]): Fact[] {
  return facts.map((f, i) => ({ f, i })).sort((x, y) => x.f.at.localeCompare(y.f.at) || x.i - y.i).map((x) => x.f);
}

describe('computeOutcomes: messages', () => {
  const state = fold(
    chronological([
      logStarted(),
      ...cellUp(),
      ...message('m-a', h(0), h(2)),
      ...message('m-b', h(0), h(6)),
      ...message('m-c', h(1)),
      fact('AckDeadlineMissed', { at: h(25), actor: 'sim' }, { messageId: 'm-c' }),
      fact('MessageReferred', { at: h(26), actor: 'cell' }, { messageId: 'm-c' }),
    ]),
  );
  const o = computeOutcomes(state);

  it('times acknowledgements over acknowledged messages only (type-7 median of 2h and 6h is 4h)', () => {
    expect(o.ackTime).toEqual({ count: 2, mean: 4 * H, median: 4 * H, p90: 5.6 * H, max: 6 * H });
  });

  it('counts messages, overdue acknowledgements and referrals', () => {
    expect(o.messages).toEqual({ sent: 3, delivered: 3, acknowledged: 2, answered: 0, lost: 0, overdueAcks: 1 });
    expect(o.supervisor).toEqual({ interventions: 1, referrals: 1, factFindings: 0, rulings: 0, failedMediations: 0 });
  });
});

describe('computeOutcomes: disputes', () => {
  const d = (type: 'SettlementReached' | 'DisputeEscalated' | 'DisputeWithdrawn' | 'DisputeLapsed', id: string, at: string, actor: string) =>
    fact(type, { at, actor }, { disputeId: id });
  const state = fold([
    logStarted(),
    ...cellUp(),
    raise('d-settled', h(0)),
    raise('d-ruled', h(0)),
    raise('d-escalated', h(1)),
    raise('d-open', h(1)),
    raise('d-withdrawn', h(2)),
    raise('d-lapsed', h(2)),
    fact('DisputeAcknowledged', { at: h(3), actor: 'israel' }, { disputeId: 'd-settled' }),
    fact('FactFindingOpened', { at: h(3), actor: 'cell' }, { disputeId: 'd-settled' }),
    fact('MediationRequested', { at: h(4), actor: 'syria' }, { disputeId: 'd-ruled' }),
    fact('DisputeEscalated', { at: h(5), actor: 'israel' }, { disputeId: 'd-escalated' }),
    d('SettlementReached', 'd-settled', h(10), 'cell'),
    fact('SupervisorRuled', { at: h(12), actor: 'us' }, { disputeId: 'd-ruled', ruling: 'both withdraw' }),
    fact('RulingAccepted', { at: h(18), actor: 'syria' }, { disputeId: 'd-ruled' }),
    fact('RulingAccepted', { at: h(20), actor: 'israel' }, { disputeId: 'd-ruled' }),
    d('DisputeWithdrawn', 'd-withdrawn', h(22), 'syria'),
    d('DisputeLapsed', 'd-lapsed', h(32), 'sim'),
  ]);
  const o = computeOutcomes(state);

  it('counts disputes by outcome, open ones included', () => {
    expect(o.disputes).toEqual({
      raised: 6,
      settled: 1,
      ruled: 1,
      escalated: 1,
      withdrawn: 1,
      lapsed: 1,
      open: 1,
      closed: 5,
      resolved: 2,
    });
  });

  it('times resolution over settled and ruled disputes, closing over all closed ones', () => {
    expect(o.resolveTime).toEqual({ count: 2, mean: 15 * H, median: 15 * H, p90: 19 * H, max: 20 * H });
    // Closed after 4h (escalated), 10h, 20h, 20h (withdrawn), 30h (lapsed).
    expect(o.closeTime).toEqual({ count: 5, mean: 16.8 * H, median: 20 * H, p90: 26 * H, max: 30 * H });
  });

  it('reports supervisor interventions and the peaceful close rate', () => {
    expect(o.supervisor).toEqual({ interventions: 2, referrals: 0, factFindings: 1, rulings: 1, failedMediations: 0 });
    expect(o.deescalation.peacefulCloseRate).toBe(0.4);
  });
});

describe('computeOutcomes: ladder', () => {
  // DEFAULT_LADDER: tension from pressure 10, crisis from 25; an airstrike at severity 1 adds 10.
  const climb: Fact[] = [
    logStarted({ end: h(100) }),
    incident(h(10), 'israel', 'syria', 'i-1'),
    incident(h(20), 'israel', 'syria', 'i-2'),
    incident(h(30), 'israel', 'syria', 'i-3'),
    fact('DeescalationStepTaken', { at: h(40), actor: 'israel' }, { stepId: 's-1', kind: 'pullback', cameo: '087', weight: 9 }),
    message('m-1', h(50))[0] as Fact,
  ];

  it('splits a running period over the levels, the current level counted until the last event', () => {
    const o = computeOutcomes(fold(climb));
    expect(o.ladder.timeAt).toEqual({ calm: 10 * H, tension: 30 * H, crisis: 10 * H, armedIncident: 0, conflict: 0 });
    expect(o.period).toEqual({ start: h(0), end: h(50), ms: 50 * H });
    expect(o.ladder).toMatchObject({ level: 'tension', peak: 'crisis', peakIndex: 2, ups: 2, downs: 1, levelsUp: 2, levelsDown: 1 });
    expect(o.ladder.firstAt).toEqual({ calm: h(0), tension: h(10), crisis: h(30), armedIncident: null, conflict: null });
    expect(o.ladder.firstCrisisAt).toBe(h(30));
    expect(o.ladder.timeToCrisisMs).toBe(30 * H);
    expect(o.deescalation).toEqual({ rate: 0.5, steps: 1, peacefulCloseRate: null });
  });

  it('closes the current level at the scenario end once the simulation has ended', () => {
    const ended = [...climb, fact('SimulationEnded', { at: h(60), actor: 'sim' }, { reason: 'timeline' })];
    const o = computeOutcomes(fold(ended));
    expect(o.ladder.timeAt).toEqual({ calm: 10 * H, tension: 80 * H, crisis: 10 * H, armedIncident: 0, conflict: 0 });
    expect(o.period).toEqual({ start: h(0), end: h(100), ms: 100 * H });
  });

  it('counts a jump over crisis as reaching crisis', () => {
    const ladder = { levels: ['calm', 'tension', 'crisis', 'war'], thresholds: [0, 2, 5, 8], max: 20, reliefOnSettlement: 1, reliefOnRuling: 1, escalationPenalty: 1, cooling: 'none' as const };
    const o = computeOutcomes(fold([logStarted({ ladder }), incident(h(3), 'israel', 'syria', 'i-1')]));
    expect(o.ladder.firstAt).toEqual({ calm: h(0), tension: null, crisis: null, war: h(3) });
    expect(o.ladder.firstCrisisAt).toBe(h(3));
    expect(o.ladder.peak).toBe('war');
  });

  it('measures de-escalation in levels: one move down from war to tension undoes two of three levels climbed', () => {
    const ladder = { levels: ['calm', 'tension', 'crisis', 'war'], thresholds: [0, 2, 5, 8], max: 20, reliefOnSettlement: 1, reliefOnRuling: 1, escalationPenalty: 1, cooling: 'none' as const };
    const step = fact('DeescalationStepTaken', { at: h(5), actor: 'israel' }, { stepId: 's-1', kind: 'pullback', cameo: '087', weight: 7 });
    const o = computeOutcomes(fold([logStarted({ ladder }), incident(h(3), 'israel', 'syria', 'i-1'), step]));
    expect(o.ladder).toMatchObject({ level: 'tension', ups: 1, downs: 1, levelsUp: 3, levelsDown: 2 });
    // Counting moves would say the climb was undone entirely (1 down / 1 up).
    expect(o.deescalation.rate).toBeCloseTo(2 / 3, 12);
  });

  it('has no first crisis on a ladder without a crisis level, and no de-escalation rate without ups', () => {
    const ladder = { levels: ['quiet', 'loud'], thresholds: [0, 50], max: 100, reliefOnSettlement: 1, reliefOnRuling: 1, escalationPenalty: 1, cooling: 'none' as const };
    const o = computeOutcomes(fold([logStarted({ ladder }), incident(h(3), 'israel', 'syria', 'i-1')]));
    expect(o.ladder.firstCrisisAt).toBeNull();
    expect(o.ladder.timeToCrisisMs).toBeNull();
    expect(o.deescalation.rate).toBeNull();
    expect(o.ladder.timeAt).toEqual({ quiet: 3 * H, loud: 0 });
  });
});

describe('computeOutcomes: cell suspension', () => {
  const run: Fact[] = [
    logStarted({ end: h(100) }),
    ...cellUp(),
    fact('CellSuspended', { at: h(10), actor: 'syria' }, { reason: 'strike on Damascus' }),
    fact('CellResumed', { at: h(20), actor: 'us' }, {}),
    fact('CellSuspended', { at: h(30), actor: 'us' }, { reason: 'agenda dispute' }),
    incident(h(40), 'world', 'syria', 'i-1', { kind: 'shelling', weight: -2 }),
  ];

  it('counts a suspension still running until the last event', () => {
    expect(computeOutcomes(fold(run)).cell).toEqual({
      suspensions: 2,
      suspendedMs: 20 * H,
      suspendedShare: 0.5,
      regularMeetings: 0,
      extraordinaryMeetings: 0,
    });
  });

  it('counts a suspension open at the end until the scenario end', () => {
    const o = computeOutcomes(fold([...run, fact('SimulationEnded', { at: h(40), actor: 'sim' }, { reason: 'timeline' })]));
    expect(o.cell.suspendedMs).toBe(80 * H);
    expect(o.cell.suspendedShare).toBe(0.8);
  });
});

describe('computeOutcomes: incidents and misunderstandings', () => {
  const o = computeOutcomes(
    fold([
      logStarted(),
      ...cellUp(),
      // Syria blames Israel for what the world did, and strikes back: an accidental escalation.
      incident(h(1), 'world', 'syria', 'i-1', { kind: 'shelling', cameo: '190', weight: -9.5, severity: 0.5 }),
      fact('IncidentObserved', { at: h(2), actor: 'syria' }, { incidentId: 'i-1', attributedTo: 'israel', severity: 0.5 }),
      incident(h(3), 'syria', 'israel', 'i-2', { retaliationFor: 'i-1', severity: 0.2 }),
      // Israel blames Syria for a world incident; the cell clears it first: caught.
      incident(h(4), 'world', 'israel', 'i-3', { kind: 'shelling', cameo: '190', weight: -9.5, severity: 0.2 }),
      fact('IncidentObserved', { at: h(5), actor: 'israel' }, { incidentId: 'i-3', attributedTo: 'syria', severity: 0.2 }),
      fact('IncidentClarified', { at: h(6), actor: 'cell' }, { incidentId: 'i-3', party: 'israel', attributedTo: 'world' }),
      // A correctly attributed retaliation is not accidental.
      incident(h(7), 'israel', 'syria', 'i-4', { severity: 0.1 }),
      fact('IncidentObserved', { at: h(8), actor: 'syria' }, { incidentId: 'i-4', attributedTo: 'israel', severity: 0.1 }),
      incident(h(9), 'syria', 'israel', 'i-5', { retaliationFor: 'i-4', severity: 0.1 }),
      incident(h(10), 'israel', 'syria', 'i-6', { kind: 'aid', cameo: '07', weight: 7, severity: 0.5 }),
    ]),
  );

  it('counts accidental escalations and misunderstandings caught', () => {
    expect(o.accidentalEscalations).toBe(1);
    expect(o.misunderstandingsCaught).toBe(1);
  });

  it('breaks incidents down by kind, perpetrator and sign', () => {
    expect(o.incidents).toEqual({
      total: 6,
      hostile: 5,
      cooperative: 1,
      retaliations: 2,
      byKind: { aid: 1, airstrike: 3, shelling: 2 },
      byParty: { israel: 2, syria: 2, world: 2 },
    });
  });

  it('gives every party a column even without incidents', () => {
    const quiet = computeOutcomes(fold([logStarted(), incident(h(1), 'world', 'syria', 'i-1')]));
    expect(quiet.incidents.byParty).toEqual({ israel: 0, syria: 0, world: 1 });
  });
});

describe('computeOutcomes: repeated interaction', () => {
  const round = (n: number, intended: [string, string], moves: [string, string], payoffs: [number, number]) =>
    fact('RoundPlayed', { at: h(n), actor: 'sim' }, {
      round: n,
      intended: { israel: intended[0], syria: intended[1] } as Record<string, 'restrain' | 'strike'>,
      moves: { israel: moves[0], syria: moves[1] } as Record<string, 'restrain' | 'strike'>,
      payoffs: { israel: payoffs[0], syria: payoffs[1] },
    });

  it('reports rounds, mutual restraint and strikes, accidents and mean payoffs', () => {
    const o = computeOutcomes(
      fold([
        logStarted({ game: true }),
        round(1, ['restrain', 'restrain'], ['restrain', 'restrain'], [3, 3]),
        round(2, ['strike', 'strike'], ['strike', 'strike'], [1, 1]),
        round(3, ['restrain', 'restrain'], ['strike', 'restrain'], [5, 0]),
        fact('AccidentClarified', { at: h(3), actor: 'israel' }, { round: 3, to: 'syria' }),
        round(4, ['restrain', 'restrain'], ['restrain', 'restrain'], [3, 3]),
      ]),
    );
    expect(o.game).toEqual({
      rounds: 4,
      mutualRestraint: 2,
      mutualStrike: 1,
      mutualRestraintRate: 0.5,
      mutualStrikeRate: 0.25,
      accidents: 1,
      clarifiedAccidents: 1,
      meanPayoff: { israel: 3, syria: 1.75 },
    });
  });

  it('reports a game run before its first round with null rates, and no game otherwise', () => {
    const before = computeOutcomes(fold([logStarted({ game: true })]));
    expect(before.game).toMatchObject({ rounds: 0, mutualRestraintRate: null, meanPayoff: { israel: null, syria: null } });
    expect(computeOutcomes(fold([logStarted()])).game).toBeNull();
  });
});

describe('computeOutcomes: the empty state', () => {
  it('gives zeros and nulls, never NaN', () => {
    const o = computeOutcomes(initialState());
    expect(o.period).toEqual({ start: null, end: null, ms: 0 });
    expect(o.ackTime).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
    expect(o.ladder).toMatchObject({ level: null, peak: null, timeAt: {}, firstCrisisAt: null });
    expect(JSON.stringify(o)).not.toMatch(/NaN|Infinity/);
  });
});
