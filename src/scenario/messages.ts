/**
 * Plain-language messages for zod's built-in issues, phrased for someone editing a YAML
 * file ("a list", "a mapping", "a number between 0 and 1"), with did-you-mean hints for
 * misspelt enum values. Messages the schema sets itself are left alone.
 */
import type { z } from 'zod';
import { didYouMean, listOf } from './suggest.js';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

/** How a YAML value looks to the user, for "found …" clauses. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      if (Number.isNaN(value)) return '.nan (not a number)';
      if (!Number.isFinite(value)) return value > 0 ? '.inf (infinity)' : '-.inf (minus infinity)';
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function bound(iss: { origin?: string; inclusive?: boolean }, limit: unknown, side: 'min' | 'max'): string {
  const n = Number(limit);
  switch (iss.origin) {
    case 'array':
    case 'set':
      return side === 'min'
        ? `needs at least ${n} item${n === 1 ? '' : 's'}`
        : `may have at most ${n} item${n === 1 ? '' : 's'}`;
    case 'string':
      return side === 'min'
        ? n === 1
          ? 'must not be empty'
          : `must be at least ${n} characters long`
        : `must be at most ${n} characters long`;
    default: {
      const strict = iss.inclusive === false;
      if (side === 'min') return strict ? `must be greater than ${n}` : `must be at least ${n}`;
      return strict ? `must be less than ${n}` : `must be at most ${n}`;
    }
  }
}

/**
 * The per-parse error map used for scenarios. `onUnknownKeys` receives the keys each strict
 * object accepts, so the caller can turn one "unrecognized keys" issue into one issue per
 * key with a suggestion.
 */
export function scenarioErrorMap(
  onUnknownKeys: (path: readonly PropertyKey[], allowed: readonly string[]) => void,
): z.core.$ZodErrorMap {
  return (iss: RawIssue) => {
    const path = iss.path ?? [];
    switch (iss.code) {
      case 'invalid_type': {
        const expected =
          typeof iss.input === 'number' && iss.expected === 'number'
            ? 'a finite number'
            : (EXPECTED[iss.expected] ?? String(iss.expected));
        if (iss.input === undefined) return `missing; expected ${expected}`;
        return `expected ${expected}, found ${describeValue(iss.input)}`;
      }
      case 'too_small':
        return bound(iss, iss.minimum, 'min');
      case 'too_big':
        return bound(iss, iss.maximum, 'max');
      case 'invalid_value': {
        const values = iss.values.map((v) => String(v));
        const found = typeof iss.input === 'string' ? didYouMean(iss.input, values) : '';
        if (iss.input === undefined) return `missing; expected one of: ${listOf(values, 20)}`;
        return `expected one of: ${listOf(values, 20)}; found ${describeValue(iss.input)}${found}`;
      }
      case 'invalid_union': {
        if (iss.discriminator === undefined) return undefined;
        const options = ((iss as { options?: readonly unknown[] }).options ?? []).map(String);
        const input = (iss.input as Record<string, unknown> | undefined)?.[iss.discriminator];
        if (input === undefined) return `missing; expected one of: ${options.join(', ')}`;
        const hint = typeof input === 'string' ? didYouMean(input, options) : '';
        return `expected one of: ${options.join(', ')}; found ${describeValue(input)}${hint}`;
      }
      case 'invalid_key': {
        const inner = iss.issues[0]?.message ?? 'invalid key';
        return `invalid key ${JSON.stringify(String(iss.input))}: ${inner}`;
      }
      case 'unrecognized_keys': {
        const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        onUnknownKeys(path, shape ? Object.keys(shape) : []);
        return `unknown keys: ${iss.keys.join(', ')}`;
      }
      case 'invalid_format':
        return `expected ${iss.format === 'regex' ? `text matching ${String(iss.pattern)}` : iss.format}`;
      default:
        return undefined;
    }
  };
}
