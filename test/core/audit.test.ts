/**
 * The audit behind `verify --deep` and appends (src/core/audit.ts): every fact of a valid
 * stream is the one decide gives; a copy of an auditor is independent of it; and what the
 * audit finds is worded as decide words it, or names the field that differs, or the
 * invariant a state breaks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Auditor, auditFact, describeAudit } from '../../src/core/audit.js';
import { fact, type Recorded } from '../../src/core/catalogue.js';
import { InvariantChecker } from '../../src/core/invariants.js';
import { Replayer } from '../../src/core/replay.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { activeCell, fold, raisedDispute, sentMessage, started, T0, time } from './given.js';

const recorded = (facts: readonly object[]): Recorded[] => facts.map((f, i) => ({ ...f, seq: i + 1 }) as Recorded);

describe('auditFact', () => {
  it('finds nothing wrong with any fact of a stream the rules accepted, and the auditor folds it as a replay does', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 80 }), (events) => {
        const auditor = new Auditor();
        for (const e of events) expect(auditor.push(e), `seq ${e.seq} ${e.type}`).toBeUndefined();
        expect(auditor.finish()).toBeUndefined();
        const r = new Replayer();
        for (const e of events) r.push(e);
        expect(auditor.state).toEqual(r.peek());
      }),
      { numRuns: 60 },
    );
  });

  it("words a refused fact with decide's code and message", () => {
    const state = fold([started(), ...activeCell()]);
    const ruling = fact('SupervisorRuled', { actor: 'syria', at: T0 }, { disputeId: 'd-1', ruling: 'mine' });
    const p = auditFact(state, ruling);
    expect(p).toEqual({ rule: 'NOT_ALLOWED', message: '[Rule] a party (syria) may not do this' });
    expect(describeAudit(p as NonNullable<typeof p>)).toBe('NOT_ALLOWED: [Rule] a party (syria) may not do this');
  });

  it('names the field in which a recorded fact differs from what the rules give', () => {
    const state = fold([started(), ...activeCell()]);
    expect(auditFact(state, sentMessage('m-1', 'syria', 'israel'))).toBeUndefined();
    expect(auditFact(state, sentMessage('m-1', 'syria', 'israel', { ackBy: time(48) }))).toEqual({
      rule: 'DIFFERS_FROM_RULES',
      field: 'data.ackBy',
      message: `[log] MessageSent differs from what the rules give: ackBy is ${time(48)}, but the acknowledgement deadline (P1D) gives ${time(24)}`,
    });
    expect(auditFact(state, raisedDispute('d-1', 'syria', 'israel', undefined, { respondBy: time(1) }))).toMatchObject({
      rule: 'DIFFERS_FROM_RULES',
      field: 'data.respondBy',
    });
  });
});

describe('Auditor', () => {
  it('a copy follows its own facts and leaves the original as it was', () => {
    const auditor = new Auditor();
    for (const e of recorded([started(), ...activeCell()])) expect(auditor.push(e)).toBeUndefined();
    const before = JSON.stringify(auditor.state);
    const trial = auditor.copy();
    expect(trial.push({ ...sentMessage('m-1', 'syria', 'israel'), seq: 5 } as Recorded)).toBeUndefined();
    expect(trial.state.messages.has('m-1')).toBe(true);
    expect(JSON.stringify(auditor.state)).toBe(before);
    expect(auditor.state.messages.has('m-1')).toBe(false);
  });

  it('reports a state that breaks an invariant after a fact, and at the end', () => {
    const state = fold([started(), ...activeCell()]);
    // A state whose counters disagree with its events: whatever comes next, the invariants say so.
    const broken = { ...state, counters: { ...state.counters, events: state.counters.events + 1 } };
    const auditor = new Auditor({ state: broken, checker: new InvariantChecker() });
    expect(auditor.push({ ...sentMessage('m-1', 'syria', 'israel'), seq: 5 } as Recorded)).toMatchObject({
      rule: 'INVARIANT',
      message: expect.stringMatching(/^\[invariant\] event counters: /),
    });
    expect(new Auditor({ state: broken, checker: new InvariantChecker() }).finish()).toMatchObject({ rule: 'INVARIANT' });
  });
});
