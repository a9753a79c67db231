/**
 * A sweep's identity: what decides its rows, written as the first line of its file. `--resume`
 * continues a file only when its identity is the sweep being asked for, and `parley merge`
 * joins only parts whose identities differ in nothing but the shard.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RowFormat } from './rowFormat.js';

/** Which contiguous block of the run indices a file holds. */
export interface ShardRange {
  /** 1-based shard number and the number of shards. */
  readonly index: number;
  readonly count: number;
  /** Run indices `from` (inclusive) to `to` (exclusive). */
  readonly from: number;
  readonly to: number;
}

/** Everything that decides a sweep file's rows. */
export interface SweepIdentity {
  /** Version of the row file format. */
  readonly sweep: 1;
  readonly parley: string;
  /** The scenario file as given on the command line (it appears in every `reproduce`). */
  readonly scenario: string;
  /** SHA-256 of the scenario file's bytes. */
  readonly hash: string;
  /** The base seed S every run's seed is derived from (see seeds.ts). */
  readonly seed: number;
  /** Seeds per grid cell. */
  readonly runs: number;
  /** The `--set` options: each path and its values as `--set` takes them. */
  readonly grid: ReadonlyArray<{ readonly path: string; readonly values: readonly string[] }>;
  /** Grid cells, and runs in the whole sweep (cells × runs). */
  readonly cells: number;
  readonly total: number;
  /** Present in a shard's file only. */
  readonly shard?: ShardRange;
}

const CSV_MARK = '#parley-sweep ';

/** The identity line (with its newline) for a file of `format`. */
export function identityLine(format: RowFormat, identity: SweepIdentity): string {
  return format === 'csv' ? `${CSV_MARK}${JSON.stringify(identity)}\n` : `${JSON.stringify({ parleySweep: identity })}\n`;
}

/** Reads an identity line (without its newline), or `undefined` when it is not one. */
export function parseIdentityLine(format: RowFormat, line: string): SweepIdentity | undefined {
  let value: unknown;
  try {
    if (format === 'csv') {
      if (!line.startsWith(CSV_MARK)) return undefined;
      value = JSON.parse(line.slice(CSV_MARK.length));
    } else {
      value = (JSON.parse(line) as { parleySweep?: unknown } | null)?.parleySweep;
    }
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || (value as { sweep?: unknown }).sweep !== 1) return undefined;
  return value as SweepIdentity;
}

/** The identity without its shard: what every part of one sweep shares. */
export function unsharded(identity: SweepIdentity): SweepIdentity {
  const { shard: _shard, ...rest } = identity;
  return rest;
}

/** The first field in which two identities differ, or `undefined` when they are equal. */
export function identityDifference(a: SweepIdentity, b: SweepIdentity): string | undefined {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.find((k) => !isDeepStrictEqual((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k]));
}
