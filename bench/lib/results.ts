/**
 * The machine-readable result of a run: the object printed as the last line with --json, and
 * what the readable report is printed from. Rates are events per second at the median wall
 * time (`cpu…` at the median CPU time). A suite that did not run (skipped, or the run was
 * stopped by an error) is `null`, and its targets count as not passed.
 */
import type { StreamReport } from '../children/stream.js';
import type { BigFileResult } from '../suites/bigFile.js';
import type { FromFileResult } from '../suites/fromFile.js';
import type { InMemoryResult } from '../suites/inMemory.js';
import type { Scaling } from '../suites/scaling.js';
import { cpuRate, median, rate, spread, type Timing } from './measure.js';

/** The targets. */
export const TARGETS = { inMemoryEventsPerSec: 1_000_000, fileEventsPerSec: 300_000, peakRssMB: 200 } as const;

/** `n` rounded to `digits` decimals, as a number (for the JSON output). */
export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
const us = (t: Timing): number => (median(t.ms) * 1000) / t.events;

/** One timed variant as it appears in the JSON output. */
export function variant(t: Timing) {
  return {
    events: t.events,
    eventsPerSec: round(rate(t)),
    medianMs: round(median(t.ms), 1),
    runsMs: t.ms.map((x) => round(x, 1)),
    spread: round(spread(t), 3),
    cpuEventsPerSec: round(cpuRate(t)),
    cpuRunsMs: t.cpuMs.map((x) => round(x, 1)),
  };
}

function scaling(s: Scaling) {
  return { blockEvents: s.blockEvents, blockMs: s.blockMs.map((x) => round(x)), growth: round(s.growth, 2) };
}

function inMemoryOf(m: InMemoryResult) {
  return {
    ours: variant(m.ours),
    ceiling: variant(m.ceiling),
    naive: variant(m.naive),
    oursOnNaivePrefix: variant(m.oursPrefix),
    ratioOursToCeiling: round(rate(m.ours) / rate(m.ceiling), 3),
    /** Like for like: ours and naive on the same prefix. */
    ratioOursToNaive: round(rate(m.oursPrefix) / rate(m.naive), 1),
    /** Ours on the whole log against naive on the prefix (equal to the above when replay is linear). */
    ratioOursFullToNaivePrefix: round(rate(m.ours) / rate(m.naive), 1),
    ratioCeilingToNaive: round(rate(m.ceiling) / rate(m.naive), 1),
    cpuRatioOursToCeiling: round(cpuRate(m.ours) / cpuRate(m.ceiling), 3),
    cpuRatioOursToNaive: round(cpuRate(m.oursPrefix) / cpuRate(m.naive), 1),
    replayWithSnapshotEventsPerSec: round(m.ours.events / (m.replayWithSnapshotMs / 1000)),
    scaling: { ours: scaling(m.scaling.ours), ceiling: scaling(m.scaling.ceiling) },
    agreement: true,
  };
}

function fileOf(f: FromFileResult) {
  return {
    events: f.fullFold.events,
    bytes: f.bytes,
    writeEventsPerSec: round(f.fullFold.events / (f.writeMs / 1000)),
    parseOnly: variant(f.parseOnly),
    envelope: variant(f.envelope),
    full: variant(f.full),
    envelopeFold: variant(f.envelopeFold),
    fullFold: variant(f.fullFold),
    fullFoldBatches: variant(f.fullFoldBatches),
    splitUsPerEvent: {
      readAndParse: round(us(f.parseOnly), 2),
      envelopeValidation: round(us(f.envelope) - us(f.parseOnly), 2),
      fullValidation: round(us(f.full) - us(f.parseOnly), 2),
      foldAfterFull: round(us(f.fullFold) - us(f.full), 2),
      foldAfterEnvelope: round(us(f.envelopeFold) - us(f.envelope), 2),
    },
  };
}

function stream(r: StreamReport) {
  return {
    eventsPerSec: round(r.events / (r.ms / 1000)),
    cpuEventsPerSec: round(r.events / (r.cpuMs / 1000)),
    seconds: round(r.ms / 1000, 1),
    peakRssMB: round(r.peakRssMB, 1),
    startRssMB: round(r.startRssMB, 1),
    ...(r.stateHeapMB === undefined ? {} : { stateHeapMB: round(r.stateHeapMB, 1) }),
    ...(r.entities === undefined ? {} : { entities: r.entities }),
    samples: r.samples.map((s) => ({ events: s.events, rssMB: round(s.rssMB), heapMB: round(s.heapMB) })),
  };
}

function bigOf(b: BigFileResult) {
  return {
    events: b.events,
    bytes: b.bytes,
    writeEventsPerSec: round(b.events / (b.writeMs / 1000)),
    checkedAgainstCreateLogFileBytes: b.checkedBytes,
    replay: stream(b.fold),
    streamOnly: stream(b.read),
  };
}

/** What a run produced; any suite may be missing. */
export interface RunOutcome {
  readonly env: Record<string, unknown>;
  readonly workload: Record<string, unknown> | undefined;
  readonly inMemory: InMemoryResult | undefined;
  readonly file: FromFileResult | undefined;
  readonly big: BigFileResult | undefined;
  readonly skippedBig: boolean;
  readonly error: string | undefined;
  /** Wall-clock seconds per phase, in the order they ran. */
  readonly phases: Record<string, number>;
}

/** Builds the JSON result. */
export function buildResults(o: RunOutcome) {
  const inMemory = o.inMemory ? inMemoryOf(o.inMemory) : null;
  const file = o.file ? fileOf(o.file) : null;
  const big = o.big ? bigOf(o.big) : null;
  const pass = {
    inMemory: inMemory !== null && inMemory.ours.eventsPerSec >= TARGETS.inMemoryEventsPerSec,
    file: file !== null && file.fullFold.eventsPerSec >= TARGETS.fileEventsPerSec,
    rssReplay: big ? big.replay.peakRssMB < TARGETS.peakRssMB : o.skippedBig && !o.error ? null : false,
    rssStreaming: big ? big.streamOnly.peakRssMB < TARGETS.peakRssMB : o.skippedBig && !o.error ? null : false,
  };
  return {
    bench: 'parley-kernel',
    ...o.env,
    error: o.error ?? null,
    workload: o.workload ?? null,
    inMemory,
    file,
    big,
    targets: TARGETS,
    headline: {
      inMemoryEventsPerSec: inMemory?.ours.eventsPerSec ?? null,
      ceilingEventsPerSec: inMemory?.ceiling.eventsPerSec ?? null,
      naiveEventsPerSec: inMemory?.naive.eventsPerSec ?? null,
      ratioOursToCeiling: inMemory?.ratioOursToCeiling ?? null,
      ratioOursToNaive: inMemory?.ratioOursToNaive ?? null,
      fileEventsPerSec: file?.fullFold.eventsPerSec ?? null,
      fileBatchesEventsPerSec: file?.fullFoldBatches.eventsPerSec ?? null,
      peakRssMB: big?.replay.peakRssMB ?? null,
      streamingPeakRssMB: big?.streamOnly.peakRssMB ?? null,
    },
    pass: { ...pass, all: pass.inMemory && pass.file && pass.rssReplay !== false },
    phasesSeconds: o.phases,
  };
}

/** The JSON result type. */
export type Results = ReturnType<typeof buildResults>;
