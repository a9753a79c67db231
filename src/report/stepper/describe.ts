/**
 * What one event did: the event in plain words and each machine it moved, state before →
 * after. Pure: a {@link glimpse} of the machines the event concerns, taken before it is
 * folded, and the state after are all it needs, so a stepper or a report can describe a
 * whole log while folding it once, without copying the state per event.
 */
import type { Recorded } from '../../core/catalogue.js';
import type { ParleyState } from '../../core/state.js';
import { narrate } from './narrate.js';

/** The machines an event can move, as they were before it. */
export interface Glimpse {
  /** The cell's active states as dotted paths (`active.intelligence.engaged`), if there is a cell. */
  readonly cell?: readonly string[];
  readonly ladder?: string;
  /** The message the event names (`data.messageId`) and its state, `undefined` if it does not exist yet. */
  readonly message?: { readonly id: string; readonly state: string | undefined };
  readonly dispute?: { readonly id: string; readonly state: string | undefined };
}

/** Which kind of machine moved. */
export type MachineKind = 'cell' | 'ladder' | 'message' | 'dispute';

/** One machine moved by an event. `from` is absent when the event created the instance. */
export interface MachineChange {
  readonly machine: MachineKind;
  /** The message or dispute id; absent for the cell and the ladder. */
  readonly id?: string;
  readonly from?: string;
  readonly to: string;
}

/** An event described for a reader. */
export interface StepDescription {
  readonly seq: number;
  readonly at: string;
  readonly type: Recorded['type'];
  readonly actor: string;
  /** The event in plain words. */
  readonly text: string;
  readonly changes: readonly MachineChange[];
}

/** The leaf paths of a state value: `{ active: { meetings: 'idle' } }` → `['active.meetings.idle']`. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

function subject(event: Recorded, field: 'messageId' | 'disputeId'): string | undefined {
  const id = (event.data as Readonly<Record<string, unknown>>)[field];
  return typeof id === 'string' ? id : undefined;
}

/**
 * The machines `event` may move, as they are in `before` (the state it will be folded into).
 * @example const g = glimpse(replayer.peek(), e); replayer.push(e); describeEvent(g, e, replayer.peek());
 */
export function glimpse(before: ParleyState, event: Recorded): Glimpse {
  const messageId = subject(event, 'messageId');
  const disputeId = subject(event, 'disputeId');
  const m = messageId === undefined ? undefined : before.messages.get(messageId);
  const d = disputeId === undefined ? undefined : before.disputes.get(disputeId);
  return {
    ...(before.cell ? { cell: leafPaths(before.cell.machine.value) } : {}),
    ...(before.ladder ? { ladder: before.ladder.level } : {}),
    ...(messageId === undefined ? {} : { message: { id: messageId, state: m ? String(m.machine.value) : undefined } }),
    ...(disputeId === undefined ? {} : { dispute: { id: disputeId, state: d ? String(d.machine.value) : undefined } }),
  };
}

/**
 * How the cell's active states changed: a change of the top state (`established → active`)
 * or, inside `active`, of each region (`intelligence: dormant → engaged`).
 */
function cellChanges(before: readonly string[] | undefined, after: readonly string[]): MachineChange[] {
  const top = (paths: readonly string[]): string => (paths[0] ?? '').split('.')[0] as string;
  if (before === undefined) return [{ machine: 'cell', to: top(after) }];
  if (top(before) !== top(after)) return [{ machine: 'cell', from: top(before), to: top(after) }];
  const regionOf = (p: string): string => p.split('.').slice(0, -1).join('.');
  const leafOf = (p: string): string => p.split('.').pop() as string;
  const was = new Map(before.map((p) => [regionOf(p), leafOf(p)]));
  const out: MachineChange[] = [];
  for (const p of after) {
    const region = regionOf(p);
    const from = was.get(region);
    if (from !== leafOf(p)) {
      const name = region.split('.').slice(1).join('.') || region;
      out.push({ machine: 'cell', id: name, ...(from === undefined ? {} : { from }), to: leafOf(p) });
    }
  }
  return out;
}

/**
 * Describes `event`: `before` is the {@link glimpse} taken before folding it, `after` the
 * state once it is folded in.
 */
export function describeEvent(before: Glimpse, event: Recorded, after: ParleyState): StepDescription {
  const changes: MachineChange[] = [];
  if (after.cell) {
    const now = leafPaths(after.cell.machine.value);
    if (before.cell === undefined || now.join('\n') !== before.cell.join('\n')) changes.push(...cellChanges(before.cell, now));
  }
  if (after.ladder && after.ladder.level !== before.ladder) {
    changes.push({ machine: 'ladder', ...(before.ladder === undefined ? {} : { from: before.ladder }), to: after.ladder.level });
  }
  for (const kind of ['message', 'dispute'] as const) {
    const was = before[kind];
    if (was === undefined) continue;
    const view = kind === 'message' ? after.messages.get(was.id) : after.disputes.get(was.id);
    const to = view === undefined ? undefined : String(view.machine.value);
    if (to !== undefined && to !== was.state) {
      changes.push({ machine: kind, id: was.id, ...(was.state === undefined ? {} : { from: was.state }), to });
    }
  }
  return { seq: event.seq, at: event.at, type: event.type, actor: event.actor, text: narrate(event, after), changes };
}

/** A change as text: `dispute d-1: raised → acknowledged`, `ladder: calm → tension`. */
export function formatChange(c: MachineChange): string {
  const name = c.id === undefined ? c.machine : `${c.machine} ${c.id}`;
  return `${name}: ${c.from === undefined ? `(new) ${c.to}` : `${c.from} → ${c.to}`}`;
}
