/**
 * The command behind a fact: the inverse of `COMMAND_EVENTS`. A recorded fact is re-decided
 * through it (`verify --deep`, appends: see audit.ts), and the property-testing kit builds
 * commands from generated facts with it. One implementation for both.
 */
import type { EventType, Fact } from './catalogue.js';
import type { Command, CommandType } from './commands.js';
import { COMMAND_EVENTS, COMPUTED_FIELDS } from './commands.js';

/** The command type that records each event type. */
export const EVENT_COMMANDS = Object.fromEntries(Object.entries(COMMAND_EVENTS).map(([c, e]) => [e, c])) as {
  readonly [E in EventType]: CommandType;
};

/**
 * The command that would record `f`: same type's command, actor, instant, cause and data,
 * less what `decide` computes itself from the recorded rules (a message's `ackBy`, a
 * dispute's `respondBy`).
 * @example commandFor(fact('MessageDelivered', { actor: 'cell', at }, { messageId: 'msg-1' })) // a DeliverMessage command
 */
export function commandFor(f: Fact): Command {
  const type = EVENT_COMMANDS[f.type];
  const computed = (COMPUTED_FIELDS as Partial<Record<CommandType, string>>)[type];
  const data = computed === undefined ? f.data : without(f.data, computed);
  const c: Record<string, unknown> = { type, actor: f.actor, at: f.at, data };
  if (f.cause !== undefined) c.cause = f.cause;
  return c as Command;
}

/** A copy of `data` without `key` (own keys only, in order; an own `__proto__` stays a key). */
function without(data: object, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(data)) {
    if (k === key) continue;
    const v = (data as Record<string, unknown>)[k];
    // An own `__proto__` key (JSON.parse makes them) stays a key: assigned, it would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
