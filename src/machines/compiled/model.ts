/**
 * Reads an xstate machine's state nodes (`machine.root`) into a plain model, checking that it
 * stays inside the subset the compiled interpreter reproduces exactly. Everything outside the
 * subset throws here, naming the state node, so a future edit cannot silently diverge.
 */
import type { AnyStateMachine } from 'xstate';
import { MachineCompileError, unsupported } from './errors.js';
import { resolveAction, resolveGuard, type AssignFn, type GuardFn } from './implementations.js';

/** Identifies one transition of a machine definition: a candidate of `source.on[eventType]`. */
export interface TransitionRef {
  /** Id of the state node declaring the transition (without `#`). */
  readonly source: string;
  readonly eventType: string;
  /** Position among the candidates for `eventType` on `source` (0-based). */
  readonly index: number;
  /** `source|eventType|index`, handy as a set or map key. */
  readonly key: string;
}

/** A state node as the interpreter needs it. */
export interface NodeModel {
  readonly id: string;
  readonly key: string;
  /** Document order (pre-order), xstate's `order`. */
  readonly order: number;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final';
  readonly parent: NodeModel | undefined;
  readonly children: readonly NodeModel[];
  readonly initial: NodeModel | undefined;
  readonly entry: readonly AssignFn[];
  readonly exit: readonly AssignFn[];
  readonly on: ReadonlyMap<string, readonly TransitionModel[]>;
}

/** One candidate transition. */
export interface TransitionModel {
  readonly ref: TransitionRef;
  readonly source: NodeModel;
  /** `undefined` for a targetless transition. */
  readonly targets: readonly NodeModel[] | undefined;
  readonly reenter: boolean;
  readonly guard: GuardFn | undefined;
  readonly actions: readonly AssignFn[];
  /** What xstate's `snapshot.can()` counts as accepting: a target or at least one action. */
  readonly enabling: boolean;
}

/** The whole machine. `nodes[i].order === i`. */
export interface MachineModel {
  readonly id: string;
  readonly root: NodeModel;
  readonly nodes: readonly NodeModel[];
  readonly transitions: readonly TransitionModel[];
  /** Event types with at least one non-forbidden transition, in document order. */
  readonly eventTypes: readonly string[];
  /** The context before entry actions run, as xstate computes it from `input`. */
  readonly context: (input: unknown) => unknown;
}

/** The parts of xstate's StateNode the compiler reads (xstate's own fields). */
interface XNode {
  readonly id: string;
  readonly key: string;
  readonly type: string;
  readonly order: number;
  readonly parent: XNode | undefined;
  readonly states: Record<string, XNode>;
  readonly config: Record<string, unknown>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly transitions: ReadonlyMap<string, readonly XTransition[]>;
  readonly initial: { readonly target: readonly XNode[] };
}

interface XTransition {
  readonly target: readonly XNode[] | undefined;
  readonly guard: unknown;
  readonly actions: readonly unknown[];
  readonly reenter: boolean;
  readonly [key: string]: unknown;
}

const FEATURES: Readonly<Record<string, string>> = {
  always: "uses 'always' (eventless transitions)",
  after: "uses 'after' (delayed transitions)",
  invoke: "uses 'invoke' (invoked actors)",
  onDone: "uses 'onDone' (done events)",
  history: 'is a history state',
  output: "declares an 'output'",
  route: "declares a 'route'",
};
const NODE_KEYS = new Set(
  ['id', 'type', 'initial', 'states', 'on', 'entry', 'exit', 'tags', 'meta', 'description'],
);
const ROOT_KEYS = new Set([...NODE_KEYS, 'context', 'schemas', 'types', 'version']);
// `source`, `eventType` and `toJSON` are added by xstate when it formats a transition.
const TRANSITION_KEYS = new Set(
  ['target', 'guard', 'actions', 'reenter', 'description', 'meta', 'source', 'eventType', 'toJSON'],
);

function checkNode(machineId: string, x: XNode): void {
  const at = { machineId, stateId: x.id };
  const allowed = x.parent ? NODE_KEYS : ROOT_KEYS;
  for (const key of Object.keys(x.config)) {
    if (x.config[key] === undefined || allowed.has(key)) continue;
    throw unsupported(at, FEATURES[key] ?? `uses the unsupported key '${key}'`);
  }
  if (x.type === 'history') throw unsupported(at, FEATURES.history as string);
  if (x.config.initial !== undefined && typeof x.config.initial !== 'string') {
    throw unsupported(at, "has an 'initial' that is not a child key (no initial actions)");
  }
  if (!x.parent && x.type !== 'compound' && x.type !== 'parallel') {
    throw unsupported(at, 'is a root without child states');
  }
  // A nested final state raises a done event (onDone), which compiled machines do not model.
  const parent = x.parent;
  const topLevel = parent !== undefined && parent.parent === undefined && parent.type === 'compound';
  if (x.type === 'final' && !topLevel) {
    throw unsupported(at, 'is a nested final state; final states must be children of a compound root');
  }
  for (const descriptor of x.transitions.keys()) {
    if (descriptor === '*' || descriptor.endsWith('.*')) {
      throw unsupported(at, `uses the wildcard event descriptor '${descriptor}'`);
    }
    if (descriptor.startsWith('xstate.')) {
      throw unsupported(at, `handles the internal event '${descriptor}'`);
    }
  }
}

function xNodes(root: XNode): XNode[] {
  const out: XNode[] = [];
  const visit = (x: XNode): void => {
    out.push(x);
    for (const child of Object.values(x.states)) visit(child);
  };
  visit(root);
  return out;
}

/** Builds the model of `machine`, or throws {@link MachineCompileError}. */
export function buildModel(machine: AnyStateMachine): MachineModel {
  const machineId = machine.id;
  const xs = xNodes(machine.root as unknown as XNode);
  xs.forEach((x, i) => {
    checkNode(machineId, x);
    if (x.order !== i) {
      const what = `[machines] cannot compile machine '${machineId}': state '#${x.id}' is out of order`;
      throw new MachineCompileError('MACHINE_INVALID', what, x.id);
    }
  });
  // Nodes are created first and wired afterwards: transitions point at arbitrary nodes.
  const nodes = xs.map((x) => ({
    id: x.id,
    key: x.key,
    order: x.order,
    type: x.type as NodeModel['type'],
    parent: undefined as NodeModel | undefined,
    children: [] as NodeModel[],
    initial: undefined as NodeModel | undefined,
    entry: x.entry.map((a) => resolveAction(machine, a, { machineId, stateId: x.id, role: 'entry' })),
    exit: x.exit.map((a) => resolveAction(machine, a, { machineId, stateId: x.id, role: 'exit' })),
    on: new Map<string, TransitionModel[]>(),
  }));
  const byX = new Map(xs.map((x, i) => [x, nodes[i] as NodeModel]));
  const model = (x: XNode): NodeModel => byX.get(x) as NodeModel;
  const transitions: TransitionModel[] = [];
  const eventTypes = new Set<string>();
  xs.forEach((x, i) => {
    const node = nodes[i] as (typeof nodes)[number];
    node.parent = x.parent ? model(x.parent) : undefined;
    node.children = Object.values(x.states).map(model);
    node.initial = x.type === 'compound' ? model(x.initial.target[0] as XNode) : undefined;
    for (const [eventType, candidates] of x.transitions) {
      const list = candidates.map((t, index): TransitionModel => {
        const role = `the transition on '${eventType}' #${index}`;
        const site = { machineId, stateId: x.id, role };
        for (const key of Object.keys(t)) {
          if (!TRANSITION_KEYS.has(key) && t[key] !== undefined) {
            throw unsupported(site, `uses the unsupported key '${key}' in ${role}`);
          }
        }
        const guard = t.guard === undefined ? undefined : resolveGuard(machine, t.guard, site, eventType);
        const ref = { source: x.id, eventType, index, key: `${x.id}|${eventType}|${index}` };
        return {
          ref: Object.freeze(ref),
          source: node,
          targets: t.target?.map(model),
          reenter: t.reenter,
          guard,
          actions: t.actions.map((a) => resolveAction(machine, a, site)),
          enabling: t.target !== undefined || t.actions.length > 0,
        };
      });
      node.on.set(eventType, list);
      transitions.push(...list);
      // Forbidden transitions (`{}`) are not "handled", as in xstate's `machine.events`.
      if (list.some((t) => t.enabling || t.reenter)) eventTypes.add(eventType);
    }
  });
  return {
    id: machineId,
    root: nodes[0] as NodeModel,
    nodes,
    transitions,
    eventTypes: [...eventTypes],
    context: contextOf(machine.config.context),
  };
}

function contextOf(config: unknown): (input: unknown) => unknown {
  if (typeof config === 'function') {
    const factory = config as (args: { spawn: unknown; input: unknown; self: undefined }) => unknown;
    const spawn = (): never => {
      throw new Error('[machines] spawn is not available in compiled machines');
    };
    // xstate applies the factory as an assign over an empty context.
    return (input) => Object.assign({}, {}, factory({ spawn, input, self: undefined }));
  }
  const fixed = config ? config : {};
  return () => fixed;
}
