/**
 * The compiler on machines built to exercise what our four machines do not (yet): exit
 * actions and their order, `#id` targets, nested compound states, conflicting transitions in
 * parallel regions, a region preempting its parallel parent, `reenter`, root entry actions,
 * guard and action params (static and dynamic), inline guards and assigns, function-form
 * assigns, an initial final state and a parallel root. Each is checked step by step against
 * xstate, with a `trace` in the context recording every action in the order it ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, createMachine, initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import { compileMachine } from '../../src/machines/compiled/compile.js';
import { choices } from './arbitraries/choice.js';
import { checkAgainstXstate } from './differential.js';

interface Ctx {
  readonly trace: readonly string[];
  readonly n: number;
}
type Ev = { type: string; k?: number };

const note = (tag: string) => ({ type: 'note' as const, params: { tag } });
const both = (tag: string) => ({ entry: note(`in:${tag}`), exit: note(`out:${tag}`) });

const rich = setup({
  types: {} as { context: Ctx; events: Ev },
  guards: {
    even: ({ context }) => context.n % 2 === 0,
    atLeast: ({ event }, params: { k: number }) => (event.k ?? 0) >= params.k,
  },
  actions: {
    note: assign({ trace: ({ context }, params: { tag: string }) => [...context.trace, params.tag] }),
    bump: assign({ n: ({ context }) => context.n + 1 }),
    reset: assign({ n: 0 }),
    add: assign(({ context, event }) => ({ n: context.n + (event.k ?? 0), trace: [...context.trace, 'add'] })),
  },
}).createMachine({
  id: 'rich',
  initial: 'idle',
  context: { trace: [], n: 0 },
  entry: note('in:root'),
  on: { RESET: { target: '.idle', actions: 'reset', reenter: true } },
  states: {
    idle: {
      ...both('idle'),
      on: { GO: 'work', JUMP: '#rich.work.right.r2', BUMP: { actions: 'bump' }, END: 'done' },
    },
    work: {
      type: 'parallel',
      ...both('work'),
      on: { STOP: 'idle', TICK: { actions: ['bump', note('tick:work')] }, BOTH: 'idle' },
      states: {
        left: {
          initial: 'l1',
          ...both('left'),
          states: {
            l1: {
              ...both('l1'),
              on: { NEXT: 'l2', TICK: { guard: 'even', actions: note('tick:l1') }, BOTH: 'l2', OUT: '#rich.done' },
            },
            l2: {
              ...both('l2'),
              on: {
                NEXT: { target: 'l1', reenter: true },
                SELF: { target: 'l2', reenter: true, actions: note('self') },
                SELF2: 'l2',
                DEEP: { target: '#rich.work.left.l2.inner.i2' },
              },
              initial: 'inner',
              states: {
                inner: {
                  initial: 'i1',
                  ...both('inner'),
                  states: {
                    i1: { ...both('i1'), on: { IN: 'i2' } },
                    i2: { ...both('i2'), on: { IN: '#rich.idle' } },
                  },
                },
              },
            },
          },
        },
        right: {
          initial: 'r1',
          ...both('right'),
          states: {
            r1: {
              ...both('r1'),
              on: { NEXT: 'r2', BOTH: '#rich.idle', OUT: '#rich.done', BUMP: { actions: 'bump' } },
            },
            r2: {
              ...both('r2'),
              on: {
                NEXT: [
                  { guard: { type: 'atLeast', params: { k: 3 } }, target: 'r1' },
                  { guard: ({ context }) => context.n > 2, target: 'r2', reenter: true },
                  { actions: 'add' },
                ],
                HOLD: {},
              },
            },
          },
        },
      },
    },
    done: { type: 'final', ...both('done') },
  },
});

const RICH_EVENTS: readonly Ev[] = [
  ...['GO', 'JUMP', 'BUMP', 'END', 'RESET', 'STOP', 'TICK', 'BOTH', 'SELF', 'SELF2'].map((type) => ({ type })),
  ...['DEEP', 'IN', 'OUT', 'HOLD', 'NOPE'].map((type) => ({ type })),
  ...[0, 1, 3, 5].map((k) => ({ type: 'NEXT', k })),
];

const paramsMachine = setup({
  types: {} as {
    context: { n: number; seen: readonly number[] };
    events: { type: 'ADD'; by: number } | { type: 'CLEAR' };
    input: { start: number };
  },
  guards: { below: ({ context }, params: { limit: number }) => context.n < params.limit },
  actions: {
    addBy: assign({ n: ({ context }, params: { by: number }) => context.n + params.by }),
    remember: assign({ seen: ({ context }) => [...context.seen, context.n] }),
  },
}).createMachine({
  id: 'params',
  initial: 'counting',
  context: ({ input }) => ({ n: input.start, seen: [] }),
  states: {
    counting: {
      on: {
        ADD: [
          {
            guard: { type: 'below', params: ({ event }) => ({ limit: event.type === 'ADD' ? 10 + event.by : 10 }) },
            actions: [
              { type: 'addBy', params: ({ event }) => ({ by: event.type === 'ADD' ? event.by : 0 }) },
              'remember',
            ],
          },
          { target: 'full' },
        ],
      },
    },
    full: {
      entry: assign(({ context }) => ({ seen: [...context.seen, -1] })),
      on: { CLEAR: { target: 'counting', actions: assign({ n: 0 }) } },
    },
  },
});

const parallelRoot = createMachine({
  id: 'pr',
  type: 'parallel',
  context: { hits: 0 },
  states: {
    a: { initial: 'off', states: { off: { on: { FLIP: 'on' } }, on: { on: { FLIP: 'off', HIT: {} } } } },
    b: {
      initial: 'x',
      states: {
        x: { on: { HIT: { target: 'y', actions: assign({ hits: ({ context }) => context.hits + 1 }) } } },
        y: { on: { FLIP: '#pr.a.on' } },
      },
    },
  },
});

function explore(machine: AnyStateMachine, pool: readonly Ev[], input?: unknown): void {
  const compiled = compileMachine(machine);
  const script = fc.oneof(
    fc.array(fc.constantFrom(...pool), { maxLength: 30, size: 'max' }),
    choices(40).map((c) => ({ pool, choices: c })),
  );
  for (const viaJson of [false, true]) {
    fc.assert(
      fc.property(script, (s) => checkAgainstXstate(compiled, input, s as never, { viaJson })),
      { numRuns: 60 },
    );
  }
}

describe('compiled semantics equal xstate beyond our machines', () => {
  it('exit/transition/entry order, #id targets, nesting, parallel conflicts, reenter', () => {
    explore(rich, RICH_EVENTS);
  });

  it('runs exit actions in SCXML order (a fixed example)', () => {
    const compiled = compileMachine(rich);
    let s = compiled.initial();
    expect(s.context.trace).toEqual(['in:root', 'in:idle']);
    for (const type of ['GO', 'NEXT', 'IN', 'IN']) s = compiled.transition(s, { type });
    expect(s.value).toBe('idle');
    expect(s.context.trace).toEqual([
      'in:root', 'in:idle',
      // GO: enter the parallel state, regions in document order.
      'out:idle', 'in:work', 'in:left', 'in:l1', 'in:right', 'in:r1',
      // NEXT, taken in both regions: exits innermost/last first, entries outermost first.
      'out:r1', 'out:l1', 'in:l2', 'in:inner', 'in:i1', 'in:r2',
      'out:i1', 'in:i2',
      // IN from i2 targets #rich.idle: the whole parallel state exits, in reverse document order.
      'out:r2', 'out:right', 'out:i2', 'out:inner', 'out:l2', 'out:left', 'out:work', 'in:idle',
    ]);
    checkAgainstXstate(compiled, undefined, ['GO', 'NEXT', 'IN', 'IN'].map((type) => ({ type })));
  });

  it('guard and action params, static and dynamic, and a context factory', () => {
    const pool = [{ type: 'CLEAR' }, ...[1, 4, 7, -3].map((by) => ({ type: 'ADD', by }))] as unknown as Ev[];
    explore(paramsMachine, pool, { start: 2 });
  });

  it('a parallel root, a forbidden transition in one region and a transition in another', () => {
    explore(parallelRoot, [{ type: 'FLIP' }, { type: 'HIT' }]);
  });

  it('an initial final state runs entry then every exit action and is done at once', () => {
    const machine = createMachine({
      id: 'z',
      initial: 'end',
      context: { t: [] as string[] },
      entry: assign({ t: ({ context }) => [...context.t, 'in:root'] }),
      exit: assign({ t: ({ context }) => [...context.t, 'out:root'] }),
      states: {
        end: {
          type: 'final',
          entry: assign({ t: ({ context }) => [...context.t, 'in:end'] }),
          exit: assign({ t: ({ context }) => [...context.t, 'out:end'] }),
        },
      },
    });
    const compiled = compileMachine(machine);
    expect(compiled.initial()).toEqual({
      value: 'end',
      context: { t: ['in:root', 'in:end', 'out:end', 'out:root'] },
      status: 'done',
    });
    checkAgainstXstate(compiled, undefined, [{ type: 'ANY' }]);
  });

  it('a throwing guard fails with the same message as in xstate', () => {
    const machine = setup({
      guards: {
        broken: () => {
          throw new Error('boom');
        },
      },
    }).createMachine({
      id: 'g',
      initial: 'a',
      states: { a: { on: { E: { guard: 'broken', target: 'b' } } }, b: {} },
    });
    const [x] = initialTransition(machine);
    const expected = (() => {
      try {
        transition(machine, x, { type: 'E' });
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    })();
    const compiled = compileMachine(machine);
    expect(() => compiled.transition(compiled.initial(), { type: 'E' })).toThrow(expected);
    expect(expected).toMatch(/^Unable to evaluate guard 'broken' in transition for event 'E' in state node 'g\.a':\nboom$/);
  });
});
