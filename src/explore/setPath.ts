/**
 * Where a `--set` path points in a scenario: parsing `mechanism.ackDeadline`,
 * `generators[0].every` or `parties["a.b"].policy.kind` into segments, and checking each
 * segment against the scenario's own zod schema before anything is changed, so that a typo
 * gets a did-you-mean instead of a confusing validation error about a key nobody meant.
 *
 * Objects accept the keys their schema declares; records (parties, incident kinds, CAMEO
 * weights) accept the keys the document already has, and new ones unless a new key looks
 * like a typo of an existing one; lists accept the indices they already have.
 */
import { UsageError } from '../core/errors.js';
import type { z } from 'zod';
import { formatPath } from '../core/catalogue.js';
import { closest, didYouMean, listOf, quote } from '../scenario/suggest.js';

/**
 * The parts of a zod 4 schema this walk reads (`_zod.def`: its kind and its parts), typed
 * once, loosely: anything else is treated as a leaf.
 */
interface ZodNode {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly shape?: Readonly<Record<string, ZodNode>>;
      readonly element?: ZodNode;
      readonly valueType?: ZodNode;
      readonly innerType?: ZodNode;
    };
  };
}

const nodeOf = (schema: z.ZodType): ZodNode => schema as unknown as ZodNode;

/** One step into a document: a key or a list index. */
export type Segment = string | number;

/** Keys that would reach a prototype if they were ever assigned into a plain object. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A path that cannot be parsed or does not exist: the message names the path. */
export class SetPathError extends UsageError {
  override readonly name = 'SetPathError';
  constructor(message: string) {
    super(message, 'SET_PATH');
  }
}

/**
 * Parses a path: dot-separated keys, `[n]` list indices, `["key"]` for keys with dots.
 * @throws {SetPathError} for an empty or malformed path, or a forbidden key.
 * @example parseSetPath('generators[0].every') // ['generators', 0, 'every']
 */
export function parseSetPath(text: string): Segment[] {
  const segments: Segment[] = [];
  const bad = (why: string): never => {
    throw new SetPathError(`path ${quote(text)}: ${why}`);
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) bad('a "[" is never closed');
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^"[^"\\]*"$/.test(inner)) segments.push(inner.slice(1, -1));
      else bad(`expected a list index such as [0] or a quoted key such as ["a.b"], found [${inner}]`);
      i = close + 1;
      if (i < text.length && text[i] !== '.' && text[i] !== '[') bad('expected "." or "[" after "]"');
      if (text[i] === '.') i += 1;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end += 1;
    const key = text.slice(i, end);
    if (key === '') bad('empty key (two dots in a row, or a dot at either end)');
    segments.push(key);
    i = text[end] === '.' ? end + 1 : end;
    if (text[end] === '.' && i === text.length) bad('empty key (a dot at the end)');
  }
  if (segments.length === 0) bad('empty path');
  for (const s of segments) if (typeof s === 'string' && FORBIDDEN.has(s)) bad(`the key ${quote(s)} is not allowed`);
  return segments;
}

/** What a resolved path leads to. */
export interface ResolvedPath {
  readonly segments: readonly Segment[];
  /** The path as messages and columns print it (`generators[0].every`). */
  readonly text: string;
  /**
   * Set when the last segment is the discriminator of a union of objects (a policy's
   * `kind`): for each value, the keys that variant accepts.
   */
  readonly variants?: ReadonlyMap<unknown, ReadonlySet<string>>;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Strips the wrappers that do not change what a value looks like. */
function unwrap(node: ZodNode): ZodNode {
  let n = node;
  for (;;) {
    const def = n._zod.def as ZodNode['_zod']['def'] & { in?: ZodNode; getter?: () => ZodNode };
    if (WRAPPERS.has(def.type) && def.innerType) n = def.innerType;
    else if (def.type === 'pipe' && def.in) n = def.in;
    else if (def.type === 'lazy' && def.getter) n = nodeOf(def.getter() as unknown as z.ZodType);
    else return n;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ownValue = (v: unknown, key: string): unknown =>
  isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;

function shapeOf(node: ZodNode): Readonly<Record<string, ZodNode>> | undefined {
  const n = unwrap(node);
  return n._zod.def.type === 'object' ? n._zod.def.shape : undefined;
}

interface UnionDef {
  readonly options: readonly ZodNode[];
  readonly discriminator?: string;
}

/** The literal values a discriminator field of an object option takes. */
function literals(node: ZodNode | undefined): unknown[] {
  if (!node) return [];
  const def = unwrap(node)._zod.def as { type: string; values?: readonly unknown[] };
  return def.type === 'literal' ? [...(def.values ?? [])] : [];
}

function describeType(node: ZodNode): string {
  const type = unwrap(node)._zod.def.type;
  return type === 'object' || type === 'record' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
}

/**
 * Checks `segments` against `schema`, reading the current `doc` for record keys, list
 * lengths and which variant of a union is in use.
 * @throws {SetPathError} naming the first segment that does not exist, with a did-you-mean.
 */
export function resolveSetPath(schema: z.ZodType, doc: unknown, segments: readonly Segment[]): ResolvedPath {
  let node = nodeOf(schema);
  let value: unknown = doc;
  let variants: Map<unknown, ReadonlySet<string>> | undefined;
  const text = formatPath(segments);
  // List indices written with a dot (`generators.0`) become numbers, as `[0]` would.
  const normalized: Segment[] = [];
  for (const [i, segment] of segments.entries()) {
    const here = formatPath(normalized.slice(0, i));
    const fail = (why: string): never => {
      throw new SetPathError(`--set ${text}: ${why}`);
    };
    node = unwrap(node);
    const def = node._zod.def;
    variants = undefined;
    const key = String(segment);
    switch (def.type) {
      case 'object': {
        const shape = def.shape ?? {};
        if (typeof segment === 'number' || !Object.prototype.hasOwnProperty.call(shape, key)) {
          fail(`${here === '(root)' ? 'a scenario' : here} has no key ${quote(key)}${didYouMean(key, Object.keys(shape)) || ` (keys: ${listOf(Object.keys(shape), 20)})`}`);
        }
        node = shape[key] as ZodNode;
        value = ownValue(value, key);
        normalized.push(key);
        break;
      }
      case 'union': {
        const union = def as unknown as UnionDef;
        const shapes = union.options.map(shapeOf);
        const all = [...new Set(shapes.flatMap((s) => (s ? Object.keys(s) : [])))];
        if (!all.includes(key)) fail(`${here} has no key ${quote(key)}${didYouMean(key, all) || ` (keys: ${listOf(all, 20)})`}`);
        // The variant the document is in decides the field's schema, when it says.
        const current = union.discriminator === undefined ? undefined : ownValue(value, union.discriminator);
        const chosen =
          shapes.find((s) => s && key in s && union.discriminator !== undefined && literals(s[union.discriminator]).includes(current)) ??
          shapes.find((s) => s && key in s);
        if (key === union.discriminator) {
          variants = new Map();
          for (const s of shapes) if (s) for (const lit of literals(s[key])) variants.set(lit, new Set(Object.keys(s)));
        }
        node = (chosen as Readonly<Record<string, ZodNode>>)[key] as ZodNode;
        value = ownValue(value, key);
        normalized.push(key);
        break;
      }
      case 'record': {
        if (typeof segment === 'number') fail(`${here} is a mapping: use a key, not [${segment}]`);
        const existing = isPlainObject(value) ? Object.keys(value) : [];
        if (!existing.includes(key)) {
          const guess = closest(key, existing);
          if (guess !== undefined) fail(`${here} has no key ${quote(key)}; did you mean ${quote(guess)}?`);
        }
        node = def.valueType as ZodNode;
        value = ownValue(value, key);
        normalized.push(key);
        break;
      }
      case 'array': {
        const length = Array.isArray(value) ? value.length : 0;
        const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : undefined;
        if (index === undefined) fail(`${here} is a list: use an index such as ${here}[0], not ${quote(key)}`);
        if ((index as number) >= length) {
          fail(`${here} has ${length} item${length === 1 ? '' : 's'}; index ${index} is out of range (0 to ${length - 1})`);
        }
        node = def.element as ZodNode;
        value = (value as unknown[])[index as number];
        normalized.push(index as number);
        break;
      }
      default:
        fail(`${here} is ${describeType(node)}: it has no key ${quote(key)}`);
    }
  }
  return { segments: normalized, text: formatPath(normalized), ...(variants ? { variants } : {}) };
}
