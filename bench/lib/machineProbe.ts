/**
 * What this machine charges for memory, measured before the suites so the report can say
 * how much of a fold's cost is the machine's rather than Parley's.
 *
 * A replay keeps every message, dispute and incident it creates: its heap grows with the
 * log, and every byte of that growth lands on a page the process has never touched. On a
 * typical Linux box the first touch of a 4 KiB page costs well under a microsecond; in some
 * sandboxed or nested-virtualisation environments it costs 10–20 µs, which is then the
 * largest single cost of building a state of half a million entities. The probe times:
 *
 * - the first touch of fresh pages (an unpooled buffer written once per page), and the same
 *   pages touched again, for contrast;
 * - keeping 400,000 small objects (a retained, growing heap, as replay builds it), against
 *   allocating as many objects that die young.
 */

import { median } from './measure.js';
import { round } from './results.js';

/** The probe's numbers. */
export interface MachineProbe {
  /** µs to touch a page of fresh memory for the first time (median of 5 runs). */
  readonly freshPageUs: number;
  /** µs to touch an already-touched page (same buffer, second pass). */
  readonly warmPageUs: number;
  /** ns per object kept alive (13 fields, like a view), heap growing. */
  readonly retainedObjectNs: number;
  /**
   * ns per object of the same shape that dies at once: the fastest of 5 runs, since a run
   * during which the young generation grows onto fresh pages pays for those pages too.
   */
  readonly transientObjectNs: number;
}

const PAGE = 4096;
const PROBE_BYTES = 32 << 20;
const OBJECTS = 400_000;

function pageTouch(): { fresh: number; warm: number } {
  const buffer = Buffer.allocUnsafeSlow(PROBE_BYTES);
  const pages = PROBE_BYTES / PAGE;
  let t0 = performance.now();
  for (let i = 0; i < PROBE_BYTES; i += PAGE) buffer[i] = 1;
  const fresh = ((performance.now() - t0) * 1000) / pages;
  t0 = performance.now();
  for (let i = 0; i < PROBE_BYTES; i += PAGE) buffer[i] = 2;
  const warm = ((performance.now() - t0) * 1000) / pages;
  return { fresh, warm };
}

interface Shape {
  a: number; b: number; c: number; d: number; e: number; f: number; g: number;
  h: number; i: number; j: number; k: number; l: number; m: number;
}

const make = (n: number): Shape => ({ a: n, b: n, c: n, d: n, e: n, f: n, g: n, h: n, i: n, j: n, k: n, l: n, m: n });

function retained(): number {
  const kept: Shape[] = [];
  const t0 = performance.now();
  for (let n = 0; n < OBJECTS; n++) kept.push(make(n));
  const ns = ((performance.now() - t0) * 1e6) / OBJECTS;
  if (kept.length !== OBJECTS) throw new Error('bench: probe lost objects');
  return ns;
}

let sink: Shape | undefined;

function transient(): number {
  const t0 = performance.now();
  for (let n = 0; n < OBJECTS; n++) sink = make(n);
  const ns = ((performance.now() - t0) * 1e6) / OBJECTS;
  if (sink === undefined) throw new Error('bench: probe lost objects');
  return ns;
}

/** Runs the probe (about a second). */
export function probeMachine(): MachineProbe {
  const touches = Array.from({ length: 5 }, pageTouch);
  const kept = Array.from({ length: 5 }, retained);
  const dying = Array.from({ length: 5 }, transient);
  return {
    freshPageUs: round(median(touches.map((t) => t.fresh)), 2),
    warmPageUs: round(median(touches.map((t) => t.warm)), 3),
    retainedObjectNs: round(median(kept), 0),
    transientObjectNs: round(Math.min(...dying), 0),
  };
}
