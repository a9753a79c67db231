/**
 * Child process for the peak-RSS measurement: streams one log file and reports its own peak
 * resident set size (`process.resourceUsage().maxRSS`, which covers the whole life of this
 * process, so nothing the parent allocated is counted).
 *
 * argv[2] = JSON { path, mode }: `fold` streams with `readEvents(validate:'full')` into a
 * `Replayer` (the real replay); `read` runs the same reader and validation but drops the
 * events, isolating the streaming pipeline from the state it feeds. The result goes back over
 * IPC: events/s, peak RSS, RSS/heap samples every million events, and (fold) the heap the
 * final state retains after a full collection.
 */
import type { ParleyState } from '../../src/core/state.js';
import { Replayer } from '../../src/core/replay.js';
import { readEvents } from '../../src/log/readEvents.js';

/** One sample of memory while streaming. */
export interface MemorySample {
  readonly events: number;
  readonly rssMB: number;
  readonly heapMB: number;
}

/** What the child reports. */
export interface StreamReport {
  readonly mode: 'fold' | 'read';
  readonly events: number;
  readonly ms: number;
  /** CPU time of the whole process (all threads) while streaming. */
  readonly cpuMs: number;
  readonly peakRssMB: number;
  /** RSS after loading the code, before reading the file. */
  readonly startRssMB: number;
  readonly samples: readonly MemorySample[];
  /** Heap retained by the final state (after full GC), fold mode only. */
  readonly stateHeapMB?: number;
  readonly entities?: Readonly<Record<string, number>>;
}

const MB = 1e6;
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

function entities(s: ParleyState): Record<string, number> {
  return {
    messages: s.messages.size,
    disputes: s.disputes.size,
    incidents: s.incidents.size,
    steps: s.steps.size,
    meetings: s.meetings.size,
    suspensions: s.cell?.suspensions.length ?? 0,
  };
}

async function main(): Promise<StreamReport> {
  const { path, mode } = JSON.parse(process.argv[2] ?? '{}') as { path: string; mode: 'fold' | 'read' };
  gc();
  const startRssMB = process.memoryUsage.rss() / MB;
  const heapBefore = process.memoryUsage().heapUsed;
  const replayer = new Replayer();
  const samples: MemorySample[] = [];
  let events = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const e of readEvents(path)) {
    if (mode === 'fold') replayer.push(e);
    events++;
    if (events % 1_000_000 === 0) {
      const m = process.memoryUsage();
      samples.push({ events, rssMB: m.rss / MB, heapMB: m.heapUsed / MB });
      process.stderr.write(`  child (${mode}): ${(events / 1e6).toFixed(0)}M events, rss ${(m.rss / MB).toFixed(0)} MB, ${((events / (performance.now() - t0)) * 1000).toFixed(0)} ev/s\n`);
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakRssMB = (process.resourceUsage().maxRSS * 1024) / MB;
  if (mode === 'read') return { mode, events, ms, cpuMs, peakRssMB, startRssMB, samples };
  gc();
  const stateHeapMB = (process.memoryUsage().heapUsed - heapBefore) / MB;
  return { mode, events, ms, cpuMs, peakRssMB, startRssMB, samples, stateHeapMB, entities: entities(replayer.peek()) };
}

main().then(
  (report) => process.send?.(report, () => process.exit(0)),
  (e: unknown) => {
    process.stderr.write(`stream child: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
