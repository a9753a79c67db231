/**
 * Peak memory while streaming a large log (default 10M events). The file is written by the
 * bench's fast writer and checked byte for byte against the file `createLogFile` wrote for the
 * file suite (same events, so the big file must start with exactly those bytes). Each
 * measurement then runs in a fresh child process so its peak RSS is its own: one child
 * replays the file (read + validate + fold), one only reads and validates it. The difference
 * is what the replayed state costs; the second is what streaming costs.
 */
import { fork } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StreamReport } from '../children/stream.js';
import { note } from '../lib/progress.js';
import type { Unit } from '../workload/unit.js';
import { fastWriteLog, samePrefix } from '../workload/fastWrite.js';

/** What the suite measured. */
export interface BigFileResult {
  readonly events: number;
  readonly bytes: number;
  readonly writeMs: number;
  /** Bytes compared with the reference file written by `createLogFile`. */
  readonly checkedBytes: number;
  readonly fold: StreamReport;
  readonly read: StreamReport;
}

/** Bytes free for an unprivileged user on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

function runChild(path: string, mode: 'fold' | 'read', heapMB: number, timeoutMs: number): Promise<StreamReport> {
  const script = fileURLToPath(new URL('../children/stream.js', import.meta.url));
  const child = fork(script, [JSON.stringify({ path, mode })], {
    execArgv: ['--expose-gc', `--max-old-space-size=${heapMB}`],
    stdio: 'inherit',
  });
  let timedOut = false;
  // A fold that scales badly must not hold the whole benchmark hostage.
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill();
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    let report: StreamReport | undefined;
    child.on('message', (m: StreamReport) => (report = m));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (report) resolve(report);
      else if (timedOut) reject(new Error(`stream child (${mode}) did not finish within ${(timeoutMs / 1000).toFixed(0)} s (4× what the 1M file rate predicts)`));
      else reject(new Error(`stream child (${mode}) exited with code ${String(code)}`));
    });
  });
}

/** What the 1M-event file suite tells about the big run. */
export interface BigFileHints {
  readonly bytesPerEvent: number;
  /** End-to-end replay rate from a file, to size the children's timeout. */
  readonly eventsPerSec: number;
  /** Heap limit of the children, MB. */
  readonly heapMB: number;
  /** A log of the same workload written by `createLogFile`, and its size. */
  readonly reference: { readonly path: string; readonly bytes: number };
}

/** Writes `events` events to `path` and measures both children. */
export async function runBigFile(unit: Unit, events: number, path: string, hints: BigFileHints): Promise<BigFileResult> {
  const { bytesPerEvent, heapMB } = hints;
  const timeoutMs = Math.max(120_000, (4000 * events) / hints.eventsPerSec);
  const dir = dirname(path);
  const needed = Math.ceil(events * bytesPerEvent * 1.1);
  const free = freeBytes(dir);
  if (free < needed * 1.5) {
    throw new Error(`bench: ${events.toLocaleString('en-US')} events need about ${(needed / 1e9).toFixed(1)} GB in ${dir}, only ${(free / 1e9).toFixed(1)} GB free (use --big N or --skip-big)`);
  }
  note(`disk: ${(needed / 1e9).toFixed(1)} GB needed, ${(free / 1e9).toFixed(1)} GB free in ${dir}`);
  const t0 = performance.now();
  const bytes = fastWriteLog(unit, events, path, `writing ${events.toLocaleString('en-US')} events (fast writer)`);
  const writeMs = performance.now() - t0;
  const checkedBytes = Math.min(bytes, hints.reference.bytes);
  if (!samePrefix(path, hints.reference.path, checkedBytes)) {
    throw new Error('bench: the fast writer does not reproduce createLogFile byte for byte; the big file would not be a real log');
  }
  note('child 1/2: stream + validate + fold (Replayer)');
  const fold = await runChild(path, 'fold', heapMB, timeoutMs);
  note('child 2/2: stream + validate only (events dropped)');
  const read = await runChild(path, 'read', heapMB, timeoutMs);
  return { events, bytes, writeMs, checkedBytes, fold, read };
}
