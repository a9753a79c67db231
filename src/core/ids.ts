/**
 * Identifiers and safe record access. Ids come from scenario files and logs, i.e. from
 * users: they are restricted to a plain alphabet and may never name an `Object.prototype`
 * member, so no key read from input can reach a prototype.
 */

/** Letters, digits and `_ . : -`, starting with a letter or digit; at most 64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** True when `id` is a valid, non-reserved identifier. */
export function isId(id: string): boolean {
  return ID_PATTERN.test(id) && !RESERVED.has(id);
}

/** Why an id is invalid, or `undefined` when it is fine. */
export function idProblem(id: string): string | undefined {
  if (RESERVED.has(id)) return `"${id}" is reserved and cannot be used as an id`;
  if (!ID_PATTERN.test(id)) {
    return `"${id}" is not a valid id (letters, digits, _ . : - ; starting with a letter or digit; max 64)`;
  }
  return undefined;
}

/** Own-property lookup that never falls through to the prototype chain. */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
