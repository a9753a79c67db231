/**
 * Model-based test of the compiled dispute machine: a hand-written model (the state name and
 * the set of parties that accepted the ruling) written from the machine's documentation, not
 * from its code, driven by fast-check commands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineSnap } from '../../src/machines/compile.js';
import type { DisputeContext, DisputeMachineEvent } from '../../src/machines/dispute.js';
import { compiledDispute } from '../../src/machines/index.js';
import { DISPUTE_EVENTS, PARTY_NAMES } from './arbitraries/disputeEvent.js';

interface Model {
  state: string;
  readonly parties: readonly string[];
  accepted: Set<string>;
}

interface Real {
  snap: MachineSnap<DisputeContext>;
}

const OPEN = { WITHDRAW: 'withdrawn', ESCALATE: 'escalated' };
const TABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  raised: { ACK: 'acknowledged', REQUEST_MEDIATION: 'mediation', SETTLE: 'settled', LAPSE: 'lapsed', ...OPEN },
  acknowledged: {
    OPEN_FACT_FINDING: 'factFinding',
    REQUEST_MEDIATION: 'mediation',
    SETTLE: 'settled',
    LAPSE: 'lapsed',
    ...OPEN,
  },
  // REPORT_FINDINGS is a forbidden transition (`{}`): handled, but not accepted.
  factFinding: { REQUEST_MEDIATION: 'mediation', SETTLE: 'settled', LAPSE: 'lapsed', ...OPEN },
  mediation: { RULE: 'ruling', SETTLE: 'settled', MEDIATION_FAILED: 'deadlocked', ...OPEN },
  ruling: { ACCEPT_RULING: 'ruling', REJECT_RULING: 'deadlocked', ...OPEN },
  deadlocked: { REQUEST_MEDIATION: 'mediation', SETTLE: 'settled', ...OPEN },
};
const FINAL = new Set(['settled', 'ruled', 'withdrawn', 'lapsed', 'escalated']);

/** The model's next state, or undefined when the event is not accepted. */
function next(model: Model, event: DisputeMachineEvent): string | undefined {
  const target = TABLE[model.state]?.[event.type];
  if (target === undefined || event.type !== 'ACCEPT_RULING') return target;
  const accepted = new Set([...model.accepted, event.by]);
  return model.parties.every((p) => accepted.has(p)) ? 'ruled' : 'ruling';
}

/** Sends an event the model says is accepted, and checks the machine followed the model. */
class Accepted implements fc.Command<Model, Real> {
  constructor(readonly event: DisputeMachineEvent) {}
  check(model: Readonly<Model>): boolean {
    return next(model, this.event) !== undefined;
  }
  run(model: Model, real: Real): void {
    const target = next(model, this.event) as string;
    const after = compiledDispute.transition(real.snap, this.event);
    expect(after).not.toBe(real.snap);
    if (target === 'mediation') model.accepted = new Set();
    if (this.event.type === 'ACCEPT_RULING') model.accepted.add(this.event.by);
    model.state = target;
    expect(after.value).toBe(model.state);
    expect(new Set(after.context.accepted)).toEqual(model.accepted);
    expect(after.context.accepted.length).toBe(model.accepted.size);
    expect(after.status).toBe(FINAL.has(model.state) ? 'done' : 'active');
    real.snap = after;
  }
  toString(): string {
    return `accept ${JSON.stringify(this.event)}`;
  }
}

/** Sends an event the model says is not accepted: the machine must hand back the same snapshot. */
class Refused implements fc.Command<Model, Real> {
  constructor(readonly event: DisputeMachineEvent) {}
  check(model: Readonly<Model>): boolean {
    return next(model, this.event) === undefined;
  }
  run(_model: Model, real: Real): void {
    expect(compiledDispute.can(real.snap, this.event)).toBe(false);
    expect(compiledDispute.transition(real.snap, this.event)).toBe(real.snap);
  }
  toString(): string {
    return `refuse ${JSON.stringify(this.event)}`;
  }
}

describe('dispute machine against a hand-written model', () => {
  it('follows the model on any command sequence', () => {
    const event = fc.constantFrom(...DISPUTE_EVENTS);
    const commands = fc.commands([event.map((e) => new Accepted(e)), event.map((e) => new Refused(e))], {
      maxCommands: 40,
    });
    const parties = fc.uniqueArray(fc.constantFrom(...PARTY_NAMES.slice(0, 3)), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(parties, commands, (ps, cmds) => {
        const model: Model = { state: 'raised', parties: ps, accepted: new Set() };
        fc.modelRun(() => ({ model, real: { snap: compiledDispute.initial({ parties: ps }) } }), cmds);
      }),
      { numRuns: 200 },
    );
  });
});
