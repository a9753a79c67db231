/**
 * decide: every party, incident and track a fact names exists in the run. These are the
 * rules `verify --deep` found missing when it began re-deciding whole logs: findings that
 * blame someone who is neither a party nor world, a suspension or a meeting request over an
 * incident that never happened, a quiet track the cell does not have, a cell proposed on a
 * track the run does not record, suspension rules naming a stranger.
 */
import { describe, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import {
  activeCell,
  disputeAcknowledged,
  factFindingOpened,
  given,
  incident,
  raisedDispute,
  RULES,
  sentMessage,
  started,
  T0,
} from './given.js';

const cell = [started(), activeCell()];
const inFactFinding = [...cell, raisedDispute('d-1', 'syria', 'israel'), disputeAcknowledged('d-1', 'israel'), factFindingOpened('d-1')];
const findings = (attributedTo?: string) =>
  command('ReportFindings', { actor: 'cell', at: T0 }, { disputeId: 'd-1', finding: 'the patrol was theirs', ...(attributedTo === undefined ? {} : { attributedTo }) });

describe('decide: findings blame a party or world', () => {
  it('the cell reports findings that attribute the incident to a party, to world, or to no one', () => {
    for (const to of ['israel', 'world', undefined]) {
      const f = fact('FactFindingReported', { actor: 'cell', at: T0 }, { disputeId: 'd-1', finding: 'the patrol was theirs', ...(to === undefined ? {} : { attributedTo: to }) });
      given(inFactFinding).when(findings(to)).then([f]);
    }
  });

  it('findings that blame the supervisor, the cell or a stranger are refused', () => {
    for (const to of ['us', 'cell', 'atlantis']) {
      given(inFactFinding).when(findings(to)).thenError('NOT_ALLOWED', new RegExp(`"${to}": neither a party nor world`));
    }
  });
});

describe('decide: what a cell step names exists', () => {
  it('a suspension over an incident names one that happened', () => {
    const suspend = (incidentId: string) => command('SuspendCell', { actor: 'syria', at: T0 }, { reason: 'strike', incidentId });
    given([...cell, incident('inc-1', 'israel', 'syria')]).when(suspend('inc-1')).then([
      fact('CellSuspended', { actor: 'syria', at: T0 }, { reason: 'strike', incidentId: 'inc-1' }),
    ]);
    given(cell).when(suspend('inc-404')).thenError('UNKNOWN_INCIDENT', /unknown incident inc-404/);
  });

  it('a meeting request over an incident names one that happened', () => {
    const request = (incidentId: string) => command('RequestExtraordinaryMeeting', { actor: 'israel', at: T0 }, { reason: 'strike', incidentId });
    given([...cell, incident('inc-1', 'syria', 'israel')]).when(request('inc-1')).then([
      fact('ExtraordinaryMeetingRequested', { actor: 'israel', at: T0 }, { reason: 'strike', incidentId: 'inc-1' }),
    ]);
    given(cell).when(request('inc-404')).thenError('UNKNOWN_INCIDENT', /unknown incident inc-404/);
  });

  it('only a track the cell has can be quiet', () => {
    // A track with traffic on it is engaged, and may fall quiet.
    const small = [started(), activeCell(['diplomatic', 'deescalation']), sentMessage('m-1', 'syria', 'israel', { track: 'diplomatic' })];
    const quiet = (track: 'diplomatic' | 'commercial') => command('QuietTrack', { actor: 'cell', at: T0 }, { track });
    given(small).when(quiet('diplomatic')).then([fact('TrackQuieted', { actor: 'cell', at: T0 }, { track: 'diplomatic' })]);
    given(small).when(quiet('commercial')).thenError('NOT_ALLOWED', /track commercial is not open in this cell/);
  });

  it("a cell is proposed on the run's own tracks only", () => {
    const log = { ...started(), data: { ...started().data, tracks: ['diplomatic' as const] } };
    const propose = command('ProposeCell', { actor: 'us', at: T0 }, { tracks: ['diplomatic', 'commercial'] });
    given([log]).when(propose).thenError('NOT_ALLOWED', /track commercial is not one of this run's tracks \(diplomatic\)/);
  });
});

describe('decide: the first event names only its own actors', () => {
  it('suspension rules name parties or the supervisor', () => {
    const start = (by: string[]) => command('StartLog', { actor: 'sim', at: T0 }, { ...started().data, rules: { ...RULES, suspension: { ...RULES.suspension, by } } });
    given([]).when(start(['syria', 'us'])).then([fact('LogStarted', { actor: 'sim', at: T0 }, { ...started().data, rules: { ...RULES, suspension: { ...RULES.suspension, by: ['syria', 'us'] } } })]);
    given([]).when(start(['syria', 'atlantis'])).thenError('INVALID_DATA', /rules\.suspension\.by names "atlantis"/);
  });
});
