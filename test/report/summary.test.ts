import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { initialState } from '../../src/core/state.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { formatSummary } from '../../src/report/summary.js';
import { cellUp, fold, h, incident, logStarted, message, raise } from './fixtures.js';

const state = fold([
  logStarted({ end: h(100), game: true }),
  ...cellUp(),
  ...message('m-1', h(0), h(2)),
  ...message('m-2', h(1), h(7)),
  incident(h(10), 'israel', 'syria', 'i-1'),
  incident(h(20), 'israel', 'syria', 'i-2'),
  incident(h(30), 'world', 'syria', 'i-3'),
  // Syria blames Israel for i-3 and plans to strike back; the cell clears it up in time.
  fact('IncidentObserved', { at: h(30), actor: 'syria' }, { incidentId: 'i-3', attributedTo: 'israel', severity: 0.5 }),
  fact('RetaliationPlanned', { at: h(30), actor: 'syria' }, { incidentId: 'i-3', against: 'israel', due: h(40) }),
  raise('d-1', h(30)),
  raise('d-2', h(31)),
  fact('IncidentClarified', { at: h(35), actor: 'cell' }, { incidentId: 'i-3', party: 'syria', attributedTo: 'world' }),
  fact('RetaliationCalledOff', { at: h(35), actor: 'syria' }, { incidentId: 'i-3', reason: 'clarified' }),
  fact('SettlementReached', { at: h(52), actor: 'cell' }, { disputeId: 'd-1' }),
  fact('CellSuspended', { at: h(60), actor: 'syria' }, { reason: 'strike' }),
  fact('RoundPlayed', { at: h(61), actor: 'sim' }, {
    round: 1,
    intended: { israel: 'restrain', syria: 'restrain' },
    moves: { israel: 'restrain', syria: 'strike' },
    payoffs: { israel: 0, syria: 5 },
  }),
  fact('SimulationEnded', { at: h(70), actor: 'sim' }, { reason: 'timeline' }),
]);
const text = formatSummary(computeOutcomes(state), state.meta);
const lines = text.split('\n');

/** The lines of the block that starts with `title`, up to the next blank line. */
function block(title: string): string[] {
  const start = lines.indexOf(title);
  expect(start, `no block ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('formatSummary', () => {
  it('heads the summary with the scenario, seed and simulated period', () => {
    expect(lines.slice(0, 2)).toEqual([
      'Parley outcomes: Report test',
      'seed 7, simulated 2026-01-06T00:00:00Z to 2026-01-10T04:00:00Z (P4DT4H)',
    ]);
  });

  it('puts the headline first: misunderstandings caught while a retaliation against the wrongly blamed side was pending', () => {
    expect(lines[3]).toBe('Headline');
    expect(block('Headline')).toEqual([
      'Headline',
      '  consequential misunderstandings caught  1  (misattribution cleared while a retaliation against the wrongly blamed side was planned and not yet carried out)',
      '  accidental escalations                  0  (retaliation carried out against a side that did not do it)',
    ]);
    expect(text).toContain('  retaliations planned      1  (0 carried out, 1 called off on a clarification, 0 on a dispute\'s peaceful end, 0 pending; 0 held for a dispute)\n');
    expect(text).toContain('  misunderstandings caught  1  (every misattribution cleared before the misled side retaliated, planned or not)\n');
  });

  it('lists each race with its margin: positive when the clarification came first, negative when it came late, or never', () => {
    const raced = fold([
      logStarted({ end: h(100) }),
      ...cellUp(),
      incident(h(10), 'world', 'syria', 'i-1'),
      incident(h(12), 'world', 'israel', 'i-2'),
      incident(h(14), 'world', 'israel', 'i-3'),
      // Won by 5 hours: clarified at 35, due at 40.
      fact('IncidentObserved', { at: h(10), actor: 'syria' }, { incidentId: 'i-1', attributedTo: 'israel', severity: 0.5 }),
      fact('RetaliationPlanned', { at: h(10), actor: 'syria' }, { incidentId: 'i-1', against: 'israel', due: h(40) }),
      // Lost by 2 hours 30 minutes: due at 18, carried out, clarified at 20:30.
      fact('IncidentObserved', { at: h(12), actor: 'israel' }, { incidentId: 'i-2', attributedTo: 'syria', severity: 0.5 }),
      fact('RetaliationPlanned', { at: h(12), actor: 'israel' }, { incidentId: 'i-2', against: 'syria', due: h(18) }),
      // Never clarified, still pending at the end.
      fact('IncidentObserved', { at: h(14), actor: 'israel' }, { incidentId: 'i-3', attributedTo: 'syria', severity: 0.5 }),
      fact('RetaliationPlanned', { at: h(14), actor: 'israel' }, { incidentId: 'i-3', against: 'syria', due: h(90) }),
      incident(h(18), 'israel', 'syria', 'r-1', { retaliationFor: 'i-2' }),
      fact('IncidentClarified', { at: h(20.5), actor: 'cell' }, { incidentId: 'i-2', party: 'israel', attributedTo: 'world' }),
      fact('IncidentClarified', { at: h(35), actor: 'cell' }, { incidentId: 'i-1', party: 'syria', attributedTo: 'world' }),
      fact('RetaliationCalledOff', { at: h(35), actor: 'syria' }, { incidentId: 'i-1', reason: 'clarified' }),
      fact('SimulationEnded', { at: h(70), actor: 'sim' }, { reason: 'timeline' }),
    ]);
    const o = computeOutcomes(raced);
    expect(o.races).toMatchObject({ count: 3, calledOff: 1, carriedOut: 1, pending: 1, held: 0, clarifiedInTime: 1, clarifiedLate: 1, neverClarified: 1 });
    expect(o.races.margin).toEqual({ count: 2, median: 1.25 * 3_600_000, min: -2.5 * 3_600_000, max: 5 * 3_600_000 });
    const out = formatSummary(o, raced.meta).split('\n');
    const at = out.findIndex((l) => l.startsWith('Races:'));
    expect(out.slice(at + 1, at + 5).map((l) => l.replace(/ +/g, ' ').trim())).toEqual([
      'incident party blamed by due clarified margin outcome',
      `i-1 syria israel world ${h(40)} ${h(35)} PT5H called off on the clarification`,
      `i-2 israel syria world ${h(18)} ${h(20.5)} -PT2H30M carried out (the cell lost)`,
      `i-3 israel syria world ${h(90)} - never clarified still pending`,
    ]);
    expect(out[at + 5]).toBe(
      '  1 of 3 called off on a clarification, 0 on a dispute\'s end, 1 carried out, 1 pending; 0 held for a dispute; clarified in time 1, late 1, never 1; margin median PT1H15M, closest -PT2H30M',
    );
  });

  it('leaves the races out when there were none', () => {
    const none = fold([logStarted(), ...cellUp(), incident(h(1), 'israel', 'syria', 'i-1')]);
    expect(formatSummary(computeOutcomes(none), none.meta)).not.toContain('Races');
  });

  it('aligns label/value tables, values right-aligned', () => {
    expect(block('Disputes')).toEqual([
      'Disputes',
      '  raised                  2',
      '  settled                 1',
      '  ruled                   0',
      '  escalated               0',
      '  withdrawn               0',
      '  lapsed                  0',
      '  still open              1',
      '  closed peacefully  100.0%  (1 settled or ruled of 1 closed)',
    ]);
  });

  it('humanises durations as ISO-8601', () => {
    expect(block('Response times')).toEqual([
      'Response times',
      '                                        n  median      p90    max',
      '  acknowledge a message                 2    PT4H  PT5H36M   PT6H',
      '  resolve a dispute (settled or ruled)  1   PT22H    PT22H  PT22H',
      '  close a dispute (any outcome)         1   PT22H    PT22H  PT22H',
    ]);
    // Suspended from h60 until the scenario end at h100.
    expect(text).toContain('  time suspended            P1DT16H  (40.0% of the period)\n');
  });

  it('gives time and share at each ladder level, summing over the period', () => {
    // Calm until h10, tension from h10, crisis from h30 (pressure 30) to the end at h100: the
    // settlement at h52 relieves 5, and 25 is still crisis.
    expect(block('Escalation ladder')).toEqual([
      'Escalation ladder',
      '  peak                      crisis',
      '  level at the end          crisis',
      '  first at crisis or above  2026-01-07T06:00:00Z  (after P1DT6H)',
      '  de-escalation rate        0.0%                  (0 levels down / 2 up, in 0 and 2 moves)',
      '  de-escalation steps       0',
    ]);
    const table = lines.indexOf('  level             time  share  first reached');
    expect(lines.slice(table, table + 6)).toEqual([
      '  level             time  share  first reached',
      '  calm             PT10H  10.0%  2026-01-06T00:00:00Z',
      '  tension          PT20H  20.0%  2026-01-06T10:00:00Z',
      '  crisis         P2DT22H  70.0%  2026-01-07T06:00:00Z',
      '  armedIncident     PT0S   0.0%  -',
      '  conflict          PT0S   0.0%  -',
    ]);
  });

  it('breaks incidents down by kind and by party', () => {
    expect(text).toContain('  by kind    count\n  airstrike      3\n');
    expect(text).toContain('  by party  count\n  israel        2\n  syria         0\n  world         1\n');
  });

  it('reports repeated-interaction rounds with mean payoffs', () => {
    expect(text).toContain('  mutual restraint  0  (0.0% of rounds)\n');
    expect(text).toContain('  party   mean payoff\n  israel            0\n  syria             5\n');
  });

  it('ends with one newline, uses no colour codes, and marks undefined statistics with -', () => {
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(text).not.toMatch(/\u001b\[/);
    const empty = formatSummary(computeOutcomes(initialState()), undefined);
    expect(empty.split('\n')[0]).toBe('Parley outcomes: (no scenario: the log has not started)');
    expect(empty).toContain('  acknowledge a message                 0       -    -    -\n');
    expect(empty).not.toContain('Repeated interaction');
  });
});
