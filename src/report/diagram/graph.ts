/**
 * A machine's states and transitions as plain data, read from the xstate definition itself
 * (`machine.root`, each state node's `transitions`), so a diagram can never drift from the
 * machine the fold runs: change a machine and its Mermaid, DOT and SVG change with it.
 *
 * State ids are xstate's own state node ids (`cell.active.intelligence.dormant`): stable,
 * derived from the state's path, unique across Parley's machines (each id starts with the
 * machine's id). The report's page uses them to light the current state.
 */
import type { AnyStateMachine } from 'xstate';

/** How a state node nests its children. */
export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One state node. */
export interface DiagramState {
  /** xstate's id: the machine id and the path, joined by dots. */
  readonly id: string;
  /** The state's own name (the last part of its path; the machine id for the root). */
  readonly key: string;
  readonly kind: StateKind;
  /** The parent's id (absent for the root). */
  readonly parent?: string;
  /** Ids of the child states, in document order. */
  readonly children: readonly string[];
  /** The id of the initial child (compound states only). */
  readonly initial?: string;
}

/** One transition: from `source` on `event` to `target` (itself when targetless). */
export interface DiagramTransition {
  readonly source: string;
  readonly event: string;
  readonly target: string;
  /** True for a targetless transition (it runs actions without leaving `source`). */
  readonly targetless: boolean;
  /** The guard's name (with its parameters), when guarded. */
  readonly guard?: string;
  /** Names of the actions it runs. */
  readonly actions: readonly string[];
}

/** A whole machine: states in document order (the root first) and every transition. */
export interface MachineGraph {
  readonly id: string;
  readonly states: readonly DiagramState[];
  readonly transitions: readonly DiagramTransition[];
}

/** The parts of an xstate state node this module reads. */
interface NodeLike {
  readonly id: string;
  readonly key: string;
  readonly type: StateKind;
  readonly states: Readonly<Record<string, NodeLike>>;
  readonly parent?: NodeLike;
  readonly initial?: { readonly target: readonly NodeLike[] };
  readonly transitions: ReadonlyMap<string, ReadonlyArray<TransitionLike>>;
  readonly always?: ReadonlyArray<TransitionLike>;
}

interface TransitionLike {
  readonly target?: readonly NodeLike[] | undefined;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly eventType: string;
}

/** A readable name for a guard or an action: its type, then its parameters if any. */
function nameOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'function') return item.name || 'inline';
  if (typeof item === 'object' && item !== null) {
    const { type, params } = item as { type?: unknown; params?: unknown };
    const base = typeof type === 'string' ? type : 'inline';
    if (params === undefined || typeof params === 'function') return base;
    const args = Object.entries(params as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return args.length === 0 ? base : `${base}(${args.join(', ')})`;
  }
  return String(item);
}

/**
 * Reads `machine`'s state nodes and transitions (`always` transitions appear with the event
 * name `always`). Each transition with several targets gives one entry per target.
 * @example machineGraph(messageMachine).transitions.find((t) => t.event === 'ACK')
 */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const states: DiagramState[] = [];
  const transitions: DiagramTransition[] = [];
  const visit = (node: NodeLike): void => {
    const children = Object.values(node.states);
    const initial = node.type === 'compound' ? node.initial?.target[0]?.id : undefined;
    states.push({
      id: node.id,
      key: node.key,
      kind: node.type,
      ...(node.parent ? { parent: node.parent.id } : {}),
      children: children.map((c) => c.id),
      ...(initial === undefined ? {} : { initial }),
    });
    const groups: Array<[string, ReadonlyArray<TransitionLike>]> = [...node.transitions];
    if (node.always && node.always.length > 0) groups.push(['always', node.always]);
    for (const [event, list] of groups) {
      for (const t of list) {
        const targets = t.target && t.target.length > 0 ? t.target : undefined;
        const common = {
          source: node.id,
          event,
          ...(t.guard === undefined ? {} : { guard: nameOf(t.guard) }),
          actions: t.actions.map(nameOf),
        };
        if (targets === undefined) transitions.push({ ...common, target: node.id, targetless: true });
        else for (const target of targets) transitions.push({ ...common, target: target.id, targetless: false });
      }
    }
    children.forEach(visit);
  };
  visit(machine.root as unknown as NodeLike);
  return { id: machine.id, states, transitions };
}

/**
 * The ids of every state active in `value` (an xstate state value) of the machine whose id is
 * `machineId`, the root first: the ids {@link machineGraph} gives those states.
 * @example activeStateIds('cell', { active: { meetings: 'idle' } }) // ['cell', 'cell.active', 'cell.active.meetings', 'cell.active.meetings.idle']
 */
export function activeStateIds(machineId: string, value: unknown): string[] {
  const out: string[] = [machineId];
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === 'string') {
      out.push(`${prefix}.${v}`);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
      out.push(`${prefix}.${key}`);
      walk(`${prefix}.${key}`, child);
    }
  };
  walk(machineId, value);
  return out;
}
