/**
 * Writes a long workload log fast, for the peak-RSS file (10M events would take minutes
 * through `createLogFile`, most of it re-serialising the same few thousand events). Each event
 * of the episode is serialised once, with placeholders for its id suffix and its instants;
 * each copy then only fills them in, seals the line with the same `envelopeBody`,
 * `chainHash` and `lineText` the writer uses, and appends it. The output is meant to be
 * byte-identical to `createLogFile`'s, and `samePrefix` checks exactly that against a file
 * the real writer wrote.
 */
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import type { Recorded } from '../../src/core/catalogue.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import { canonicalJson } from '../../src/core/canonical.js';
import { chainHash, lineText, envelopeBody, GENESIS_HASH } from '../../src/log/chain.js';
import { Progress } from '../lib/progress.js';
import { copyOffsetMs, copySuffix, renameData } from './copies.js';
import type { Unit } from './unit.js';

/** A serialised event: literal text, the copy's id suffix, or an instant (epoch ms) to shift. */
type Part = string | { readonly suffix: true } | { readonly ms: number };

interface Template {
  readonly type: string;
  readonly v: number;
  readonly actor: string;
  readonly atMs: number;
  readonly data: readonly Part[];
}

const SUFFIX = '@@S@@';
const TOKEN = /@@(S|T(\d+))@@/;

function template(e: Recorded, renamed: boolean): Template {
  const atMs = parseInstant(e.at) as number;
  const raw = e.data as Record<string, unknown>;
  const json = canonicalJson(renamed ? renameData(raw, SUFFIX, (at) => `@@T${parseInstant(at) as number}@@`) : raw);
  if (!renamed && json.includes('@@')) throw new Error('bench workload: event data contains the placeholder marker');
  const parts: Part[] = [];
  for (let rest = json; rest.length > 0; ) {
    const m = TOKEN.exec(rest);
    if (!m) {
      parts.push(rest);
      break;
    }
    if (m.index > 0) parts.push(rest.slice(0, m.index));
    parts.push(m[1] === 'S' ? { suffix: true } : { ms: Number(m[2]) });
    rest = rest.slice(m.index + m[0].length);
  }
  return { type: e.type, v: e.v, actor: e.actor, atMs, data: parts };
}

function render(parts: readonly Part[], suffix: string, offsetMs: number): string {
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : 'suffix' in p ? suffix : formatInstant(p.ms + offsetMs);
  return out;
}

/** Writes the first `events` events of the workload log to `path` (via a temp file). */
export function fastWriteLog(unit: Unit, events: number, path: string, label: string): number {
  const boot = unit.bootstrap.map((e) => template(e, false));
  const body = unit.body.map((e) => template(e, true));
  const temp = `${path}.partial`;
  const fd = openSync(temp, 'w');
  const progress = new Progress(label, events);
  let seq = 0;
  let hash = GENESIS_HASH;
  let bytes = 0;
  let pending = '';
  const flush = (): void => {
    const chunk = Buffer.from(pending, 'utf8');
    for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
    bytes += chunk.length;
    pending = '';
  };
  const emit = (t: Template, suffix: string, offsetMs: number): void => {
    seq += 1;
    const dataJson = render(t.data, suffix, offsetMs);
    const header = { seq, at: formatInstant(t.atMs + offsetMs), type: t.type, v: t.v, actor: t.actor };
    hash = chainHash(hash, envelopeBody({ ...header, data: JSON.parse(dataJson) as unknown }));
    pending += lineText(header, dataJson, hash);
    if (pending.length > 1 << 20) flush();
  };
  try {
    for (const t of boot) if (seq < events) emit(t, '', 0);
    for (let k = 0; seq < events; k++) {
      const suffix = copySuffix(k);
      const offset = copyOffsetMs(unit, k);
      for (let i = 0; i < body.length && seq < events; i++) emit(body[i] as Template, suffix, offset);
      progress.update(seq);
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  progress.end();
  return bytes;
}

/** True when the first `bytes` bytes of two files are equal. */
export function samePrefix(a: string, b: string, bytes: number): boolean {
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const size = 1 << 20;
    const ba = Buffer.allocUnsafe(size);
    const bb = Buffer.allocUnsafe(size);
    for (let pos = 0; pos < bytes; ) {
      const want = Math.min(size, bytes - pos);
      const na = readSync(fa, ba, 0, want, pos);
      const nb = readSync(fb, bb, 0, want, pos);
      if (na !== want || nb !== want || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      pos += want;
    }
    return true;
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
