/**
 * A fast interpreter derived from an xstate 5 machine definition.
 *
 * xstate's pure `transition()` builds an actor system on every call (~25 µs); replay needs
 * millions of events per second. The xstate machines stay the single source of truth: this
 * module reads their state nodes, transitions, guards and `assign` actions and memoizes, per
 * (configuration, event type, chosen transition), the next configuration, its shared frozen
 * state value and the ordered list of assignments. The hot path is a couple of Map lookups,
 * the guard calls, the assign calls and one new snapshot object. Equality with xstate's own
 * `transition()` is checked by the differential property tests in test/machines.
 *
 * Supported subset (anything else throws {@link MachineCompileError} at compile time):
 * atomic, compound, parallel and top-level final states; `on` transitions with sibling or
 * `#id` targets, guards by name, `{ type, params }` or inline predicate, targetless and
 * forbidden (`{}`) transitions, `reenter`; `entry`/`exit`/transition actions that are
 * `assign`s; `context` as a value or `({ input }) => …`. Assignments and context factories get
 * `self` and `system` as `undefined`, and a `spawn` that throws.
 */
import type { AnyStateMachine, ContextFrom, EventFromLogic, EventObject, StateValue } from 'xstate';
import { ConfigurationTable, type Configuration } from './configurations.js';
import type { AssignFn } from './implementations.js';
import { microstep, type StepTransition } from './microstep.js';
import {
  buildModel,
  type MachineModel,
  type NodeModel,
  type TransitionModel,
  type TransitionRef,
} from './model.js';
import { planFor, selectInChain, selectInTree, type Plan } from './selection.js';

export { MachineCompileError, type MachineCompileErrorCode } from './errors.js';
export type { TransitionRef } from './model.js';

/** The part of an xstate snapshot that replay keeps: plain data, JSON round-trippable. */
export interface MachineSnap<C> {
  readonly value: StateValue;
  readonly context: C;
  readonly status: 'active' | 'done';
}

/** A machine compiled by {@link compileMachine}. */
export interface CompiledMachine<C, E extends { type: string }> {
  /** The xstate machine this was derived from. */
  readonly machine: AnyStateMachine;
  /** The initial snapshot, as xstate's `initialTransition(machine, input)`. */
  initial(input?: unknown): MachineSnap<C>;
  /**
   * Next snapshot; returns the SAME object when no transition is enabled (callers use
   * identity to detect "not accepted"). Like xstate, the same object also comes back when
   * the selected transition changes nothing (a forbidden `{}` transition).
   */
  transition(snap: MachineSnap<C>, event: E): MachineSnap<C>;
  /**
   * `transition` done in place: moves `snap` itself to the next snapshot and returns `true`,
   * or returns `false` and leaves it untouched where `transition` would return `snap`.
   * Only for a snapshot nobody else holds (replay's private state): it saves the new
   * snapshot object per event, which on a long replay is kept long enough to be expensive.
   */
  advance(snap: MachineSnap<C>, event: E): boolean;
  /** xstate's `snapshot.can(event)`: some selected transition has a target or actions. */
  can(snap: MachineSnap<C>, event: E): boolean;
  /**
   * Every event type the machine handles anywhere (for tooling/decide), in document order.
   * As in xstate's `machine.events`, a type whose only transitions are forbidden (`{}`) is
   * not handled.
   */
  readonly eventTypes: readonly string[];
  /** Every state node id (without `#`) in document order, the root first. */
  readonly stateIds: readonly string[];
  /** Every transition of the definition, in document order. */
  readonly transitions: readonly TransitionRef[];
  /** The transitions `event` selects in `snap` (xstate's `getTransitionData`). */
  selected(snap: MachineSnap<C>, event: E): readonly TransitionRef[];
  /** Ids of the state nodes active in `snap`, in document order. */
  activeStateIds(snap: MachineSnap<C>): readonly string[];
}

/** A memoized microstep: everything about a transition that does not depend on context. */
interface Step {
  readonly value: StateValue;
  /** The assignments to run when the machine was active. */
  readonly actions: readonly AssignFn[];
  readonly done: boolean;
  readonly changed: boolean;
  /** When the machine was already done: xstate also re-runs every exit action at the end. */
  readonly whenDone: { readonly actions: readonly AssignFn[]; readonly changed: boolean };
}

const INIT = 'xstate.init';

/**
 * Compiles `machine`, throwing {@link MachineCompileError} if it uses anything outside the
 * supported subset.
 *
 * @example
 * const message = compileMachine(messageMachine);
 * const next = message.transition(message.initial(), { type: 'DELIVER' });
 */
export function compileMachine<M extends AnyStateMachine>(
  machine: M,
): CompiledMachine<ContextFrom<M>, EventFromLogic<M>> {
  const compiled: CompiledMachine<unknown, EventObject> = new Compiled(machine, buildModel(machine));
  return compiled as CompiledMachine<ContextFrom<M>, EventFromLogic<M>>;
}

class Compiled implements CompiledMachine<unknown, EventObject> {
  readonly eventTypes: readonly string[];
  readonly stateIds: readonly string[];
  readonly transitions: readonly TransitionRef[];
  private readonly table: ConfigurationTable;
  private readonly start: Step;
  /** Every event descriptor of the definition, forbidden transitions included. */
  private readonly known: ReadonlySet<string>;

  constructor(
    readonly machine: AnyStateMachine,
    private readonly model: MachineModel,
  ) {
    this.eventTypes = Object.freeze([...model.eventTypes]);
    this.stateIds = Object.freeze(model.nodes.map((n) => n.id));
    this.transitions = Object.freeze(model.transitions.map((t) => t.ref));
    this.table = new ConfigurationTable(model.id, model.root);
    this.known = new Set(model.transitions.map((t) => t.ref.eventType));
    // The initial microstep enters the root and every initial descendant (xstate's
    // `initialMicrostep`: a re-entering transition from the root to its initial nodes).
    const targets = initialNodes(model.root);
    const enterAll = { source: model.root, targets, reenter: true, actions: [] };
    this.start = this.step(new Set([model.root]), [enterAll], true);
  }

  initial(input?: unknown): MachineSnap<unknown> {
    let context = this.model.context(input);
    const event = { type: INIT, input };
    for (const assign of this.start.actions) context = assign(context, event);
    return { value: this.start.value, context, status: this.start.done ? 'done' : 'active' };
  }

  transition(snap: MachineSnap<unknown>, event: EventObject): MachineSnap<unknown> {
    const step = this.stepOf(snap, event);
    if (step === undefined) return snap;
    return { value: step.value, context: this.contextAfter(step, snap, event), status: step.done ? 'done' : snap.status };
  }

  advance(snap: MachineSnap<unknown>, event: EventObject): boolean {
    const step = this.stepOf(snap, event);
    if (step === undefined) return false;
    const moved = snap as { value: StateValue; context: unknown; status: 'active' | 'done' };
    // The context first: the assignments read the snapshot's state as it was.
    moved.context = this.contextAfter(step, snap, event);
    moved.value = step.value;
    if (step.done) moved.status = 'done';
    return true;
  }

  /**
   * The memoized microstep `event` takes from `snap`, or `undefined` when none is enabled or
   * the one selected changes nothing (then xstate returns the same snapshot).
   */
  private stepOf(snap: MachineSnap<unknown>, event: EventObject): Step | undefined {
    const config = this.table.of(snap.value);
    const plan = planFor<Step>(config, event.type, this.known);
    if (plan === null) return undefined;
    let step: Step | undefined;
    if (plan.kind === 'chain') {
      const i = selectInChain(plan.candidates, snap.context, event);
      if (i < 0) return undefined;
      step = plan.steps[i] ??= this.stepFrom(config, [plan.candidates[i] as TransitionModel]);
    } else {
      const chosen: TransitionModel[] = [];
      if (!selectInTree(plan.sel, snap.context, event, chosen)) return undefined;
      const key = chosen.map((t) => t.ref.key).join('\n');
      step = plan.steps.get(key);
      if (step === undefined) plan.steps.set(key, (step = this.stepFrom(config, chosen)));
    }
    return (snap.status === 'done' ? step.whenDone : step).changed ? step : undefined;
  }

  /** The context after `step`'s assignments (the same object when there are none). */
  private contextAfter(step: Step, snap: MachineSnap<unknown>, event: EventObject): unknown {
    const { actions } = snap.status === 'done' ? step.whenDone : step;
    let context = snap.context;
    for (let k = 0; k < actions.length; k++) context = (actions[k] as AssignFn)(context, event);
    return context;
  }

  can(snap: MachineSnap<unknown>, event: EventObject): boolean {
    const plan: Plan<Step> | null = planFor(this.table.of(snap.value), event.type, this.known);
    if (plan === null) return false;
    if (plan.kind === 'chain') {
      // The common case (one region): no array per question, as the decider asks per command.
      const i = selectInChain(plan.candidates, snap.context, event);
      return i >= 0 && (plan.candidates[i] as TransitionModel).enabling;
    }
    return this.select(snap, event).some((t) => t.enabling);
  }

  selected(snap: MachineSnap<unknown>, event: EventObject): readonly TransitionRef[] {
    return this.select(snap, event).map((t) => t.ref);
  }

  activeStateIds(snap: MachineSnap<unknown>): readonly string[] {
    return this.table.of(snap.value).ids;
  }

  private select(snap: MachineSnap<unknown>, event: EventObject): TransitionModel[] {
    const plan: Plan<Step> | null = planFor(this.table.of(snap.value), event.type, this.known);
    if (plan === null) return [];
    if (plan.kind === 'tree') {
      const chosen: TransitionModel[] = [];
      selectInTree(plan.sel, snap.context, event, chosen);
      return chosen;
    }
    const i = selectInChain(plan.candidates, snap.context, event);
    return i < 0 ? [] : [plan.candidates[i] as TransitionModel];
  }

  private stepFrom(config: Configuration, chosen: readonly TransitionModel[]): Step {
    return this.step(config.set, chosen, false);
  }

  private step(
    active: ReadonlySet<NodeModel>,
    chosen: readonly StepTransition[],
    initial: boolean,
  ): Step {
    const result = microstep(this.model.root, active, chosen, initial);
    const { nodes, actions, finalExits, done, changed } = result;
    const whenDone = [...actions, ...finalExits];
    return {
      value: this.table.intern(nodes).value,
      actions: done ? whenDone : actions,
      done,
      changed,
      whenDone: { actions: whenDone, changed: changed || whenDone.length > 0 },
    };
  }
}

/** xstate's `getInitialStateNodes`: the root and its initial descendants. */
function initialNodes(root: NodeModel): NodeModel[] {
  const out: NodeModel[] = [];
  const visit = (node: NodeModel): void => {
    out.push(node);
    if (node.type === 'compound') visit(node.initial as NodeModel);
    else if (node.type === 'parallel') node.children.forEach(visit);
  };
  visit(root);
  return out;
}
