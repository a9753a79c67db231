/**
 * Timing helpers. Every variant is timed several times, interleaved with the others, and
 * summarised by its median: on a noisy 2-core machine a single run means little, and
 * interleaving spreads background noise over all variants alike.
 */

/** Calls the collector when the process was started with --expose-gc (no-op otherwise). */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Whether `collect()` really collects (the bench script passes --expose-gc). */
export const canCollect = typeof (globalThis as { gc?: unknown }).gc === 'function';

/**
 * One timed run: wall-clock ms, and the CPU ms the process used meanwhile (all its threads,
 * so GC helper threads count). On a loaded machine wall time inflates while CPU time mostly
 * does not, which is why both are kept.
 */
export interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * How long to let the collector's background sweeping finish after a forced collection. With
 * a million events live, a run started right after `gc()` pays for sweeping gigabytes of heap
 * (measured: a 20k-event fold took 3–5× longer), which would penalise short runs most.
 */
const SETTLE_MS = 300;

/** A full collection, then a pause for the sweeper: every timed run starts from the same heap. */
export async function settle(): Promise<void> {
  if (!canCollect) return;
  collect();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

function measure(run: () => unknown): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  return { ms, cpuMs: cpuSince(c0) };
}

/**
 * Times one synchronous run right after a full collection (no pause: prefer `timeSettled`
 * when the heap is large).
 */
export function timeSync(run: () => unknown): Sample {
  collect();
  return measure(run);
}

/** Settles, then times one synchronous run. */
export async function timeSettled(run: () => unknown): Promise<Sample> {
  await settle();
  return measure(run);
}

/** Settles, then times one asynchronous run. */
export async function timeAsync(run: () => Promise<unknown>): Promise<Sample> {
  await settle();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  return { ms, cpuMs: cpuSince(c0) };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A variant's timings over the rounds. */
export interface Timing {
  readonly events: number;
  readonly ms: readonly number[];
  readonly cpuMs: readonly number[];
}

/** Collects samples into a `Timing`. */
export function timing(events: number, samples: readonly Sample[]): Timing {
  return { events, ms: samples.map((x) => x.ms), cpuMs: samples.map((x) => x.cpuMs) };
}

/** Events per second at the median wall time. */
export function rate(t: Timing): number {
  return t.events / (median(t.ms) / 1000);
}

/** Events per second at the median CPU time. */
export function cpuRate(t: Timing): number {
  return t.events / (median(t.cpuMs) / 1000);
}

/** Relative spread of the runs, (max - min) / median, to show how noisy a number is. */
export function spread(t: Timing): number {
  return (Math.max(...t.ms) - Math.min(...t.ms)) / median(t.ms);
}
