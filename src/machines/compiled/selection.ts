/**
 * Transition selection, mirroring xstate 5's `transitionNode`: in a compound state the active
 * child is asked first and the state's own candidates are the fallback; in a parallel state
 * every region is asked and the state's own candidates apply only when no region selected
 * anything. Within one state the first candidate whose guard passes wins.
 *
 * Per (configuration, event type) the candidates are laid out once as a {@link Plan}. When no
 * parallel state has two regions that handle the event (the usual case) the plan is a flat
 * chain, deepest candidates first, and selection is a single loop.
 */
import type { EventObject } from 'xstate';
import type { Configuration } from './configurations.js';
import type { NodeModel, TransitionModel } from './model.js';

/** The candidates below one active node that may handle an event type. */
interface Sel {
  readonly own: readonly TransitionModel[];
  /** Active child (compound) or regions (parallel) that have candidates. */
  readonly subs: readonly Sel[];
}

/** Per (configuration, event type): where to look for an enabled transition. */
export type Plan<S> =
  | {
      readonly kind: 'chain';
      readonly candidates: readonly TransitionModel[];
      readonly steps: (S | undefined)[];
    }
  | { readonly kind: 'tree'; readonly sel: Sel; readonly steps: Map<string, S> };

function selOf(node: NodeModel, config: Configuration, eventType: string): Sel | undefined {
  const own = node.on.get(eventType) ?? [];
  const subs: Sel[] = [];
  for (const child of node.children) {
    if (!config.set.has(child)) continue;
    const sub = selOf(child, config, eventType);
    if (sub) subs.push(sub);
  }
  return own.length || subs.length ? { own, subs } : undefined;
}

function flatten(sel: Sel): TransitionModel[] | undefined {
  if (sel.subs.length > 1) return undefined;
  const first = sel.subs[0];
  const below = first ? flatten(first) : [];
  return below && [...below, ...sel.own];
}

/**
 * The plan for `eventType` in `config`, or `null` when no active state handles it. Plans are
 * cached only for event types the machine declares (`known`), so a stream of made-up types
 * cannot grow the cache.
 */
export function planFor<S>(
  config: Configuration,
  eventType: string,
  known: ReadonlySet<string>,
): Plan<S> | null {
  const cached = config.plans.get(eventType);
  if (cached !== undefined) return cached as Plan<S> | null;
  if (!known.has(eventType)) return null;
  const sel = selOf(config.nodes[0] as NodeModel, config, eventType);
  let plan: Plan<S> | null = null;
  if (sel) {
    const chain = flatten(sel);
    plan = chain
      ? { kind: 'chain', candidates: chain, steps: chain.map(() => undefined) }
      : { kind: 'tree', sel, steps: new Map() };
  }
  config.plans.set(eventType, plan);
  return plan;
}

/** Index of the first enabled candidate of a chain, or -1. */
export function selectInChain(
  candidates: readonly TransitionModel[],
  context: unknown,
  event: EventObject,
): number {
  for (let i = 0; i < candidates.length; i++) {
    const guard = (candidates[i] as TransitionModel).guard;
    if (guard === undefined || guard(context, event)) return i;
  }
  return -1;
}

/** Appends the transitions `sel` selects to `out`; true when it selected any. */
export function selectInTree(
  sel: Sel,
  context: unknown,
  event: EventObject,
  out: TransitionModel[],
): boolean {
  let any = false;
  for (const sub of sel.subs) any = selectInTree(sub, context, event, out) || any;
  if (any) return true;
  const i = selectInChain(sel.own, context, event);
  if (i < 0) return false;
  out.push(sel.own[i] as TransitionModel);
  return true;
}
