/**
 * The cell's part of the fold: its lifecycle (suspension time, dissolution), its meetings
 * (opened, closed, and the one in session ended by a suspension), and the track signals
 * (engage, strain, ease) that messages and disputes send to its track regions.
 */
import type { CellMachineEvent } from '../machines/cell.js';
import { compiledCell } from '../machines/index.js';
import type { Mover } from './apply.js';
import { plain } from './applyLadder.js';
import { TRACKS, type Recorded, type Track } from './catalogue.js';
import { ReplayError } from './errors.js';
import type { Mutable, ParleyState } from './state.js';
import { parseInstant } from './time.js';

type Draft = Mutable<ParleyState>;

/** What a fact tells a track region of the cell: engaged, strained, or eased. */
export type Signal = 'ENGAGE' | 'STRAIN' | 'EASE';

/** Track signals, one shared machine event per (track, signal). */
const SIGNALS = Object.fromEntries(
  TRACKS.map((t) => [
    t,
    Object.freeze({
      ENGAGE: Object.freeze({ type: `${t}.ENGAGE` }),
      STRAIN: Object.freeze({ type: `${t}.STRAIN` }),
      EASE: Object.freeze({ type: `${t}.EASE` }),
    }),
  ]),
) as unknown as Readonly<Record<Track, Readonly<Record<Signal, CellMachineEvent>>>>;

function ms(at: string): number {
  return parseInstant(at) as number;
}

/** A fact routed to the cell's machine: moves it (a `ReplayError` if refused) and records what it changed. */
export function cellFact(s: Draft, e: Recorded, event: CellMachineEvent, mv: Mover): void {
  const c = s.cell;
  if (!c) throw new ReplayError(e.seq, `[cell] ${e.type} before the cell was proposed`);
  // Read before the transition moves the cell out of `active`: see `endMeeting`.
  const inSession = e.type === 'CellSuspended' && meetingMayBeInSession(plain(c.machine).value);
  if (!mv(compiledCell, c, event)) {
    throw new ReplayError(e.seq, `[cell] ${e.type} is not possible in state ${JSON.stringify(c.machine.value)}`);
  }
  switch (e.type) {
    case 'CellSuspended':
      c.suspendedSinceMs = ms(e.at);
      c.suspensions.push({ at: e.at, by: e.actor, reason: e.data.reason });
      if (inSession) endMeeting(s, e.at);
      return;
    case 'CellResumed':
      c.suspendedMs += ms(e.at) - (c.suspendedSinceMs ?? ms(e.at));
      c.suspendedSinceMs = undefined;
      return;
    case 'CellDissolved':
      if (c.suspendedSinceMs !== undefined) {
        c.suspendedMs += ms(e.at) - c.suspendedSinceMs;
        c.suspendedSinceMs = undefined;
      }
      c.dissolvedAt = e.at;
      return;
    case 'MeetingOpened': {
      const id = e.data.meetingId;
      if (s.meetings.has(id)) throw new ReplayError(e.seq, `[cell] meeting ${id} opened twice`);
      s.openMeeting = id;
      s.meetings.set(id, {
        id,
        kind: e.data.kind,
        openedAt: e.at,
        closedAt: undefined,
        incidents: e.data.agenda.incidents.length,
        disputes: e.data.agenda.disputes.length,
      });
      return;
    }
    case 'MeetingClosed': {
      const m = s.meetings.get(e.data.meetingId);
      if (!m || m.closedAt) throw new ReplayError(e.seq, `[cell] meeting ${e.data.meetingId} is not open`);
      m.closedAt = e.at;
      if (s.openMeeting === m.id) s.openMeeting = undefined;
      return;
    }
    default:
      return;
  }
}

/**
 * Whether the cell's meetings region may have a meeting in session. A meeting is only ever
 * opened from `idle` or `requested` and only leaves its session by closing (back to `idle`),
 * by suspension (which ends it) or by dissolution (final): in those two states no meeting is
 * open. Any other state, or a cell that is not active, is treated as "maybe".
 */
function meetingMayBeInSession(v: unknown): boolean {
  const active = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).active : undefined;
  if (typeof active !== 'object' || active === null) return true;
  const meetings = (active as Record<string, unknown>).meetings;
  return meetings !== 'idle' && meetings !== 'requested';
}

/** Suspension leaves the meetings region: the meeting in session (tracked, so no scan) ends. */
function endMeeting(s: Draft, at: string): void {
  const id = s.openMeeting;
  const m = id === undefined ? undefined : s.meetings.get(id);
  if (m && m.closedAt === undefined) m.closedAt = at;
  s.openMeeting = undefined;
}

/** Track signals are consequences, not facts: a signal the track cannot take is ignored. */
export function signal(s: Draft, track: Track, what: Signal, mv: Mover): void {
  if (s.cell) mv(compiledCell, s.cell, SIGNALS[track][what]);
}
