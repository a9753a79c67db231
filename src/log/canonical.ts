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

/**
 * Carries a problem up the recursion; each level adds its key on the way, so the happy path
 * never builds field paths (this runs once per logged event).
 */
class Unserialisable {
  readonly path: PropertyKey[] = [];
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
    throw new CanonicalJsonError(formatPath(e.path.reverse(), prefix), e.what);
  }
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Unserialisable(`${value} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw new Unserialisable(`nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
      return Array.isArray(value) ? writeArray(value, depth + 1) : writeObject(value, depth + 1);
    default:
      // undefined (inside an array), bigint, function, symbol
      throw new Unserialisable(`a ${typeof value} has no JSON form`);
  }
}

function writeArray(items: readonly unknown[], depth: number): string {
  let out = '[';
  let i = 0;
  try {
    for (; i < items.length; i++) {
      if (i > 0) out += ',';
      out += write(items[i], depth);
    }
  } catch (e) {
    if (e instanceof Unserialisable) e.path.push(i);
    throw e;
  }
  return `${out}]`;
}

function writeObject(obj: object, depth: number): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    const name = (obj as { constructor?: { name?: unknown } }).constructor?.name;
    throw new Unserialisable(`a ${typeof name === 'string' && name ? name : 'non-plain object'} has no JSON form`);
  }
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let key = '';
  try {
    for (key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${write(v, depth)}`;
    }
  } catch (e) {
    if (e instanceof Unserialisable) e.path.push(key);
    throw e;
  }
  return `${out}}`;
}
