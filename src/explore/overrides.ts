/**
 * `--set path=value[,value…]`: parameter overrides applied to a scenario document (the YAML
 * file as a plain object, before validation), so that a swept or compared variant is
 * validated by the scenario's own schema exactly like a file that says the same.
 *
 * Values follow YAML's scalar rules: the text after `=` is read as the items of a YAML flow
 * list, so `0,0.1,0.3` is three numbers, `PT6H,PT24H` two strings, `true` a boolean, a value
 * containing a comma is quoted (`'"a,b"'`) and a list value is written in brackets
 * (`mechanism.tracks=[intelligence,diplomatic]` is one value, a list).
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { MAX_ALIAS_COUNT, SCENARIO_YAML_OPTIONS } from '../scenario/load.js';
import { quote } from '../scenario/suggest.js';
import { YamlTree } from '../scenario/yamlTree.js';
import { parseSetPath, resolveSetPath, SetPathError, type ResolvedPath } from './setPath.js';

/** One parameter change: the path as printed (`mechanism.ackDeadline`) and the new value. */
export interface Override {
  readonly path: string;
  readonly value: unknown;
}

/** One `--set` option: a resolved path and the values it takes (one per grid step). */
export interface SetSpec {
  readonly path: ResolvedPath;
  readonly values: readonly unknown[];
}

/** The longest `--set` text accepted. */
export const MAX_SET_TEXT = 10_000;

/**
 * Reads the values after `=`: the items of a YAML flow list.
 * @throws {SetPathError} on YAML errors, forbidden keys or tags, or an empty list.
 * @example parseSetValues('0,0.1,0.3') // [0, 0.1, 0.3]
 */
export function parseSetValues(text: string, path: string): unknown[] {
  const fail = (why: string): never => {
    throw new SetPathError(`--set ${path}: ${why}`);
  };
  if (text.length > MAX_SET_TEXT) fail(`the values are ${text.length} characters long; at most ${MAX_SET_TEXT} are read`);
  const doc = parseDocument(`[${text}\n]`, SCENARIO_YAML_OPTIONS);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) fail(`cannot read ${quote(text)} as YAML values: ${problem.message.split('\n')[0] ?? ''}`);
  const treeIssue = new YamlTree(doc).issues[0];
  if (treeIssue) fail(`in ${quote(text)}: ${treeIssue.message}`);
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    fail(`in ${quote(text)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(values) || values.length === 0) fail('no value given (an empty grid): write path=value or path=a,b,c');
  return values as unknown[];
}

/**
 * Parses one `--set path=a,b,c` option against the scenario document it will change.
 * @throws {SetPathError} with a one-line message naming the path.
 */
export function parseSetOption(option: string, schema: z.ZodType, doc: unknown): SetSpec {
  const eq = option.indexOf('=');
  if (eq < 0) throw new SetPathError(`--set ${quote(option)}: expected path=value (e.g. fog.misattribution=0,0.1)`);
  const segments = parseSetPath(option.slice(0, eq).trim());
  const path = resolveSetPath(schema, doc, segments);
  const values = parseSetValues(option.slice(eq + 1), path.text);
  for (const value of values) {
    if (renderSetValue(value).includes('\n')) throw new SetPathError(`--set ${path.text}: a value may not contain a line break`);
  }
  return { path, values };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of `doc` with `value` at `path`. Missing mappings on the way are created (a
 * scenario without a `fog:` block still takes `fog.misattribution`); setting the `kind` of a
 * policy drops the fields the new kind does not take (`generosity` when a
 * generous-tit-for-tat party becomes a hawk), since no value of theirs could be valid.
 */
export function applyOverride(doc: unknown, path: ResolvedPath, value: unknown): unknown {
  const root = structuredClone(doc);
  let container: unknown = root;
  const { segments } = path;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (Array.isArray(container) && typeof segment === 'number') {
      if (last) container[segment] = structuredClone(value);
      else container = container[segment];
      continue;
    }
    if (!isPlainObject(container)) throw new SetPathError(`--set ${path.text}: ${String(segment)} is not inside a mapping`);
    const key = String(segment);
    if (last) {
      container[key] = structuredClone(value);
      const keep = path.variants?.get(value);
      if (keep) for (const k of Object.keys(container)) if (!keep.has(k)) delete container[k];
    } else {
      if (!Object.prototype.hasOwnProperty.call(container, key) || container[key] === undefined || container[key] === null) {
        container[key] = {};
      }
      container = container[key];
    }
  }
  return root;
}

/** Applies several overrides in order. */
export function applyOverrides(doc: unknown, changes: ReadonlyArray<{ path: ResolvedPath; value: unknown }>): unknown {
  return changes.reduce((d, c) => applyOverride(d, c.path, c.value), doc);
}

/**
 * A value as `--set` would take it back: YAML flow text when that reads back as the same
 * value, JSON (also YAML) otherwise. Used in CSV cells and in `reproduce` commands.
 * @example renderSetValue('PT6H') // 'PT6H'; renderSetValue('0.1') // '"0.1"'
 */
export function renderSetValue(value: unknown): string {
  const text = stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).replace(/\n$/, '');
  try {
    if (!text.includes('\n') && isDeepStrictEqual(parseSetValues(text, ''), [value])) return text;
  } catch {
    // Not readable back as one value: fall through to JSON.
  }
  return JSON.stringify(value);
}
