/** decide: the cell's life cycle, its tracks and its meetings. */
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import {
  activeCell,
  cellDissolved,
  cellResumed,
  cellSuspended,
  delivered,
  given,
  meetingClosed,
  meetingOpened,
  meetingRequested,
  raisedDispute,
  sentMessage,
  started,
  T0,
  time,
} from './given.js';

const at = { at: T0 };
const send = (actor: string, messageId = 'm-1') =>
  command('SendMessage', { actor, at: T0 }, { messageId, to: 'israel', track: 'intelligence', kind: 'notification' });
const raise = (disputeId = 'd-1') =>
  command('RaiseDispute', { actor: 'syria', at: T0 }, { disputeId, against: 'israel', track: 'deescalation' });
const open = (meetingId: string, kind: 'regular' | 'extraordinary') =>
  command('OpenMeeting', { actor: 'cell', at: T0 }, { meetingId, kind, agenda: { incidents: [], disputes: [] } });

describe('decide: the cell', () => {
  it('is proposed by a party or the supervisor, then established and activated', () => {
    given([started()])
      .when(command('ProposeCell', { actor: 'syria', at: T0 }, { tracks: ['intelligence', 'deescalation'] }))
      .then([fact('CellProposed', { actor: 'syria', at: T0 }, { tracks: ['intelligence', 'deescalation'] })]);
    const [proposed, established, activated] = activeCell();
    if (!proposed || !established || !activated) throw new Error('activeCell builds three facts');
    given([started(), proposed]).when(command('EstablishCell', { actor: 'us', at: T0 }, {})).then([established]);
    const s = given([started(), proposed, established]).when(command('ActivateCell', { actor: 'cell', at: T0 }, {})).then([activated]);
    expect(s.cell?.machine.value).toMatchObject({ active: { intelligence: 'dormant', meetings: 'idle' } });
  });

  it('cannot be proposed when the mechanism is switched off (NO_MECHANISM)', () => {
    given([started({ mechanism: false })])
      .when(command('ProposeCell', { actor: 'us', at: T0 }, { tracks: ['intelligence'] }))
      .thenError('NO_MECHANISM', /switched off/);
  });

  it('cannot be proposed twice (DUPLICATE_ID)', () => {
    given([started(), activeCell()])
      .when(command('ProposeCell', { actor: 'us', at: T0 }, { tracks: ['intelligence'] }))
      .thenError('DUPLICATE_ID', /already been proposed/);
  });

  it('must be established before it is activated (INVALID_TRANSITION)', () => {
    given([started(), activeCell().slice(0, 1)])
      .when(command('ActivateCell', { actor: 'cell', at: T0 }, {}))
      .thenError('INVALID_TRANSITION', /CellActivated is not possible while "proposed"/);
  });

  it('cannot be established when there is none (NO_MECHANISM)', () => {
    given([started()]).when(command('EstablishCell', { actor: 'us', at: T0 }, {})).thenError('NO_MECHANISM');
  });

  it('refuses business before it exists, and while it is only proposed (CELL_NOT_ACTIVE)', () => {
    given([started({ mechanism: false })]).when(send('syria')).thenError('NO_MECHANISM', /needs the cell/);
    given([started(), activeCell().slice(0, 2)]).when(send('syria')).thenError('CELL_NOT_ACTIVE', /"established"/);
  });

  it('is suspended by a party, with the reason', () => {
    const s = given([started(), activeCell()])
      .when(command('SuspendCell', { actor: 'israel', at: time(1) }, { reason: 'strike' }))
      .then([cellSuspended('israel', { at: time(1) })]);
    expect(s.cell?.machine.value).toBe('suspended');
    expect(s.cell?.suspensions).toEqual([{ at: time(1), by: 'israel', reason: 'strike' }]);
  });

  it('refuses messages and disputes while suspended (CELL_NOT_ACTIVE), and accepts them again after resumption', () => {
    const suspended = [started(), activeCell(), cellSuspended('us')];
    given(suspended).when(send('syria')).thenError('CELL_NOT_ACTIVE', /SendMessage while the cell is "suspended"/);
    given(suspended).when(raise()).thenError('CELL_NOT_ACTIVE', /RaiseDispute/);
    given(suspended).when(command('ResumeCell', { actor: 'syria', at: T0 }, {})).then([cellResumed('syria')]);
    const resumed = [...suspended, cellResumed('us')];
    given(resumed).when(send('syria')).then([sentMessage('m-1', 'syria', 'israel', at)]);
    given(resumed).when(raise()).then([raisedDispute('d-1', 'syria', 'israel', undefined, at)]);
  });

  it('cannot be resumed while active, nor suspended while suspended (INVALID_TRANSITION)', () => {
    given([started(), activeCell()])
      .when(command('ResumeCell', { actor: 'us', at: T0 }, {}))
      .thenError('INVALID_TRANSITION', /CellResumed is not possible/);
    given([started(), activeCell(), cellSuspended('us')])
      .when(command('SuspendCell', { actor: 'syria', at: T0 }, { reason: 'again' }))
      .thenError('INVALID_TRANSITION', /"suspended"/);
  });

  it('is dissolved for good: nothing moves it afterwards', () => {
    const s = given([started(), activeCell(), cellSuspended('us')])
      .when(command('DissolveCell', { actor: 'syria', at: time(2) }, { reason: 'over' }))
      .then([cellDissolved('syria', { at: time(2) })]);
    expect(s.cell?.dissolvedAt).toBe(time(2));
    given([started(), activeCell(), cellDissolved('us')]).when(command('ResumeCell', { actor: 'us', at: T0 }, {})).thenError('INVALID_TRANSITION');
    given([started(), activeCell(), cellDissolved('us')]).when(send('syria')).thenError('CELL_NOT_ACTIVE', /"dissolved"/);
  });
});

describe('decide: tracks', () => {
  it('quiets an engaged track, but not a dormant one (INVALID_TRANSITION)', () => {
    const engaged = [started(), activeCell(), sentMessage('m-1', 'syria', 'israel'), delivered('m-1')];
    const s = given(engaged)
      .when(command('QuietTrack', { actor: 'cell', at: T0 }, { track: 'intelligence' }))
      .then([fact('TrackQuieted', { actor: 'cell', at: T0 }, { track: 'intelligence' })]);
    expect(s.cell?.machine.value).toMatchObject({ active: { intelligence: 'dormant' } });
    given([started(), activeCell()])
      .when(command('QuietTrack', { actor: 'cell', at: T0 }, { track: 'intelligence' }))
      .thenError('INVALID_TRANSITION', /TrackQuieted/);
  });

  it('only the cell quiets a track (NOT_ALLOWED)', () => {
    given([started(), activeCell()]).when(command('QuietTrack', { actor: 'us', at: T0 }, { track: 'commercial' })).thenError('NOT_ALLOWED');
  });
});

describe('decide: meetings', () => {
  it('opens a regular meeting from idle', () => {
    const s = given([started(), activeCell()]).when(open('mtg-1', 'regular')).then([meetingOpened('mtg-1', 'regular')]);
    expect(s.meetings.get('mtg-1')?.kind).toBe('regular');
  });

  it('opens an extraordinary meeting only after a request (INVALID_TRANSITION before)', () => {
    given([started(), activeCell()]).when(open('mtg-1', 'extraordinary')).thenError('INVALID_TRANSITION', /MeetingOpened/);
    given([started(), activeCell()])
      .when(command('RequestExtraordinaryMeeting', { actor: 'israel', at: T0 }, { reason: 'incident' }))
      .then([meetingRequested('israel')]);
    given([started(), activeCell(), meetingRequested('israel')]).when(open('mtg-1', 'extraordinary')).then([meetingOpened('mtg-1', 'extraordinary')]);
  });

  it('lets a regular meeting answer a pending request', () => {
    given([started(), activeCell(), meetingRequested('syria')]).when(open('mtg-1', 'regular')).then([meetingOpened('mtg-1', 'regular')]);
  });

  it('refuses a second meeting while one is open, and a request while one is open (INVALID_TRANSITION)', () => {
    const inSession = [started(), activeCell(), meetingOpened('mtg-1', 'regular')];
    given(inSession).when(open('mtg-2', 'regular')).thenError('INVALID_TRANSITION');
    given(inSession)
      .when(command('RequestExtraordinaryMeeting', { actor: 'israel', at: T0 }, { reason: 'incident' }))
      .thenError('INVALID_TRANSITION', /ExtraordinaryMeetingRequested/);
  });

  it('closes the open meeting, and refuses to close when none is open (INVALID_TRANSITION)', () => {
    const s = given([started(), activeCell(), meetingOpened('mtg-1', 'regular')])
      .when(command('CloseMeeting', { actor: 'us', at: time(3) }, { meetingId: 'mtg-1' }))
      .then([fact('MeetingClosed', { actor: 'us', at: time(3) }, { meetingId: 'mtg-1' })]);
    expect(s.meetings.get('mtg-1')?.closedAt).toBe(time(3));
    given([started(), activeCell()])
      .when(command('CloseMeeting', { actor: 'cell', at: T0 }, { meetingId: 'mtg-1' }))
      .thenError('INVALID_TRANSITION', /is not open/);
    given([started(), activeCell(), meetingOpened('mtg-1', 'regular'), meetingClosed('mtg-1')])
      .when(command('CloseMeeting', { actor: 'cell', at: T0 }, { meetingId: 'mtg-1' }))
      .thenError('INVALID_TRANSITION');
  });

  it('needs an active cell to open a meeting or request one (CELL_NOT_ACTIVE)', () => {
    given([started(), activeCell(), cellSuspended('us')]).when(open('mtg-1', 'regular')).thenError('CELL_NOT_ACTIVE');
    given([started(), activeCell(), cellSuspended('us')])
      .when(command('RequestExtraordinaryMeeting', { actor: 'syria', at: T0 }, { reason: 'incident' }))
      .thenError('CELL_NOT_ACTIVE');
  });

  it('only the cell or the supervisor opens a meeting (NOT_ALLOWED)', () => {
    given([started(), activeCell()])
      .when(command('OpenMeeting', { actor: 'syria', at: T0 }, { meetingId: 'mtg-1', kind: 'regular', agenda: { incidents: [], disputes: [] } }))
      .thenError('NOT_ALLOWED');
  });
});
