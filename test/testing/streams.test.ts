/** Generated streams keep every invariant, honour their constraints, and reach every fact. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from '../../src/core/catalogue.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { checkEveryPrefix } from '../../src/testing/checkEveryPrefix.js';
import type { Procedure } from '../../src/testing/streamGenerator.js';

/** Event types each procedure may add to a stream (beyond the set-up every stream has). */
const BY_PROCEDURE: Record<Procedure, readonly EventType[]> = {
  incidents: ['IncidentOccurred', 'IncidentObserved', 'IncidentClarified', 'RetaliationPlanned', 'RetaliationHeld', 'RetaliationCalledOff', 'DeescalationStepTaken', 'LadderCooled'],
  messages: ['MessageSent', 'MessageDelivered', 'MessageLost', 'MessageAcknowledged', 'MessageAnswered', 'AckDeadlineMissed', 'MessageReferred'],
  disputes: ['DisputeRaised', 'DisputeAcknowledged', 'FactFindingOpened', 'FactFindingReported', 'SettlementReached', 'MediationRequested', 'SupervisorRuled', 'RulingAccepted', 'RulingRejected', 'MediationFailed', 'DisputeEscalated', 'DisputeWithdrawn', 'DisputeDeadlineMissed', 'DisputeLapsed'],
  meetings: ['ExtraordinaryMeetingRequested', 'MeetingOpened', 'MeetingClosed'],
  cell: ['CellSuspended', 'CellResumed', 'CellDissolved', 'TrackQuieted', 'ParametersChanged'],
  game: ['RoundPlayed', 'AccidentClarified'],
};
const SETUP: readonly EventType[] = ['LogStarted', 'CellProposed', 'CellEstablished', 'CellActivated', 'SimulationEnded'];

describe('eventStreamArbitrary', () => {
  it('streams keep every invariant at every prefix', () => {
    fc.assert(
      fc.property(eventStreamArbitrary(), (events) => {
        expect(checkEveryPrefix(events)).toEqual({ ok: true, events: events.length });
      }),
      { numRuns: 100 },
    );
  });

  it('honours parties, tracks, procedures, length and the end', () => {
    const procedures = fc.subarray(['incidents', 'messages', 'disputes', 'meetings', 'cell', 'game'] as Procedure[], { minLength: 1 });
    const constraints = fc.record({
      parties: fc.constantFrom(['syria', 'israel'], ['a', 'b', 'c', 'd']),
      tracks: fc.subarray(['intelligence', 'deescalation', 'diplomatic', 'commercial'] as const, { minLength: 1 }),
      procedures,
      maxSteps: fc.integer({ min: 0, max: 60 }),
      end: fc.boolean(),
    });
    fc.assert(
      fc.property(constraints.chain((c) => eventStreamArbitrary({ ...c, mechanism: true, game: false }).map((events) => ({ c, events }))), ({ c, events }) => {
        const allowed = new Set([...SETUP, ...c.procedures.flatMap((p) => BY_PROCEDURE[p])]);
        for (const e of events) expect(allowed).toContain(e.type);
        const start = events[0];
        expect(start?.type === 'LogStarted' && Object.keys(start.data.parties)).toEqual(c.parties);
        for (const e of events) {
          const track = (e.data as { track?: string }).track;
          if (track !== undefined) expect(c.tracks).toContain(track);
        }
        // One event per accepted command at most: set-up (4) + steps + the end.
        expect(events.length).toBeLessThanOrEqual(4 + c.maxSteps + 1);
        expect(events.at(-1)?.type === 'SimulationEnded').toBe(c.end);
      }),
      { numRuns: 100 },
    );
  });

  it('without a cell, only incidents and rounds happen', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ mechanism: false, game: true }), (events) => {
        const allowed = new Set<EventType>(['LogStarted', 'SimulationEnded', ...BY_PROCEDURE.incidents, 'RoundPlayed']);
        for (const e of events) expect(allowed).toContain(e.type);
      }),
      { numRuns: 100 },
    );
  });

  it('reaches every event type across a modest sample', () => {
    // A held retaliation needs a pending plan and the victim's own open dispute over the
    // incident: about 1 stream in 100 holds one, so 300 streams (2 to 5 held, over seeds 1-8).
    const seen = new Set(fc.sample(eventStreamArbitrary({ maxSteps: 200, mechanism: true }), { numRuns: 300, seed: 3 }).flat().map((e) => e.type));
    expect(EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });
});
