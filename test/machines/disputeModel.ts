/**
 * A hand-written model of the dispute machine, written from its documentation rather than
 * its code: the state name, the parties that accepted the ruling and the number of
 * fact-finding reports. Commands send machine events; `check(model)` says whether the model
 * expects the event to be accepted (the `Accepted` command) or refused (`Refused`).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { CompiledMachine, MachineSnap } from '../../src/machines/compiled/compile.js';
import type { DisputeContext, DisputeMachineEvent } from '../../src/machines/dispute.js';
import { DISPUTE_EVENTS, PARTY_NAMES } from './arbitraries/disputeEvent.js';

/** The compiled dispute machine, or a variant of it. */
export type DisputeCompiled = CompiledMachine<DisputeContext, DisputeMachineEvent>;

interface Model {
  state: string;
  readonly parties: readonly string[];
  accepted: ReadonlySet<string>;
  findings: number;
}

interface Real {
  readonly machine: DisputeCompiled;
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
  factFinding: {
    REPORT_FINDINGS: 'factFinding',
    REQUEST_MEDIATION: 'mediation',
    SETTLE: 'settled',
    LAPSE: 'lapsed',
    ...OPEN,
  },
  mediation: { RULE: 'ruling', SETTLE: 'settled', MEDIATION_FAILED: 'deadlocked', ...OPEN },
  ruling: { ACCEPT_RULING: 'ruling', REJECT_RULING: 'deadlocked', ...OPEN },
  deadlocked: { REQUEST_MEDIATION: 'mediation', SETTLE: 'settled', ...OPEN },
};
const FINAL = new Set(['settled', 'ruled', 'withdrawn', 'lapsed', 'escalated']);
const ENDINGS = new Set(['SETTLE', 'LAPSE', 'WITHDRAW', 'ESCALATE']);

/** The model's next state, or undefined when the event should be refused. */
function next(model: Readonly<Model>, event: DisputeMachineEvent): string | undefined {
  const target = TABLE[model.state]?.[event.type];
  if (target === undefined || event.type !== 'ACCEPT_RULING') return target;
  // Accepting twice changes nothing, so it is refused.
  if (model.accepted.has(event.by) || !model.parties.includes(event.by)) return undefined;
  const accepted = new Set([...model.accepted, event.by]);
  return model.parties.every((p) => accepted.has(p)) ? 'ruled' : 'ruling';
}

class Accepted implements fc.Command<Model, Real> {
  constructor(readonly event: DisputeMachineEvent) {}
  check(model: Readonly<Model>): boolean {
    return next(model, this.event) !== undefined;
  }
  run(model: Model, real: Real): void {
    const target = next(model, this.event) as string;
    expect(real.machine.can(real.snap, this.event)).toBe(true);
    const after = real.machine.transition(real.snap, this.event);
    expect(after).not.toBe(real.snap);
    if (target === 'mediation') model.accepted = new Set();
    if (this.event.type === 'ACCEPT_RULING') model.accepted = new Set([...model.accepted, this.event.by]);
    if (this.event.type === 'REPORT_FINDINGS') model.findings += 1;
    model.state = target;
    expect(after.value).toBe(model.state);
    expect(after.context.accepted).toEqual([...model.accepted]);
    expect(after.context.findings).toBe(model.findings);
    expect(after.status).toBe(FINAL.has(model.state) ? 'done' : 'active');
    real.snap = after;
  }
  toString(): string {
    return `accepted(${JSON.stringify(this.event)})`;
  }
}

class Refused implements fc.Command<Model, Real> {
  constructor(readonly event: DisputeMachineEvent) {}
  check(model: Readonly<Model>): boolean {
    return next(model, this.event) === undefined;
  }
  run(_model: Model, real: Real): void {
    expect(real.machine.can(real.snap, this.event)).toBe(false);
    expect(real.machine.transition(real.snap, this.event)).toBe(real.snap);
  }
  toString(): string {
    return `refused(${JSON.stringify(this.event)})`;
  }
}

/** Runs `numRuns` command sequences against `machine`; throws on the first disagreement. */
export function checkDisputeModel(machine: DisputeCompiled, numRuns: number): void {
  // Events that end the dispute are rare, or runs would seldom get past mediation.
  const event = fc.oneof(
    { arbitrary: fc.constantFrom(...DISPUTE_EVENTS.filter((e) => !ENDINGS.has(e.type))), weight: 12 },
    { arbitrary: fc.constantFrom(...DISPUTE_EVENTS.filter((e) => ENDINGS.has(e.type))), weight: 1 },
  );
  // Accepted commands are weighted up: a skipped command (failed check) is a wasted step.
  const accepted = event.map((e) => new Accepted(e));
  const commands = fc.commands([accepted, accepted, accepted, event.map((e) => new Refused(e))], {
    maxCommands: 80,
    size: 'max',
  });
  const parties = fc.uniqueArray(fc.constantFrom(...PARTY_NAMES.slice(0, 3)), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(parties, commands, (ps, cmds) => {
      const model: Model = { state: 'raised', parties: ps, accepted: new Set(), findings: 0 };
      fc.modelRun(() => ({ model, real: { machine, snap: machine.initial({ parties: ps }) } }), cmds);
    }),
    { numRuns },
  );
}
