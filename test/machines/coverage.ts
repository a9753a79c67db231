/**
 * Structural coverage of a machine: which of its state nodes and transitions some event
 * stream reaches. The list of what must be covered is read from the xstate definition itself
 * (`machine.root`), so a state or transition added later is automatically required.
 */
import type { AnyStateMachine } from 'xstate';
import type { CompiledMachine, MachineSnap } from '../../src/machines/compiled/compile.js';

/** What a definition contains: state node ids and `source|eventType|index` transition keys. */
export interface DefinitionItems {
  readonly states: readonly string[];
  readonly transitions: readonly string[];
}

interface XNode {
  readonly id: string;
  readonly states: Readonly<Record<string, XNode>>;
  readonly transitions: ReadonlyMap<string, readonly unknown[]>;
}

/** Every state node and every transition candidate declared by `machine`, in document order. */
export function definitionItems(machine: AnyStateMachine): DefinitionItems {
  const states: string[] = [];
  const transitions: string[] = [];
  const visit = (node: XNode): void => {
    states.push(node.id);
    for (const [eventType, candidates] of node.transitions) {
      candidates.forEach((_, i) => transitions.push(`${node.id}|${eventType}|${i}`));
    }
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root as unknown as XNode);
  return { states, transitions };
}

/** Options of {@link exploreCoverage}. */
export interface CoverageOptions<E> {
  readonly input?: unknown;
  /** Sample events tried in every visited snapshot. */
  readonly events: readonly E[];
  /** Stop after this many distinct (value, context) snapshots. */
  readonly maxVisited?: number;
}

/** What a walk did not reach. */
export interface CoverageReport {
  readonly missingStates: readonly string[];
  readonly missingTransitions: readonly string[];
  /** Distinct snapshots visited. */
  readonly visited: number;
}

/**
 * Breadth-first walk over `compiled` from its initial snapshot, trying every sample event in
 * every distinct snapshot, until every declared state and transition has been reached (or
 * `maxVisited` snapshots were seen). A transition counts as taken when an event selects it.
 */
export function exploreCoverage<C, E extends { type: string }>(
  compiled: CompiledMachine<C, E>,
  options: CoverageOptions<E>,
): CoverageReport {
  const items = definitionItems(compiled.machine);
  const missingStates = new Set(items.states);
  const missingTransitions = new Set(items.transitions);
  const maxVisited = options.maxVisited ?? 50_000;
  const start = compiled.initial(options.input);
  const seen = new Set([JSON.stringify(start)]);
  const queue: MachineSnap<C>[] = [start];
  for (let head = 0; head < queue.length; head++) {
    if (missingStates.size === 0 && missingTransitions.size === 0) break;
    const snap = queue[head] as MachineSnap<C>;
    for (const id of compiled.activeStateIds(snap)) missingStates.delete(id);
    for (const event of options.events) {
      for (const t of compiled.selected(snap, event)) missingTransitions.delete(t.key);
      const next = compiled.transition(snap, event);
      const key = JSON.stringify(next);
      if (next === snap || seen.has(key) || seen.size >= maxVisited) continue;
      seen.add(key);
      queue.push(next);
    }
  }
  return { missingStates: [...missingStates], missingTransitions: [...missingTransitions], visited: seen.size };
}
