/**
 * Anything outside the supported subset is rejected when the machine is compiled, with a
 * message naming the machine and the state node, so an edit cannot make replay diverge.
 */
import { describe, expect, it } from 'vitest';
import {
  and,
  assign,
  createMachine,
  enqueueActions,
  fromPromise,
  not,
  raise,
  sendTo,
  setup,
  spawnChild,
  type AnyStateMachine,
} from 'xstate';
import { compileMachine, MachineCompileError } from '../../src/machines/compiled/compile.js';

/** A machine `m` whose state `a` has `config` merged in (and a sibling `b`). */
function withA(config: Record<string, unknown>, implementations: Record<string, unknown> = {}): AnyStateMachine {
  return createMachine(
    { id: 'm', initial: 'a', context: {}, states: { a: { ...config }, b: {} } } as never,
    implementations as never,
  );
}

function rejection(machine: AnyStateMachine): MachineCompileError {
  try {
    compileMachine(machine);
  } catch (err) {
    if (err instanceof MachineCompileError) return err;
    throw err;
  }
  throw new Error('expected compileMachine to throw');
}

describe('compileMachine rejects', () => {
  it.each([
    { what: 'after', config: { after: { 1000: 'b' } }, says: /'#m\.a' uses 'after'/ },
    { what: 'always', config: { always: { target: 'b' } }, says: /'#m\.a' uses 'always'/ },
    {
      what: 'invoke',
      config: { invoke: { src: fromPromise(async () => 1) } },
      says: /'#m\.a' uses 'invoke'/,
    },
    {
      what: 'onDone',
      config: { initial: 'x', states: { x: {} }, onDone: 'b' },
      says: /'#m\.a' uses 'onDone'/,
    },
    {
      what: 'an inline non-assign action',
      config: { entry: () => undefined },
      says: /'#m\.a' uses an inline action function in entry/,
    },
    {
      what: 'raise',
      config: { exit: raise({ type: 'X' }) },
      says: /'#m\.a' uses the built-in action 'xstate\.raise' in exit/,
    },
    {
      what: 'sendTo',
      config: { on: { E: { actions: sendTo('x', { type: 'X' }) } } },
      says: /'#m\.a' uses the built-in action 'xstate\.sendTo'/,
    },
    {
      what: 'spawnChild',
      config: { entry: spawnChild('x') },
      says: /'#m\.a' uses the built-in action 'xstate\.spawnChild'/,
    },
    {
      what: 'enqueueActions',
      config: { entry: enqueueActions(() => undefined) },
      says: /'#m\.a' uses the built-in action 'xstate\.enqueueActions'/,
    },
    {
      what: 'a wildcard descriptor',
      config: { on: { '*': 'b' } },
      says: /'#m\.a' uses the wildcard event descriptor '\*'/,
    },
    {
      what: 'a partial descriptor',
      config: { on: { 'track.*': 'b' } },
      says: /'#m\.a' uses the wildcard event descriptor 'track\.\*'/,
    },
    {
      what: 'a history state',
      config: { initial: 'x', states: { x: {}, h: { type: 'history' } } },
      says: /'#m\.a\.h' is a history state/,
    },
    {
      what: 'a nested final state',
      config: { initial: 'x', states: { x: { type: 'final' } } },
      says: /'#m\.a\.x' is a nested final state/,
    },
    {
      what: 'a higher-order guard',
      config: { on: { E: { guard: not(() => true), target: 'b' } } },
      says: /'#m\.a' uses a higher-order guard/,
    },
    {
      what: "v4's internal",
      config: { on: { E: { internal: false, target: 'b' } } },
      says: /'#m\.a' uses the unsupported key 'internal'/,
    },
    {
      what: 'an object initial',
      config: { initial: { target: 'x' }, states: { x: {} } },
      says: /'#m\.a' has an 'initial'/,
    },
  ])('$what', ({ config, says }) => {
    const error = rejection(withA(config));
    expect(error.message).toMatch(says);
    expect(error.message).toMatch(/^\[machines\] cannot compile machine 'm'/);
    expect(error.code).toBe('MACHINE_UNSUPPORTED');
  });

  it('names the state node in the error', () => {
    expect(rejection(withA({ after: { 5: 'b' } })).stateId).toBe('m.a');
  });

  it('a named action that is not an assign', () => {
    const machine = setup({ actions: { shout: () => undefined } }).createMachine({
      id: 'm',
      initial: 'a',
      states: { a: { entry: 'shout' } },
    });
    expect(rejection(machine).message).toMatch(/'#m\.a' references action 'shout', not an assign action/);
  });

  it('a named higher-order guard', () => {
    const machine = setup({ guards: { yes: () => true, both: and(['yes', 'yes']) } }).createMachine({
      id: 'm',
      initial: 'a',
      states: { a: { on: { E: { guard: 'both', target: 'b' } } }, b: {} },
    });
    expect(rejection(machine).message).toMatch(/'#m\.a' uses a higher-order guard/);
  });

  it('guards and actions that are not implemented', () => {
    const guard = rejection(withA({ on: { E: { guard: 'missing', target: 'b' } } }));
    expect(guard.message).toMatch(/guard 'missing', not implemented/);
    expect(rejection(withA({ entry: 'missing' })).message).toMatch(/action 'missing', not implemented/);
  });

  it('an output on the machine', () => {
    const machine = createMachine({ id: 'm', initial: 'a', output: { ok: true }, states: { a: {} } });
    expect(rejection(machine).message).toMatch(/'#m' declares an 'output'/);
  });

  it('but accepts inline assign actions', () => {
    const machine = withA({ entry: assign({ n: 1 }) });
    expect(compileMachine(machine).initial().context).toEqual({ n: 1 });
  });
});
