/**
 * zod checks as plain predicates. The common kinds (`.int()`, `.min()`, `.max()`, `.regex()`,
 * `.refine()`) become direct closures over the check's own parameters, applying exactly the
 * rule zod's check code applies; any other check runs zod's own code through a reused
 * payload. Either way a predicate answers "would zod record no issue?" for a value whose type
 * zod's parse has already accepted (checks only ever run after it).
 */
import { z } from 'zod';
import { simpleMatcher } from './pattern.js';
import { nodeOf, type CheckPayload, type ZodNode } from './zodView.js';

/** A check as a predicate on a value of the checked type. */
export type Predicate = (value: unknown) => boolean;

type Lengthy = string | readonly unknown[];

// zod gives length checks a default `when` (run on anything with a length: strings and
// arrays always have one); a check with any other `when` goes through zod's own code.
const DEFAULT_LENGTH_WHEN = (nodeOf(z.string().max(1))._zod.def.checks?.[0] as ZodNode)._zod.def.when;
const { codePointLength, NUMBER_FORMAT_RANGES } = z.core.util;

/**
 * The predicate of one zod check, or undefined for a check that cannot be run outside zod's
 * parse (one that rewrites the value, such as `.trim()`).
 */
export function checkPredicate(check: ZodNode): Predicate | undefined {
  return specialised(check) ?? generic(check);
}

function specialised(check: ZodNode): Predicate | undefined {
  const { traits } = check._zod;
  const def = check._zod.def;
  if (traits.has('$ZodCheckMaxLength') && def.when === DEFAULT_LENGTH_WHEN && typeof def.maximum === 'number') {
    const max = def.maximum;
    // zod counts code points, not UTF-16 units; only a string over the limit in units can differ.
    return (v) => (v as Lengthy).length <= max || (typeof v === 'string' && codePointLength(v) <= max);
  }
  if (traits.has('$ZodCheckMinLength') && def.when === DEFAULT_LENGTH_WHEN && typeof def.minimum === 'number') {
    const min = def.minimum;
    return (v) => {
      const units = (v as Lengthy).length;
      if (units < min) return false;
      return typeof v !== 'string' || units >= 2 * min || codePointLength(v) >= min;
    };
  }
  if (def.when !== undefined) return undefined;
  if (traits.has('$ZodCheckGreaterThan') && typeof def.value === 'number') {
    const bound = def.value;
    return def.inclusive ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
  }
  if (traits.has('$ZodCheckLessThan') && typeof def.value === 'number') {
    const bound = def.value;
    return def.inclusive ? (v) => (v as number) <= bound : (v) => (v as number) < bound;
  }
  if (traits.has('$ZodCheckNumberFormat') && def.format !== undefined && Object.hasOwn(NUMBER_FORMAT_RANGES, def.format)) {
    const [min, max] = NUMBER_FORMAT_RANGES[def.format as keyof typeof NUMBER_FORMAT_RANGES];
    return def.format.includes('int')
      ? (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
      : (v) => (v as number) >= min && (v as number) <= max;
  }
  if (traits.has('$ZodCheckRegex') && def.pattern instanceof RegExp) {
    const pattern = def.pattern;
    const matcher = simpleMatcher(pattern);
    if (matcher !== undefined) return matcher as Predicate;
    return (v) => {
      pattern.lastIndex = 0;
      return pattern.test(v as string);
    };
  }
  // `.refine(fn)`: zod records an issue when `fn` returns a falsy value (a promise is async,
  // which a synchronous parse refuses).
  if (traits.has('$ZodCustom') && def.check === 'custom' && typeof def.fn === 'function') {
    const fn = def.fn;
    return (v) => {
      const result = fn(v);
      return result === true || (Boolean(result) && !(result instanceof Promise));
    };
  }
  return undefined;
}

/** The numbers a set of checks allows: an interval, integers only or not. */
export interface NumberRange {
  readonly integer: boolean;
  readonly min: number;
  readonly minInclusive: boolean;
  readonly max: number;
  readonly maxInclusive: boolean;
}

/**
 * The conjunction of a number schema's checks as one interval, when they are all bounds and
 * formats (`.int()`, `.min()`, `.positive()`…); undefined otherwise.
 */
export function numberRange(checks: readonly ZodNode[]): NumberRange | undefined {
  let range: NumberRange = { integer: false, min: -Infinity, minInclusive: true, max: Infinity, maxInclusive: true };
  for (const check of checks) {
    const { traits } = check._zod;
    const { when, value, inclusive, format } = check._zod.def;
    if (when !== undefined) return undefined;
    if (traits.has('$ZodCheckGreaterThan') && typeof value === 'number') {
      range = raiseMin(range, value, inclusive === true);
    } else if (traits.has('$ZodCheckLessThan') && typeof value === 'number') {
      range = lowerMax(range, value, inclusive === true);
    } else if (traits.has('$ZodCheckNumberFormat') && format !== undefined && Object.hasOwn(NUMBER_FORMAT_RANGES, format)) {
      const [min, max] = NUMBER_FORMAT_RANGES[format as keyof typeof NUMBER_FORMAT_RANGES];
      range = lowerMax(raiseMin(range, min, true), max, true);
      if (format.includes('int')) range = { ...range, integer: true };
    } else {
      return undefined;
    }
  }
  return range;
}

function raiseMin(r: NumberRange, min: number, inclusive: boolean): NumberRange {
  if (min > r.min || (min === r.min && !inclusive)) return { ...r, min, minInclusive: inclusive };
  return r;
}

function lowerMax(r: NumberRange, max: number, inclusive: boolean): NumberRange {
  if (max < r.max || (max === r.max && !inclusive)) return { ...r, max, maxInclusive: inclusive };
  return r;
}

// One payload reused by every generic check call: checks are synchronous and, apart from a
// check that itself runs a derived validator (then `spare` is taken and a fresh one is made),
// never nested, so this saves two allocations per checked value.
let spare: CheckPayload | undefined = { value: undefined, issues: [] };

/**
 * zod's own check code, with zod's rules around it: a check with a `when` condition runs only
 * when the condition holds. A check that goes async or rewrites the value counts as failed.
 */
function generic(check: ZodNode): Predicate | undefined {
  const run = check._zod.check;
  const when = check._zod.def.when;
  if (typeof run !== 'function' || check._zod.def.check === 'overwrite') return undefined;
  return (value) => {
    const payload = spare ?? { value, issues: [] };
    spare = undefined;
    try {
      payload.value = value;
      // Setting an array's length is a runtime call: a new list only after a failed check.
      if (payload.issues.length !== 0) payload.issues = [];
      if (when !== undefined && !when(payload)) return true;
      const result = run(payload);
      return payload.issues.length === 0 && payload.value === value && !(result instanceof Promise);
    } finally {
      spare = payload;
    }
  };
}
