/**
 * Canonical JSON: the one byte sequence a value hashes to. Object keys are sorted by UTF-16
 * code unit (the default `Array.prototype.sort` order), there is no whitespace, and strings
 * and numbers are printed exactly as `JSON.stringify` prints them, so a value read back with
 * `JSON.parse` canonicalises to the same text. Values JSON cannot carry faithfully are
 * rejected instead of being silently changed (`NaN` would become `null`).
 */
import { formatPath } from '../core/catalogue.js';
import { CanonicalJsonError } from './errors.js';

/** Deeper nesting than this is treated as a cycle: no Parley event comes close. */
const MAX_DEPTH = 128;

/** Thrown by the fast serialiser; the field path is then found by a second, slow walk. */
class Unserialisable {
  constructor(readonly what: string) {}
}

/**
 * Serialises `value` canonically. Object properties whose value is `undefined` are omitted
 * (they are absent optional fields); anything else without an exact JSON form throws.
 * @param prefix names `value` in error messages, e.g. `data` gives `data.payoffs.syria`.
 * @throws {CanonicalJsonError} for NaN, ±Infinity, bigint, functions, symbols, `undefined` in
 *   an array, objects that are not plain (Date, Map, class instances) and cycles.
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown, prefix = ''): string {
  try {
    return write(value, 0);
  } catch (e) {
    if (!(e instanceof Unserialisable)) throw e;
    const found = locate(value, 0, []) ?? { path: [], what: e.what };
    throw new CanonicalJsonError(formatPath(found.path, prefix), found.what);
  }
}

// Keys repeat from event to event (`messageId`, `track`…): quote each once.
const quotedKeys = new Map<string, string>();
function quote(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

/** The hot path: no field-path bookkeeping. */
function write(value: unknown, depth: number): string {
  const problem = problemOf(value, depth);
  if (problem !== undefined) throw new Unserialisable(problem);
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i], depth + 1);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let separator = '';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${separator}${quote(key)}:${write(v, depth + 1)}`;
    separator = ',';
  }
  return `${out}}`;
}

/** Why `value` itself (not its children) has no JSON form, or undefined. */
function problemOf(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${value} has no JSON form`;
    case 'object': {
      if (value === null) return undefined;
      if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels (a cycle?)`;
      if (Array.isArray(value)) return undefined;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return undefined;
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return `a ${typeof name === 'string' && name ? name : 'non-plain object'} has no JSON form`;
    }
    default:
      // undefined (inside an array), bigint, function, symbol
      return `a ${typeof value} has no JSON form`;
  }
}

/** The slow path: the first problem in serialisation order, with its field path. */
function locate(value: unknown, depth: number, path: PropertyKey[]): { path: PropertyKey[]; what: string } | undefined {
  const what = problemOf(value, depth);
  if (what !== undefined) return { path, what };
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = locate(value[i], depth + 1, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    const found = locate(record[key], depth + 1, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
