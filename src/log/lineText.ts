/**
 * The text of a log line and of the hashed body, and the hash that chains them: the part of
 * sealing that needs nothing but `node:crypto`, so that a worker thread writing a log loads
 * this file and no schema. Every input must already be checked (see factGate.ts): `at`,
 * `type` and `actor` need no JSON escaping and are embedded as they are, which is measurably
 * cheaper than `JSON.stringify`.
 */
import * as crypto from 'node:crypto';

/** The "previous hash" of seq 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

// `crypto.hash` (Node ≥ 20.12) is about twice as fast as createHash for short inputs; the
// fallback keeps older Node 20 releases working.
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined =
  typeof crypto.hash === 'function' ? crypto.hash : undefined;

/**
 * The hash of an event given the previous hash and the event's canonical body: SHA-256 (hex)
 * over the previous hash, a newline and the body.
 */
export function chainHash(prevHash: string, body: string): string {
  const input = `${prevHash}\n${body}`;
  return oneShot ? oneShot('sha256', input, 'hex') : crypto.createHash('sha256').update(input).digest('hex');
}

/**
 * Canonical JSON of an envelope without its hash (keys sorted: actor, at, cause, data, seq,
 * type, v) given its already canonical data. `v` and `cause` may be given as their JSON
 * text; `cause` is absent when undefined.
 */
export function bodyText(
  seq: number,
  at: string,
  type: string,
  v: number | string,
  actor: string,
  cause: number | string | undefined,
  dataJson: string,
): string {
  const c = cause === undefined ? '' : `"cause":${cause},`;
  return `{"actor":"${actor}","at":"${at}",${c}"data":${dataJson},"seq":${seq},"type":"${type}","v":${v}}`;
}

/**
 * One log line, final newline included: envelope keys in envelope order (seq, at, type, v,
 * actor, data, cause, hash), so the same events always give the same bytes. Same arguments
 * as {@link bodyText}, plus the event's hash.
 */
export function lineText(
  seq: number,
  at: string,
  type: string,
  v: number | string,
  actor: string,
  cause: number | string | undefined,
  dataJson: string,
  hash: string,
): string {
  const c = cause === undefined ? '' : `,"cause":${cause}`;
  return `{"seq":${seq},"at":"${at}","type":"${type}","v":${v},"actor":"${actor}","data":${dataJson}${c},"hash":"${hash}"}\n`;
}
