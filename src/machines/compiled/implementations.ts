/**
 * Guards and actions resolved once, at compile time, into plain closures.
 *
 * Each closure calls the machine's own implementation exactly as xstate 5 does
 * (`evaluateGuard` and `resolveAssign` in xstate's source): guards get `({ context, event },
 * params)`, assignments get `({ context, event, spawn, self, system }, params)` and their
 * result is merged over a shallow copy of the context. Only `assign` actions are accepted,
 * because they are the only actions whose whole effect is the next context.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import { unsupported, type Location } from './errors.js';

/** A resolved guard: truthy when the transition is enabled for this context and event. */
export type GuardFn = (context: unknown, event: EventObject) => unknown;

/** A resolved `assign` action: the next context. Never mutates its input. */
export type AssignFn = (context: any, event: EventObject) => any;

/** Where an implementation is referenced, for error messages (`role`: "entry", …). */
export interface Site extends Location {
  readonly role: string;
}

type ParamsSource = { readonly dynamic: false; readonly value: unknown } | {
  readonly dynamic: true;
  readonly fn: (args: { context: unknown; event: EventObject }) => unknown;
};

const NO_PARAMS: ParamsSource = { dynamic: false, value: undefined };

function noSpawn(): never {
  throw new Error('[machines] spawn is not available in compiled machines');
}

function paramsOf(ref: unknown): ParamsSource {
  if (typeof ref !== 'object' || ref === null || !('params' in ref)) return NO_PARAMS;
  const params = (ref as { params: unknown }).params;
  return typeof params === 'function'
    ? { dynamic: true, fn: params as (args: { context: unknown; event: EventObject }) => unknown }
    : { dynamic: false, value: params };
}

function nameOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && typeof (ref as { type?: unknown }).type === 'string') {
    return (ref as { type: string }).type;
  }
  return undefined;
}

/**
 * Resolves a transition's `guard` (a name, `{ type, params }`, or an inline predicate) on
 * `site`, a transition for `eventType`. A throwing guard is reported in xstate's words.
 */
export function resolveGuard(
  machine: AnyStateMachine,
  ref: unknown,
  site: Site,
  eventType: string,
): GuardFn {
  const inline = typeof ref === 'function';
  const name = inline ? undefined : nameOf(ref);
  if (!inline && name === undefined) {
    throw unsupported(site, `has a malformed guard in ${site.role}`);
  }
  const guards = machine.implementations.guards as Record<string, unknown>;
  const impl: unknown = inline ? ref : guards[name as string];
  if (impl === undefined) {
    throw unsupported(site, `references guard '${name}', not implemented (${site.role})`);
  }
  if (typeof impl !== 'function') {
    throw unsupported(site, `references guard '${name}', an alias, not a predicate (${site.role})`);
  }
  if ('check' in impl) {
    throw unsupported(site, `uses a higher-order guard (and/or/not/stateIn) in ${site.role}`);
  }
  const predicate = impl as (args: { context: unknown; event: EventObject }, params: unknown) => unknown;
  const failure = (err: unknown): Error =>
    new Error(
      `Unable to evaluate guard ${name ? `'${name}' ` : ''}in transition for event '${eventType}' ` +
        `in state node '${site.stateId}':\n${(err as Error).message}`,
    );
  // Inline guards never receive params, exactly as in xstate.
  const params = inline ? NO_PARAMS : paramsOf(ref);
  if (params.dynamic) {
    const fn = params.fn;
    return (context, event) => {
      try {
        return predicate({ context, event }, fn({ context, event }));
      } catch (err) {
        throw failure(err);
      }
    };
  }
  const value = params.value;
  return (context, event) => {
    try {
      return predicate({ context, event }, value);
    } catch (err) {
      throw failure(err);
    }
  };
}

interface AssignAction {
  readonly type: 'xstate.assign';
  readonly assignment: unknown;
}

function isAssign(impl: unknown): impl is AssignAction {
  return (
    typeof impl === 'function' &&
    (impl as { type?: unknown }).type === 'xstate.assign' &&
    'assignment' in impl
  );
}

/** Resolves one `entry`/`exit`/transition action, which must be an `assign`. */
export function resolveAction(machine: AnyStateMachine, ref: unknown, site: Site): AssignFn {
  if (typeof ref === 'function') {
    if (isAssign(ref)) return assignFn(ref.assignment, NO_PARAMS, site);
    const kind = (ref as { type?: unknown }).type;
    throw unsupported(
      site,
      typeof kind === 'string' && kind.startsWith('xstate.')
        ? `uses the built-in action '${kind}' in ${site.role}; only assign actions are supported`
        : `uses an inline action function in ${site.role}; only assign actions are supported`,
    );
  }
  const name = nameOf(ref);
  if (name === undefined) {
    throw unsupported(site, `has a malformed action in ${site.role}`);
  }
  const impl: unknown = (machine.implementations.actions as Record<string, unknown>)[name];
  if (impl === undefined) {
    throw unsupported(site, `references action '${name}', not implemented (${site.role})`);
  }
  if (!isAssign(impl)) {
    throw unsupported(site, `references action '${name}', not an assign action (${site.role})`);
  }
  return assignFn(impl.assignment, paramsOf(ref), site);
}

type PropAssigner = (args: AssignArgs, params: unknown) => unknown;

interface AssignArgs {
  readonly context: unknown;
  readonly event: EventObject;
  readonly spawn: typeof noSpawn;
  readonly self: undefined;
  readonly system: undefined;
}

function assignFn(assignment: unknown, params: ParamsSource, site: Site): AssignFn {
  const paramsFor = params.dynamic
    ? (context: unknown, event: EventObject) => params.fn({ context, event })
    : () => params.value;
  if (typeof assignment === 'function') {
    const whole = assignment as (args: AssignArgs, params: unknown) => unknown;
    return (context, event) => {
      const args: AssignArgs = { context, event, spawn: noSpawn, self: undefined, system: undefined };
      return Object.assign({}, context, whole(args, paramsFor(context, event)));
    };
  }
  if (typeof assignment !== 'object' || assignment === null) {
    throw unsupported(site, `has an assign without an assignment in ${site.role}`);
  }
  const keys = Object.keys(assignment);
  if (keys.includes('__proto__')) {
    throw unsupported(site, `assigns '__proto__' in ${site.role}`);
  }
  const props = keys.map((key) => [key, (assignment as Record<string, unknown>)[key]] as const);
  return (context, event) => {
    const args: AssignArgs = { context, event, spawn: noSpawn, self: undefined, system: undefined };
    const p = paramsFor(context, event);
    // Every property sees the context from before this action, as in xstate.
    const next: Record<string, unknown> = { ...(context as object) };
    for (const [key, value] of props) {
      next[key] = typeof value === 'function' ? (value as PropAssigner)(args, p) : value;
    }
    return next;
  };
}
