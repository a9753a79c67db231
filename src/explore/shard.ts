/**
 * Sharding a sweep across machines: shard i of n (1-based) runs one contiguous block of run
 * indices, `[⌊(i−1)·T/n⌋, ⌊i·T/n⌋)` of T runs, so the blocks of all shards, concatenated in
 * order, are the whole sweep (what `parley merge` checks and does). Runs are numbered seed by
 * seed over the grid, so every block holds every cell in equal measure.
 *
 * `--shard auto` reads the shard from the scheduler's environment:
 * - a Slurm job array: `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`, `SLURM_ARRAY_TASK_MIN`
 *   (and `SLURM_ARRAY_TASK_MAX`, `SLURM_ARRAY_TASK_STEP`): the shard is the position of the
 *   task's id among `MIN, MIN+STEP, …, MAX`, so `--array=0-3`, `--array=1-4` and
 *   `--array=0-30:10` all give shards 1 to 4. A list of ids that is not such a range
 *   (`--array=1,3,7`) does not tell a task its position: give `--shards N` and use the
 *   0-based shard numbers as ids (`--array=0-3`, or `--array=2` to run shard 3 of 4 again);
 * - a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based) and the count from
 *   `--shards N` or `PARLEY_SHARDS` (a pod does not see its Job's `completions`).
 */
import { UsageError } from '../core/errors.js';
import type { ShardRange } from './identity.js';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A shard option or environment that cannot be used; the message says why. */
export class ShardError extends UsageError {
  override readonly name = 'ShardError';
  constructor(message: string) {
    super(message, 'SHARD');
  }
}

const MAX_SHARDS = 1_000_000;

/** Reads a whole number from an environment variable, or `undefined` when absent. */
function envInt(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new ShardError(`--shard auto: ${name}=${JSON.stringify(text)} is not a whole number`);
  return Number(text);
}

function checked(index: number, count: number, what: string): Shard {
  if (count < 1 || count > MAX_SHARDS) throw new ShardError(`${what}: the number of shards must be between 1 and ${MAX_SHARDS}, not ${count}`);
  if (index < 1 || index > count) throw new ShardError(`${what}: shard ${index} is outside 1..${count} (shards are numbered from 1)`);
  return { index, count };
}

function fromSlurm(env: Readonly<Record<string, string | undefined>>, id: number, shards: number | undefined): Shard {
  if (shards !== undefined) {
    if (id >= shards) throw new ShardError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} but --shards ${shards}: with --shards, task ids are the shard numbers from 0 (--array=0-${shards - 1})`);
    return checked(id + 1, shards, '--shard auto');
  }
  const count = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
  const min = envInt(env, 'SLURM_ARRAY_TASK_MIN');
  const max = envInt(env, 'SLURM_ARRAY_TASK_MAX') ?? (count !== undefined && min !== undefined ? min + count - 1 : undefined);
  const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  if (count === undefined || min === undefined || max === undefined) {
    throw new ShardError('--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN is not; give --shards N');
  }
  const regular = step > 0 && (max - min) % step === 0 && (max - min) / step + 1 === count && (id - min) % step === 0 && id >= min && id <= max;
  if (!regular) {
    throw new ShardError(
      `--shard auto: the array's task ids (${count} tasks between ${min} and ${max}) are not a range, so task ${id} cannot know its position; submit with --array=0-${count - 1} and --shards ${count}`,
    );
  }
  return checked((id - min) / step + 1, count, '--shard auto');
}

/**
 * Parses `--shard` (`i/n`, or `auto` read from `env`); `shards` is `--shards N`, if given.
 * @throws {ShardError} for a malformed value, a shard outside 1..n, or an environment that
 * does not say which shard this is.
 * @example parseShard('2/4', {}) // { index: 2, count: 4 }
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>, shards?: number): Shard {
  if (text !== 'auto') {
    const m = /^(\d{1,7})\/(\d{1,7})$/.exec(text);
    if (!m) throw new ShardError(`--shard: expected i/n (shard i of n, numbered from 1) or auto, got ${JSON.stringify(text)}`);
    return checked(Number(m[1]), Number(m[2]), '--shard');
  }
  const count = shards ?? envInt(env, 'PARLEY_SHARDS');
  const slurmId = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) return fromSlurm(env, slurmId, count);
  const k8s = envInt(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    if (count === undefined) throw new ShardError('--shard auto: JOB_COMPLETION_INDEX is set; give the number of shards (the Job\'s completions) with --shards N or PARLEY_SHARDS');
    return checked(k8s + 1, count, '--shard auto (JOB_COMPLETION_INDEX is 0-based)');
  }
  throw new ShardError('--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set');
}

/** The block of run indices shard `shard` of a `total`-run sweep holds. */
export function shardRange(shard: Shard, total: number): ShardRange {
  const at = (i: number): number => Math.floor((i * total) / shard.count);
  return { index: shard.index, count: shard.count, from: at(shard.index - 1), to: at(shard.index) };
}
