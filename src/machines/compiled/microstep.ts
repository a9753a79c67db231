/**
 * One SCXML microstep over state-node sets, ported from xstate 5's `microstep`,
 * `computeExitSet`, `computeEntrySet` and `removeConflictingTransitions` (history states left
 * out: the model rejects them). It runs only when a (configuration, transition) pair is seen
 * for the first time; its result is memoized by the caller, so clarity beats speed here.
 */
import type { AssignFn } from './implementations.js';
import type { NodeModel } from './model.js';

/** What a microstep needs to know about a transition. */
export interface StepTransition {
  readonly source: NodeModel;
  readonly targets: readonly NodeModel[] | undefined;
  readonly reenter: boolean;
  readonly actions: readonly AssignFn[];
}

/** The memoizable outcome of taking some transitions from a configuration. */
export interface StepResult {
  readonly nodes: ReadonlySet<NodeModel>;
  /** Exit actions (innermost first), transition actions, entry actions (outermost first). */
  readonly actions: readonly AssignFn[];
  /**
   * The exit actions of every node of the next configuration, innermost first: xstate runs
   * them after any microstep that leaves the machine done, including one taken by a machine
   * that was already done (through a root-level transition).
   */
  readonly finalExits: readonly AssignFn[];
  /** A top-level final state was entered. */
  readonly done: boolean;
  /** False when xstate would hand back the very same snapshot (for an active machine). */
  readonly changed: boolean;
}

function isDescendant(child: NodeModel, parent: NodeModel | undefined): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

function properAncestors(node: NodeModel, upTo: NodeModel | undefined): NodeModel[] {
  const out: NodeModel[] = [];
  if (upTo === node) return out;
  for (let m = node.parent; m && m !== upTo; m = m.parent) out.push(m);
  return out;
}

function leastCommonAncestor(nodes: readonly NodeModel[]): NodeModel | undefined {
  const [head, ...tail] = nodes as [NodeModel, ...NodeModel[]];
  return properAncestors(head, undefined).find((a) => tail.every((n) => isDescendant(n, a)));
}

function transitionDomain(t: StepTransition, root: NodeModel): NodeModel | undefined {
  const targets = t.targets ?? [];
  if (!t.reenter && targets.every((s) => s === t.source || isDescendant(s, t.source))) return t.source;
  const lca = leastCommonAncestor([...targets, t.source]);
  if (lca) return lca;
  return t.reenter ? undefined : root;
}

function exitSet(
  ts: readonly StepTransition[],
  active: ReadonlySet<NodeModel>,
  root: NodeModel,
): Set<NodeModel> {
  const out = new Set<NodeModel>();
  for (const t of ts) {
    if (!t.targets?.length) continue;
    const domain = transitionDomain(t, root);
    if (t.reenter && t.source === domain) out.add(domain);
    for (const n of active) if (isDescendant(n, domain)) out.add(n);
  }
  return out;
}

function intersects(a: ReadonlySet<NodeModel>, b: ReadonlySet<NodeModel>): boolean {
  for (const n of a) if (b.has(n)) return true;
  return false;
}

/** Parallel regions' transitions whose exit sets overlap: the descendant wins, else the earlier. */
function removeConflicts(
  ts: readonly StepTransition[],
  active: ReadonlySet<NodeModel>,
  root: NodeModel,
): StepTransition[] {
  const kept = new Set<StepTransition>();
  for (const t1 of ts) {
    let preempted = false;
    const beaten = new Set<StepTransition>();
    for (const t2 of kept) {
      if (intersects(exitSet([t1], active, root), exitSet([t2], active, root))) {
        if (isDescendant(t1.source, t2.source)) {
          beaten.add(t2);
        } else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t of beaten) kept.delete(t);
      kept.add(t1);
    }
  }
  return [...kept];
}

function coversChild(toEnter: ReadonlySet<NodeModel>, child: NodeModel): boolean {
  for (const s of toEnter) if (isDescendant(s, child)) return true;
  return false;
}

function addDescendants(node: NodeModel, toEnter: Set<NodeModel>): void {
  if (node.type === 'compound') {
    const initial = node.initial as NodeModel;
    toEnter.add(initial);
    addDescendants(initial, toEnter);
    addAncestors(toEnter, properAncestors(initial, node), undefined);
  } else if (node.type === 'parallel') {
    for (const child of node.children) {
      if (coversChild(toEnter, child)) continue;
      toEnter.add(child);
      addDescendants(child, toEnter);
    }
  }
}

function addAncestors(
  toEnter: Set<NodeModel>,
  ancestors: readonly NodeModel[],
  domain: NodeModel | undefined,
): void {
  for (const anc of ancestors) {
    if (!domain || isDescendant(anc, domain)) toEnter.add(anc);
    if (anc.type !== 'parallel') continue;
    for (const child of anc.children) {
      if (coversChild(toEnter, child)) continue;
      toEnter.add(child);
      addDescendants(child, toEnter);
    }
  }
}

function entrySet(ts: readonly StepTransition[], root: NodeModel): Set<NodeModel> {
  const toEnter = new Set<NodeModel>();
  for (const t of ts) {
    const domain = transitionDomain(t, root);
    const targets = t.targets ?? [];
    for (const s of targets) {
      if (t.source !== s || t.source !== domain || t.reenter) toEnter.add(s);
      addDescendants(s, toEnter);
    }
    for (const s of targets) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(toEnter, ancestors, !t.source.parent && t.reenter ? undefined : domain);
    }
  }
  return toEnter;
}

const byOrder = (a: NodeModel, b: NodeModel): number => a.order - b.order;

/**
 * Takes `transitions` (as selected by xstate's `getTransitionData`) from the configuration
 * `active`. With `initial`, `active` is `{root}` and nothing is exited.
 */
export function microstep(
  root: NodeModel,
  active: ReadonlySet<NodeModel>,
  transitions: readonly StepTransition[],
  initial: boolean,
): StepResult {
  const filtered = removeConflicts(transitions, active, root);
  const nodes = new Set(active);
  const actions: AssignFn[] = [];
  if (!initial) {
    for (const s of [...exitSet(filtered, nodes, root)].sort(byOrder).reverse()) {
      actions.push(...s.exit);
      nodes.delete(s);
    }
  }
  for (const t of filtered) actions.push(...t.actions);
  let done = false;
  for (const s of [...entrySet(filtered, root)].sort(byOrder)) {
    nodes.add(s);
    actions.push(...s.entry);
    // The model only admits final states directly under a compound root.
    if (s.type === 'final') done = true;
  }
  const finalExits = [...nodes].sort(byOrder).reverse().flatMap((s) => s.exit);
  const same = nodes.size === active.size && [...active].every((n) => nodes.has(n));
  return { nodes, actions, finalExits, done, changed: actions.length > 0 || done || !same };
}
