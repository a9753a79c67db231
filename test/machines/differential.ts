/**
 * The oracle: runs one event sequence through xstate's own pure `transition()` and through a
 * compiled machine side by side, and asserts after every step that both agree on the state
 * value, the context, the status, whether the event was accepted (snapshot identity), what
 * `can()` says, which transitions were selected (`machine.getTransitionData`), and that
 * `advance()`, the in-place form, lands on the same snapshot.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { CompiledMachine, MachineSnap } from '../../src/machines/compiled/compile.js';
import type { Choice } from './arbitraries/choice.js';

/**
 * The events of a run: a plain list, or steering choices over a pool of events. Steering
 * picks, at each step, mostly among the pool's events that xstate (the oracle, never the
 * compiled machine) handles in the current state, so runs reach deep states.
 */
export type Script<E> = readonly E[] | { readonly pool: readonly E[]; readonly choices: readonly Choice[] };

/** Options of {@link checkAgainstXstate}. */
export interface DifferentialOptions {
  /** Feed the compiled machine snapshots round-tripped through JSON (the non-interned path). */
  readonly viaJson?: boolean;
}

interface XTransition {
  readonly source: { readonly id: string; readonly transitions: ReadonlyMap<string, readonly unknown[]> };
  readonly eventType: string;
}

function keyOf(t: XTransition): string {
  const index = (t.source.transitions.get(t.eventType) ?? []).indexOf(t);
  return `${t.source.id}|${t.eventType}|${index}`;
}

function selectedByXstate(snap: AnyMachineSnapshot, event: EventObject): string[] {
  return (snap.machine.getTransitionData(snap as never, event) as unknown as XTransition[]).map(keyOf);
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** `pool` with every event repeated `weight(event)` times, to steer away from e.g. final states. */
export function weighted<E>(pool: readonly E[], weight: (event: E) => number): readonly E[] {
  return pool.flatMap((e) => Array.from({ length: weight(e) }, () => e));
}

function eventAt<E extends EventObject>(script: Script<E>, k: number, x: AnyMachineSnapshot): E {
  if (Array.isArray(script)) return script[k] as E;
  const { pool, choices } = script as Exclude<Script<E>, readonly E[]>;
  const { accepted, index } = choices[k] as Choice;
  // "Handled" (some transition selected), not `can()`: forbidden `{}` transitions count too.
  const handled = new Map<E, boolean>();
  const handles = (e: E): boolean => {
    let h = handled.get(e);
    if (h === undefined) handled.set(e, (h = x.machine.getTransitionData(x as never, e).length > 0));
    return h;
  };
  const open = accepted ? pool.filter(handles) : [];
  const from = open.length ? open : pool;
  return from[index % from.length] as E;
}

function lengthOf<E>(script: Script<E>): number {
  return Array.isArray(script) ? script.length : (script as { choices: readonly Choice[] }).choices.length;
}

/**
 * Asserts that `compiled` and xstate agree at every step of `script`. When both reach a
 * final state the run usually restarts from the initial state, so long scripts stay useful.
 */
export function checkAgainstXstate<C, E extends EventObject>(
  compiled: CompiledMachine<C, E>,
  input: unknown,
  script: Script<E>,
  options: DifferentialOptions = {},
): void {
  const machine = compiled.machine;
  let [x] = initialTransition(machine, input) as [AnyMachineSnapshot, unknown];
  let c: MachineSnap<C> = compiled.initial(input);
  const events: E[] = [];
  const where = (i: number): string =>
    `step ${i} (${JSON.stringify(events[i - 1] ?? 'initial')}) of ${JSON.stringify(events.map((e) => e.type))}`;
  // expect() only on a mismatch, for its message: it is slow and this runs at every step.
  const same = (i: number): void => {
    if (!isDeepStrictEqual(c.value, x.value)) expect(c.value, where(i)).toEqual(x.value);
    if (!isDeepStrictEqual(c.context, x.context)) expect(c.context, where(i)).toEqual(x.context);
    if (c.status !== x.status) expect(c.status, where(i)).toBe(x.status);
  };
  const agree = <T>(what: string, i: number, actual: T, expected: T): void => {
    if (!isDeepStrictEqual(actual, expected)) expect(actual, `${what} at ${where(i)}`).toEqual(expected);
  };
  same(0);
  for (let k = 0; k < lengthOf(script); k++) {
    // Mostly restart a finished run; now and then keep sending events to the final state.
    if (x.status === 'done' && k % 3 !== 0) {
      [x] = initialTransition(machine, input) as [AnyMachineSnapshot, unknown];
      c = compiled.initial(input);
    }
    const event = eventAt(script, k, x);
    events.push(event);
    const from = options.viaJson ? roundTrip(c) : c;
    agree('can', k + 1, compiled.can(from, event), x.can(event));
    agree('selected', k + 1, compiled.selected(from, event).map((r) => r.key), selectedByXstate(x, event));
    const [xNext] = transition(machine, x, event) as [AnyMachineSnapshot, unknown];
    // advance() on a private copy must land exactly where transition() does.
    const moved = { ...from };
    const advanced = compiled.advance(moved, event);
    const cNext = compiled.transition(from, event);
    agree('accepted', k + 1, cNext === from, xNext === x);
    agree('advance moved', k + 1, advanced, cNext !== from);
    agree('advance snapshot', k + 1, moved, advanced ? cNext : from);
    x = xNext;
    c = cNext;
    same(k + 1);
  }
}
