/**
 * Reading a scenario file for a command: load, validate, and turn every located issue into
 * one `file:line:col: path: what` problem (exit 2), so each command reports scenarios alike.
 */
import type { LimitOptions } from '../scenario/limits.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import type { CommandContext } from './command.js';
import { InputError } from './errors.js';

/** A scenario that passed validation, with the hash of its bytes and its text. */
export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  readonly hash: string;
  /** The file's text (recorded in the log; what `--set` overrides are applied to). */
  readonly source: string;
}

/**
 * Loads `file` (as the user typed it) or throws an `InputError` listing every problem.
 * `options` sets the limits it is checked against (the event budget).
 */
export async function readScenario(ctx: CommandContext, file: string, options: LimitOptions = {}): Promise<LoadedScenario> {
  const result = await loadScenario(ctx.resolve(file), options);
  if (!result.ok) {
    throw new InputError(
      result.issues.map((i) => ({
        file,
        ...(i.line > 0 ? { line: i.line, col: i.col } : {}),
        what: i.path ? `${i.path}: ${i.message}` : i.message,
      })),
      'scenario',
    );
  }
  return { file, scenario: result.scenario, hash: result.hash, source: result.source };
}

/** Parses a non-negative integer option, or throws a usage error naming the option. */
export function integerOption(name: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max) {
    throw new InputError({ file: name, what: `expected a whole number between 0 and ${max}, got "${value}"` });
  }
  return n;
}
