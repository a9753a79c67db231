/**
 * Fast validators derived from zod schemas. A zod 4 parse allocates a payload and an issue
 * list per value, rebuilds every object and array, and goes through generic machinery for
 * every field; for the event catalogue that costs more than reading the JSON. So each schema
 * is walked once, at module load, into plain closures answering one question: would zod
 * accept this value *and return it unchanged* (the same data; zod rebuilds objects in shape
 * order, the key order is the one thing that may differ)? When the answer is no, the caller
 * asks zod itself, which words the issues or makes the copy it has to make (a record key
 * `__proto__` it drops, say). Checks and refinements are zod's own code (see
 * `checkPredicate`), so a rule is never written twice; a schema using something this file
 * does not know derives to undefined and stays with zod. No code is generated (no eval).
 */
import { z } from 'zod';
import { checkPredicate, numberRange, type NumberRange } from './checks.js';
import { checksOf, nodeOf, type ZodNode } from './zodView.js';

/** True when zod accepts `input` and its parsed value equals `input`. */
export type FastCheck = (input: unknown) => boolean;

/**
 * Derives the fast validator of `schema`, or undefined when the schema uses a feature (a
 * transform, a default, a union, coercion…) that only zod should run.
 * @example const ok = deriveCheck(z.strictObject({ n: z.number().int() })); ok({ n: 1 }) // true
 */
export function deriveCheck(schema: z.ZodType): FastCheck | undefined {
  return derive(nodeOf(schema));
}

function derive(node: ZodNode): FastCheck | undefined {
  const def = node._zod.def;
  // The checks are folded into as few closures as possible: every call here is a call
  // through a site that sees many different closures, which V8 cannot inline.
  const range = def.type === 'number' && def.coerce !== true ? numberRange(checksOf(node)) : undefined;
  if (range !== undefined) return numberCheck(range);
  const base = deriveBase(node);
  if (base === undefined) return undefined;
  const predicates: FastCheck[] = [];
  for (const check of checksOf(node)) {
    const predicate = checkPredicate(check);
    if (predicate === undefined) return undefined;
    predicates.push(predicate);
  }
  if (predicates.length === 0) return base;
  if (predicates.length === 1) {
    const only = predicates[0] as FastCheck;
    if (def.type === 'string') return (input) => typeof input === 'string' && only(input);
    return (input) => base(input) && only(input);
  }
  return (input) => {
    if (!base(input)) return false;
    for (let i = 0; i < predicates.length; i++) if (!(predicates[i] as FastCheck)(input)) return false;
    return true;
  };
}

/** zod's number parse (finite numbers only) and the range its checks allow, in one test. */
function numberCheck({ integer, min, minInclusive, max, maxInclusive }: NumberRange): FastCheck {
  return (input) =>
    typeof input === 'number' &&
    Number.isFinite(input) &&
    (!integer || Number.isSafeInteger(input)) &&
    (minInclusive ? input >= min : input > min) &&
    (maxInclusive ? input <= max : input < max);
}

function deriveBase(node: ZodNode): FastCheck | undefined {
  const def = node._zod.def;
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return (input) => typeof input === 'string';
    case 'number':
      return (input) => typeof input === 'number' && Number.isFinite(input);
    case 'boolean':
      return (input) => typeof input === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'enum':
    case 'literal': {
      const values = node._zod.values;
      return values === undefined ? undefined : (input) => values.has(input);
    }
    case 'optional':
      return deriveOptional(node);
    case 'nullable': {
      const inner = node._zod.def.innerType === undefined ? undefined : derive(node._zod.def.innerType);
      return inner === undefined ? undefined : (input) => input === null || inner(input);
    }
    case 'array':
      return def.element === undefined ? undefined : deriveArray(def.element);
    case 'object':
      return deriveObject(node);
    case 'record':
      return deriveRecord(node);
    default:
      return undefined;
  }
}

function deriveOptional(node: ZodNode): FastCheck | undefined {
  const inner = node._zod.def.innerType;
  // A defaulted inner type substitutes a value for absence: zod's business.
  if (inner === undefined || inner._zod.optin === 'defaulted') return undefined;
  const check = derive(inner);
  if (check === undefined) return undefined;
  if (node._zod.traits.has('$ZodExactOptional')) return check;
  return (input) => input === undefined || check(input);
}

function deriveArray(element: ZodNode): FastCheck | undefined {
  const check = derive(element);
  if (check === undefined) return undefined;
  return (input) => {
    if (!Array.isArray(input)) return false;
    for (let i = 0; i < input.length; i++) if (!check(input[i])) return false;
    return true;
  };
}

/**
 * Objects as JSON.parse makes them. For these, zod's `key in input` and a `for…in` walk see
 * the same keys, and zod's copy has the same prototype (it builds plain objects, so for a
 * null-prototype input its value differs).
 */
function isPlainRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype;
}

function deriveObject(node: ZodNode): FastCheck | undefined {
  const { shape } = node._zod.def;
  if (shape === undefined || Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  // Without a catchall zod drops unknown keys (a copy), with `never` (strictObject) they are
  // an issue: either way the answer here is no. Any other catchall parses them: zod decides.
  const catchall = node._zod.def.catchall;
  if (catchall !== undefined && catchall._zod.def.type !== 'never') return undefined;
  const fields = new Map<string, { check: FastCheck; required: boolean }>();
  let required = 0;
  for (const key of Object.keys(shape)) {
    const schema = shape[key] as ZodNode;
    const { optin, optout } = schema._zod;
    const check = derive(schema);
    const optional = optin === 'optional' && optout === 'optional';
    // A key that objects inherit (`toString`) is "present" to zod in every object.
    if (check === undefined || (!optional && (optin !== undefined || optout !== undefined)) || key in Object.prototype) return undefined;
    fields.set(key, { check, required: !optional });
    if (!optional) required++;
  }
  // One walk over the input's own keys: every key known and valid, every required key seen.
  return (input) => {
    if (!isPlainRecord(input)) return false;
    let seen = 0;
    for (const key in input) {
      const field = fields.get(key);
      if (field === undefined || !field.check(input[key])) return false;
      if (field.required) seen++;
    }
    return seen === required;
  };
}

function deriveRecord(node: ZodNode): FastCheck | undefined {
  const { keyType, valueType, mode } = node._zod.def;
  // A key type with a fixed set of values makes the record exhaustive; loose mode keeps bad keys.
  if (keyType === undefined || valueType === undefined || keyType._zod.values !== undefined || mode === 'loose') return undefined;
  const checkKey = derive(keyType);
  const checkValue = derive(valueType);
  if (checkKey === undefined || checkValue === undefined) return undefined;
  return (input) => {
    if (!isPlainRecord(input) || !z.core.util.isPlainObject(input)) return false;
    // zod's own walk (own keys, symbols too, enumerable only); it drops a `__proto__` key, and
    // a failing key that looks numeric it retries as a number: both for zod to handle.
    for (const key of Reflect.ownKeys(input)) {
      if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, key)) return false;
      if (!checkKey(key) || !checkValue(input[key as string])) return false;
    }
    return true;
  };
}
