/**
 * The machine-readable result of a run: the object printed as the last line with --json, and
 * what the readable report is printed from. Rates are events per second at the median time.
 */
import type { StreamReport } from '../children/stream.js';
import type { BigFileResult } from '../suites/bigFile.js';
import type { FromFileResult } from '../suites/fromFile.js';
import type { InMemoryResult } from '../suites/inMemory.js';
import { cpuRate, median, rate, spread, type Timing } from './measure.js';

/** The targets. */
export const TARGETS = { inMemoryEventsPerSec: 1_000_000, fileEventsPerSec: 300_000, peakRssMB: 200 } as const;

const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
const us = (t: Timing): number => (median(t.ms) * 1000) / t.events;

function variant(t: Timing) {
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

/** Builds the JSON result. */
export function buildResults(input: {
  env: Record<string, unknown>;
  workload: Record<string, unknown>;
  inMemory: InMemoryResult;
  file: FromFileResult;
  big: BigFileResult | undefined;
}) {
  const { inMemory: m, file: f, big: b } = input;
  const ours = rate(m.ours);
  const ceiling = rate(m.ceiling);
  const naive = rate(m.naive);
  const fileRate = rate(f.fullFold);
  const inMemory = {
    ours: variant(m.ours),
    ceiling: variant(m.ceiling),
    naive: variant(m.naive),
    ratioOursToCeiling: round(ours / ceiling, 3),
    ratioOursToNaive: round(ours / naive, 1),
    ratioCeilingToNaive: round(ceiling / naive, 1),
    cpuRatioOursToCeiling: round(cpuRate(m.ours) / cpuRate(m.ceiling), 3),
    cpuRatioOursToNaive: round(cpuRate(m.ours) / cpuRate(m.naive), 1),
    replayWithSnapshotEventsPerSec: round(m.ours.events / (m.replayWithSnapshotMs / 1000)),
    agreement: true,
  };
  const file = {
    events: f.fullFold.events,
    bytes: f.bytes,
    writeEventsPerSec: round(f.fullFold.events / (f.writeMs / 1000)),
    parseOnly: variant(f.parseOnly),
    envelope: variant(f.envelope),
    full: variant(f.full),
    envelopeFold: variant(f.envelopeFold),
    fullFold: variant(f.fullFold),
    splitUsPerEvent: {
      readAndParse: round(us(f.parseOnly), 2),
      envelopeValidation: round(us(f.envelope) - us(f.parseOnly), 2),
      fullValidation: round(us(f.full) - us(f.parseOnly), 2),
      foldAfterFull: round(us(f.fullFold) - us(f.full), 2),
      foldAfterEnvelope: round(us(f.envelopeFold) - us(f.envelope), 2),
    },
  };
  const big = b && {
    events: b.events,
    bytes: b.bytes,
    writeEventsPerSec: round(b.events / (b.writeMs / 1000)),
    replay: stream(b.fold),
    streamOnly: stream(b.read),
  };
  const pass = {
    inMemory: ours >= TARGETS.inMemoryEventsPerSec,
    file: fileRate >= TARGETS.fileEventsPerSec,
    rssReplay: b ? b.fold.peakRssMB < TARGETS.peakRssMB : null,
    rssStreaming: b ? b.read.peakRssMB < TARGETS.peakRssMB : null,
  };
  return {
    bench: 'parley-kernel',
    ...input.env,
    workload: input.workload,
    inMemory,
    file,
    big: big ?? null,
    targets: TARGETS,
    headline: {
      inMemoryEventsPerSec: round(ours),
      ceilingEventsPerSec: round(ceiling),
      naiveEventsPerSec: round(naive),
      ratioOursToCeiling: inMemory.ratioOursToCeiling,
      ratioOursToNaive: inMemory.ratioOursToNaive,
      fileEventsPerSec: round(fileRate),
      peakRssMB: b ? round(b.fold.peakRssMB, 1) : null,
    },
    pass: { ...pass, all: pass.inMemory && pass.file && pass.rssReplay !== false },
  };
}

/** The JSON result type. */
export type Results = ReturnType<typeof buildResults>;
