/**
 * The whole cell against a reference model (cellModel.ts, driven by cellModelRun.ts): any sequence of requests is
 * accepted or refused as the documentation says, and what is accepted leaves the cell, the
 * messages, the disputes and the ladder where the model says, with every invariant kept.
 * A decider with a deliberate bug is caught, and fast-check shrinks the counterexample to
 * the two or three requests that show it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { COMMAND_EVENTS, type Command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import type { ParleyState } from '../../src/core/state.js';
import type { Decider } from '../../src/testing/streamGenerator.js';
import { cellModelProperty } from './cellModelRun.js';

/** The fact `cmd` asks for, recorded although the rules refused it. */
const anyway = (cmd: Command) => [fact(COMMAND_EVENTS[cmd.type], { actor: cmd.actor, at: cmd.at }, cmd.data as never)];

/** A decider that lets a party acknowledge a message it never received. */
const ackBeforeDelivery: Decider = (cmd: Command, s: ParleyState) => {
  const r = decide(cmd, s);
  return r instanceof DomainError && r.code === 'MESSAGE_NOT_DELIVERED' ? anyway(cmd) : r;
};

/** A decider that lets the supervisor rule on a dispute that is not in mediation. */
const ruleOutsideMediation: Decider = (cmd: Command, s: ParleyState) => {
  const r = decide(cmd, s);
  return r instanceof DomainError && r.code === 'NOT_IN_MEDIATION' ? anyway(cmd) : r;
};

/** A decider that forgets that most business needs an active cell. */
const ignoresSuspension: Decider = (cmd: Command, s: ParleyState) => {
  const r = decide(cmd, s);
  return r instanceof DomainError && r.code === 'CELL_NOT_ACTIVE' && cmd.type === 'SendMessage' ? anyway(cmd) : r;
};

/** Runs the model against `decider` and returns the shrunk counterexample's requests, as asked. */
function counterexample(decider: Decider, seed: number): string[] {
  const out = fc.check(cellModelProperty(decider), { seed, numRuns: 500 });
  expect(out.failed).toBe(true);
  const message = String((out.errorInstance as Error).message);
  return message.slice(message.indexOf('\nrequests, from ')).split('\n').slice(2).map((line) => line.trim());
}

describe('the whole cell against its reference model', () => {
  it('follows the model on any sequence of requests', () => {
    fc.assert(cellModelProperty(decide), { numRuns: 200 });
  });

  it('catches an acknowledgement before delivery and shrinks it to: send, acknowledge', () => {
    const steps = counterexample(ackBeforeDelivery, 1);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^SendMessage by alpha \{"messageId":"msg-1","to":"bravo"/);
    expect(steps[1]).toBe('AcknowledgeMessage by bravo {"messageId":"msg-1"}');
  });

  it('catches a ruling outside mediation and shrinks it to: raise, rule', () => {
    const steps = counterexample(ruleOutsideMediation, 2);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^RaiseDispute by alpha \{"disputeId":"d-1"/);
    expect(steps[1]).toBe('Rule by us {"disputeId":"d-1","ruling":"so ruled"}');
  });

  it('catches a message sent through a suspended cell and shrinks it to: suspend, send', () => {
    const steps = counterexample(ignoresSuspension, 3);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^SuspendCell by /);
    expect(steps[1]).toMatch(/^SendMessage by /);
  });
});
