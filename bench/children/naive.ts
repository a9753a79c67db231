/**
 * Child process for the naive baseline: src/core's own fold (`Replayer`, apply.ts, unchanged)
 * with every compiled machine's `initial`/`transition`/`advance` replaced by xstate's pure
 * `initialTransition`/`transition` (`advance` copies xstate's next snapshot onto the held one). The bookkeeping is therefore identical by construction;
 * only the machine interpreter differs. It runs in its own process because the patch is
 * global to the module instances and must not touch the parent's "ours" runs.
 *
 * Protocol (IPC): argv[2] = JSON {seed, unitSteps, events}. The child sends
 * `{ kind: 'ready', keys }` (key numbers of its fold, for the agreement check), then answers
 * each `{ kind: 'run' }` with `{ kind: 'ran', sample }` (wall and CPU ms), and exits on `{ kind: 'exit' }`.
 */
import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { Replayer } from '../../src/core/replay.js';
import { routeOf } from '../../src/core/routing.js';
import type { Recorded } from '../../src/core/catalogue.js';
import type { CompiledMachine, MachineSnap } from '../../src/machines/index.js';
import { compiledCell, compiledDispute, compiledLadder, compiledMessage } from '../../src/machines/index.js';
import { keyNumbersOf } from '../baselines/agreement.js';
import { timeSettled } from '../lib/measure.js';
import { logFor, type WorkloadSpec } from '../lib/workload.js';

/** Calls into xstate's `transition()`, to prove the fold really went through it. */
let xstateSteps = 0;

function useXstate<C, E extends EventObject>(m: CompiledMachine<C, E>): void {
  const machine = m.machine;
  m.initial = (input?: unknown) => initialTransition(machine, input)[0] as unknown as MachineSnap<C>;
  m.transition = (snap: MachineSnap<C>, event: E) => {
    xstateSteps += 1;
    return transition(machine, snap as unknown as AnyMachineSnapshot, event)[0] as unknown as MachineSnap<C>;
  };
  // The Replayer moves snapshots in place: xstate's next snapshot, copied onto the held one.
  m.advance = (snap: MachineSnap<C>, event: E) => {
    xstateSteps += 1;
    const next = transition(machine, snap as unknown as AnyMachineSnapshot, event)[0];
    if (next === (snap as unknown)) return false;
    Object.assign(snap, next);
    return true;
  };
}

function fold(log: readonly Recorded[]): Replayer {
  const r = new Replayer();
  for (let i = 0; i < log.length; i++) r.push(log[i] as Recorded);
  return r;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as WorkloadSpec & { events: number };
const log = logFor(spec, spec.events);
const first = log[0];
if (first?.type !== 'LogStarted') throw new Error('naive child: the log must start with LogStarted');
// Patch after building the log: generation itself runs through decide/apply.
useXstate(compiledMessage);
useXstate(compiledDispute);
useXstate(compiledCell);
useXstate(compiledLadder(first.data.ladder));

const send = (message: unknown): void => {
  process.send?.(message);
};
const keys = keyNumbersOf(fold(log).peek());
// Every fact routed to a machine must have gone through xstate: a fold that found another way
// to move machines (a new method the patch above misses) would make this baseline meaningless.
const routed = log.filter((e) => routeOf(e) !== undefined).length;
if (xstateSteps < routed) {
  throw new Error(`naive child: only ${xstateSteps} xstate transitions for ${routed} routed facts; the patch misses a way the fold moves machines`);
}
send({ kind: 'ready', keys });
process.on('message', (message: { kind: string }) => {
  if (message.kind === 'exit') process.exit(0);
  if (message.kind === 'run') void timeSettled(() => fold(log)).then((sample) => send({ kind: 'ran', sample }));
});
