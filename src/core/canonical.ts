/**
 * Canonical JSON: the one byte sequence a value hashes to, and the one canonical key of a
 * value (Parley's only canonical encoder: the log writer and verifier hash it, the machines
 * key their caches with it). Object keys are sorted by UTF-16 code unit (the default
 * `Array.prototype.sort` order), there is no whitespace, and strings and numbers are printed
 * exactly as `JSON.stringify` prints them, so a value read back with `JSON.parse`
 * canonicalises to the same text. Values JSON cannot carry faithfully are rejected instead
 * of being silently changed (`NaN` would become `null`). Pure: it lives in the core so the
 * machines can use it.
 */
import { formatPath } from './catalogue.js';
import { ParleyError } from './errors.js';

/** A value that has no canonical JSON form (NaN, a function, a Map, a cycle…). */
export class CanonicalJsonError extends ParleyError {
  override readonly name = 'CanonicalJsonError';
  readonly area = 'log';
  readonly code = 'CANONICAL_JSON';
  constructor(
    /** Where in the value the problem is, e.g. `data.payoffs.syria`. */
    readonly field: string,
    what: string,
  ) {
    super(`${field}: ${what}`);
  }
}

/** Deeper nesting than this is treated as a cycle: no Parley event comes close. */
export const MAX_DEPTH = 128;

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

/**
 * The canonical key of a JSON value: equal values (whatever their key order) give equal keys.
 * @throws {CanonicalJsonError} as {@link canonicalJson}.
 * @example canonicalKey({ b: 1, a: 2 }) === canonicalKey({ a: 2, b: 1 }) // true
 */
export function canonicalKey(value: unknown): string {
  return canonicalJson(value);
}

/** Strings JSON.stringify would escape (quotes, backslashes, control characters, surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string's canonical JSON text (quoted, escaped exactly as `JSON.stringify` escapes). */
function canonicalString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** An object's key order: as `Object.keys` lists it, sorted, and the sorted keys quoted. */
interface Shape {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly quoted: readonly string[];
}

/**
 * Objects of one kind (`MessageSent` data, say) list the same keys in the same order every
 * time: their sorted, quoted order is found once and reused, keyed by the first key with the
 * rest compared one by one. Bounded, so unusual data only costs a sort.
 */
const shapes = new Map<string, Shape[]>();
const MAX_FIRST_KEYS = 4096;
const MAX_SHAPES_PER_KEY = 16;

/** The canonical key order of an object whose `Object.keys` are `keys` (cached per shape). */
function shapeOf(keys: string[]): Shape {
  const n = keys.length;
  const list = shapes.get(keys[0] as string);
  if (list !== undefined) {
    search: for (let i = 0; i < list.length; i++) {
      const shape = list[i] as Shape;
      const known = shape.keys;
      if (known.length !== n) continue;
      for (let j = 1; j < n; j++) if (known[j] !== keys[j]) continue search;
      return shape;
    }
  }
  const sorted = keys.slice().sort();
  const shape: Shape = { keys, sorted, quoted: sorted.map((k) => JSON.stringify(k)) };
  if (list === undefined) {
    if (shapes.size < MAX_FIRST_KEYS) shapes.set(keys[0] as string, [shape]);
  } else if (list.length < MAX_SHAPES_PER_KEY) {
    list.push(shape);
  }
  return shape;
}

/**
 * The hot path: no field-path bookkeeping. Throws {@link Unserialisable} exactly where
 * {@link problemOf} finds a problem, so the slow walk can name it.
 */
function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      // Finite numbers print as JSON.stringify prints them (both use Number#toString).
      if (value - value === 0) return `${value}`;
      break;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) break;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        let out = `[${write(value[0], depth + 1)}`;
        for (let i = 1; i < value.length; i++) out += `,${write(value[i], depth + 1)}`;
        return `${out}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) break;
      const keys = Object.keys(value);
      if (keys.length === 0) return '{}';
      const { sorted, quoted } = shapeOf(keys);
      const record = value as Record<string, unknown>;
      let out = '{';
      for (let i = 0; i < sorted.length; i++) {
        const v = record[sorted[i] as string];
        if (v === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${quoted[i] as string}:${write(v, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      break;
  }
  throw new Unserialisable(problemOf(value, depth) ?? 'has no JSON form');
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
