/**
 * The four machines of src/machines, transcribed by hand into `switch` statements. Each
 * function applies one machine event in place and returns whether it was accepted, with the
 * same acceptance rules as the compiled machine (a guarded transition that changes nothing,
 * like a second acceptance of the same ruling, counts as refused).
 */
import type { Track } from '../../src/core/catalogue.js';
import type { CellRow, DisputeRow, MessageRow } from './switchState.js';

/** Message machine. */
export function messageEvent(m: MessageRow, event: 'DELIVER' | 'LOSE' | 'ACK' | 'ANSWER' | 'DEADLINE' | 'REFER'): boolean {
  switch (m.state) {
    case 'sent':
      if (event === 'DELIVER') return (m.state = 'delivered'), (m.delivered = true);
      if (event === 'LOSE') return (m.state = 'lost'), (m.lost = true);
      if (event === 'DEADLINE') return (m.state = 'overdue'), true;
      return false;
    case 'lost':
      if (event === 'DEADLINE') return (m.state = 'overdue'), true;
      return false;
    case 'delivered':
      if (event === 'ACK') return (m.state = 'acknowledged'), true;
      if (event === 'DEADLINE') return (m.state = 'overdue'), true;
      return false;
    case 'overdue':
      if (event === 'REFER') return (m.state = 'referred'), true;
      return late(m, event);
    case 'referred':
      return late(m, event);
    case 'acknowledged':
      if (event === 'ANSWER') return (m.state = 'answered'), true;
      return false;
    case 'answered':
      return false;
    default: {
      const _exhaustive: never = m.state;
      return _exhaustive;
    }
  }
}

/** `overdue` and `referred` share these: a late delivery or acknowledgement, or a loss (which stays put). */
function late(m: MessageRow, event: string): boolean {
  const inTransit = !m.delivered && !m.lost;
  if (event === 'DELIVER') return inTransit ? (m.delivered = true) : false;
  if (event === 'ACK') return m.delivered ? ((m.state = 'acknowledged'), true) : false;
  if (event === 'LOSE') return inTransit ? (m.lost = true) : false;
  return false;
}

/** Dispute machine; `by` is who accepts a ruling. Sets `done` on reaching a final state. */
export function disputeEvent(d: DisputeRow, event: string, by: string): boolean {
  const next = disputeTarget(d, event, by);
  if (next === undefined) return false;
  if (next === d.state) return true;
  if (next === 'mediation') d.accepted = [];
  d.state = next;
  d.done = next === 'settled' || next === 'ruled' || next === 'withdrawn' || next === 'lapsed' || next === 'escalated';
  return true;
}

function disputeTarget(d: DisputeRow, event: string, by: string): string | undefined {
  switch (d.state) {
    case 'raised':
    case 'acknowledged':
    case 'factFinding':
      switch (event) {
        case 'ACK':
          return d.state === 'raised' ? 'acknowledged' : undefined;
        case 'OPEN_FACT_FINDING':
          return d.state === 'acknowledged' ? 'factFinding' : undefined;
        case 'REQUEST_MEDIATION':
          return 'mediation';
        case 'SETTLE':
          return 'settled';
        case 'LAPSE':
          return 'lapsed';
        case 'WITHDRAW':
          return 'withdrawn';
        case 'ESCALATE':
          return 'escalated';
        case 'REPORT_FINDINGS':
          if (d.state !== 'factFinding') return undefined;
          d.findings += 1;
          return 'factFinding';
        default:
          return undefined;
      }
    case 'mediation':
      switch (event) {
        case 'RULE':
          return 'ruling';
        case 'SETTLE':
          return 'settled';
        case 'MEDIATION_FAILED':
          return 'deadlocked';
        case 'WITHDRAW':
          return 'withdrawn';
        case 'ESCALATE':
          return 'escalated';
        default:
          return undefined;
      }
    case 'ruling':
      switch (event) {
        case 'ACCEPT_RULING': {
          // A second acceptance, or one by a non-party, is refused (the `alreadyAccepted` guard).
          if (d.accepted.includes(by) || !d.parties.includes(by)) return undefined;
          const complete = d.parties.every((p) => p === by || d.accepted.includes(p));
          d.accepted = [...d.accepted, by];
          return complete ? 'ruled' : 'ruling';
        }
        case 'REJECT_RULING':
          return 'deadlocked';
        case 'WITHDRAW':
          return 'withdrawn';
        case 'ESCALATE':
          return 'escalated';
        default:
          return undefined;
      }
    case 'deadlocked':
      switch (event) {
        case 'REQUEST_MEDIATION':
          return 'mediation';
        case 'SETTLE':
          return 'settled';
        case 'WITHDRAW':
          return 'withdrawn';
        case 'ESCALATE':
          return 'escalated';
        default:
          return undefined;
      }
    default:
      return undefined; // final states accept nothing
  }
}

const FRESH_TRACKS = (): CellRow['trackStates'] => ({
  intelligence: 'dormant',
  deescalation: 'dormant',
  diplomatic: 'dormant',
  commercial: 'dormant',
});

/** Cell events other than track signals; `OPEN_MEETING` is split by its `kind` guard. */
export type CellEvent =
  | 'ESTABLISH'
  | 'ACTIVATE'
  | 'SUSPEND'
  | 'RESUME'
  | 'DISSOLVE'
  | 'REQUEST_MEETING'
  | 'OPEN_REGULAR'
  | 'OPEN_EXTRAORDINARY'
  | 'CLOSE_MEETING';

/** Cell machine, top level and meetings region. */
export function cellEvent(c: CellRow, event: CellEvent): boolean {
  switch (c.phase) {
    case 'proposed':
      if (event === 'ESTABLISH') return (c.phase = 'established'), true;
      if (event === 'DISSOLVE') return (c.phase = 'dissolved'), true;
      return false;
    case 'established':
      if (event === 'ACTIVATE') return enterActive(c), true;
      if (event === 'DISSOLVE') return (c.phase = 'dissolved'), true;
      return false;
    case 'suspended':
      if (event === 'RESUME') return enterActive(c), true;
      if (event === 'DISSOLVE') return (c.phase = 'dissolved'), true;
      return false;
    case 'dissolved':
      return false;
    case 'active':
      return activeEvent(c, event);
    default: {
      const _exhaustive: never = c.phase;
      return _exhaustive;
    }
  }
}

function enterActive(c: CellRow): void {
  c.phase = 'active';
  c.trackStates = FRESH_TRACKS();
  c.meetingState = 'idle';
}

function activeEvent(c: CellRow, event: CellEvent): boolean {
  switch (event) {
    case 'SUSPEND':
      c.phase = 'suspended';
      c.suspensionCount += 1;
      return true;
    case 'DISSOLVE':
      c.phase = 'dissolved';
      return true;
    case 'REQUEST_MEETING':
      if (c.meetingState !== 'idle') return false;
      c.meetingState = 'requested';
      return true;
    case 'OPEN_REGULAR':
      if (c.meetingState !== 'idle' && c.meetingState !== 'requested') return false;
      c.meetingState = 'regular';
      c.meetingsHeld += 1;
      return true;
    case 'OPEN_EXTRAORDINARY':
      if (c.meetingState !== 'requested') return false;
      c.meetingState = 'extraordinary';
      c.meetingsHeld += 1;
      return true;
    case 'CLOSE_MEETING':
      if (c.meetingState !== 'regular' && c.meetingState !== 'extraordinary') return false;
      c.meetingState = 'idle';
      return true;
    default:
      return false; // ESTABLISH, ACTIVATE, RESUME: not in `active`
  }
}

/** Cell machine, one track region (`<track>.<signal>` in the xstate machine). */
export function trackEvent(c: CellRow, track: Track, signal: 'ENGAGE' | 'STRAIN' | 'EASE' | 'QUIET'): boolean {
  if (c.phase !== 'active') return false;
  const state = c.trackStates[track];
  switch (signal) {
    case 'ENGAGE':
      if (state !== 'dormant') return false;
      c.trackStates[track] = 'engaged';
      return true;
    case 'STRAIN':
      if (state === 'strained') return false;
      c.trackStates[track] = 'strained';
      return true;
    case 'EASE':
      if (state !== 'strained') return false;
      c.trackStates[track] = 'engaged';
      return true;
    case 'QUIET':
      if (state !== 'engaged') return false;
      c.trackStates[track] = 'dormant';
      return true;
    default: {
      const _exhaustive: never = signal;
      return _exhaustive;
    }
  }
}
