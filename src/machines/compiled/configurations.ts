/**
 * Interned configurations (sets of active state nodes) and their state values.
 *
 * Each configuration is built once and owns one deep-frozen `value`, shared by every snapshot
 * in that configuration, so the hot path maps a snapshot to its configuration with one Map
 * lookup (string values) or one WeakMap lookup (object values). Values that were not produced
 * here (a snapshot restored from JSON) are resolved structurally once and then cached.
 */
import type { StateValue } from 'xstate';
import { MachineCompileError } from './errors.js';
import type { NodeModel } from './model.js';

/** A set of active state nodes, interned: equal sets are the same object. */
export interface Configuration {
  /** Active nodes in document order (the root first). */
  readonly nodes: readonly NodeModel[];
  readonly set: ReadonlySet<NodeModel>;
  /** Deep-frozen state value, in document order. */
  readonly value: StateValue;
  /** Active state ids in document order. */
  readonly ids: readonly string[];
  /** Selection plans per event type, filled lazily by the selector (`null`: nothing handles it). */
  readonly plans: Map<string, unknown>;
}

function isAtomic(node: NodeModel): boolean {
  return node.type === 'atomic' || node.type === 'final';
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** xstate's `getValueFromAdj`, with children in document order. */
function valueOf(node: NodeModel, set: ReadonlySet<NodeModel>): StateValue {
  const kids = node.children.filter((c) => set.has(c));
  const first = kids[0];
  if (node.type === 'compound' && first && isAtomic(first)) return first.key;
  const out: Record<string, StateValue> = {};
  for (const kid of kids) out[kid.key] = valueOf(kid, set);
  return out;
}

/** Interns the configurations of one machine. */
export class ConfigurationTable {
  private readonly byKey = new Map<string, Configuration>();
  private readonly byString = new Map<string, Configuration>();
  private readonly byObject = new WeakMap<object, Configuration>();

  constructor(
    private readonly machineId: string,
    private readonly root: NodeModel,
  ) {}

  /** The interned configuration holding exactly `nodes`. */
  intern(nodes: Iterable<NodeModel>): Configuration {
    const sorted = [...new Set(nodes)].sort((a, b) => a.order - b.order);
    const key = sorted.map((n) => n.order).join(',');
    const known = this.byKey.get(key);
    if (known) return known;
    const set = new Set(sorted);
    const value = deepFreeze(valueOf(this.root, set));
    const ids = sorted.map((n) => n.id);
    const config: Configuration = { nodes: sorted, set, value, ids, plans: new Map() };
    this.byKey.set(key, config);
    if (typeof value === 'string') this.byString.set(value, config);
    else this.byObject.set(value, config);
    return config;
  }

  /** The configuration a snapshot's `value` denotes; throws on values naming unknown states. */
  of(value: StateValue): Configuration {
    const hit = typeof value === 'string' ? this.byString.get(value) : this.byObject.get(value);
    if (hit) return hit;
    const config = this.intern(this.complete(this.resolve(this.root, value, [])));
    if (typeof value === 'object' && value !== null) this.byObject.set(value, config);
    return config;
  }

  /** xstate's `getStateNodes`: the nodes a (possibly partial) value names explicitly. */
  private resolve(node: NodeModel, value: unknown, path: readonly string[]): NodeModel[] {
    const child = (key: string): NodeModel => {
      const found = node.children.find((c) => c.key === key);
      if (!found) throw this.bad(`state '${[...path, key].join('.')}' does not exist`);
      return found;
    };
    if (typeof value === 'string') return [node, child(value)];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw this.bad(`state value at '${path.join('.') || '(root)'}' must be a string or an object`);
    }
    const out = [node];
    for (const [key, sub] of Object.entries(value)) {
      out.push(...this.resolve(child(key), sub, [...path, key]));
    }
    return out;
  }

  /** xstate's `getAllStateNodes`: adds default descendants and all ancestors. */
  private complete(explicit: readonly NodeModel[]): Set<NodeModel> {
    const set = new Set(explicit);
    const hasChild = (n: NodeModel): boolean => n.children.some((c) => explicit.includes(c));
    const addInitial = (n: NodeModel): void => {
      set.add(n);
      if (n.type === 'compound') addInitial(n.initial as NodeModel);
      else if (n.type === 'parallel') n.children.forEach(addInitial);
    };
    for (const n of set) {
      if (n.type === 'compound' && !hasChild(n)) addInitial(n);
      else if (n.type === 'parallel') for (const c of n.children) if (!set.has(c)) addInitial(c);
    }
    for (const n of [...set]) for (let m = n.parent; m; m = m.parent) set.add(m);
    return set;
  }

  private bad(what: string): MachineCompileError {
    return new MachineCompileError('MACHINE_INVALID', `[machines] machine '${this.machineId}': ${what}`);
  }
}
