/**
 * `npm run bench`: the kernel benchmark. Generates a realistic log, then measures in-memory
 * replay against a hand-written ceiling and the naive xstate fold, replay from a file (with a
 * breakdown of where the time goes), the simulator with and without writing its log (bench/sim),
 * and peak RSS while streaming a large file, and prints a report; with --json the last line is
 * one JSON object with every number. If a suite fails (a superlinear fold past its deadline,
 * say), the suites done so far are still reported.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recorded } from '../src/core/catalogue.js';
import { probeMachine } from './lib/machineProbe.js';
import { canCollect } from './lib/measure.js';
import { parseOptions, UsageError, type BenchOptions } from './lib/options.js';
import { note } from './lib/progress.js';
import { renderReport } from './lib/report.js';
import { buildResults, type RunOutcome } from './lib/results.js';
import { DEFAULT_SPEC, logFor, unitFor } from './lib/workload.js';
import { renderSimulator } from './sim/report.js';
import { runSimulatorInChild } from './sim/child.js';
import type { SimulatorResults } from './sim/results.js';
import { runBigFile } from './suites/bigFile.js';
import { runFromFile } from './suites/fromFile.js';
import { runInMemory } from './suites/inMemory.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The kernel suites' outcome plus the simulator suite's. */
type Outcome = Mutable<RunOutcome> & { simulator: SimulatorResults | undefined };

const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

/** Share of each event type in `log`, largest first. */
function mixOf(log: readonly Recorded[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of log) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => [t, Number((n / log.length).toFixed(4))]),
  );
}

/** Runs `step`, recording its wall-clock seconds under `name`. */
async function phase<T>(out: Outcome, name: string, step: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await step();
  } finally {
    out.phases[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
  }
}

/** Runs the suites in order, filling `out` as each one completes. */
async function runSuites(options: BenchOptions, dir: string, files: string[], out: Outcome): Promise<void> {
  note(`generating the workload (${options.events.toLocaleString('en-US')} events)`);
  const t0 = performance.now();
  const unit = unitFor(DEFAULT_SPEC);
  let log: Recorded[] | undefined = logFor(DEFAULT_SPEC, options.events);
  out.workload = {
    events: log.length,
    seed: DEFAULT_SPEC.seed,
    unitSteps: DEFAULT_SPEC.unitSteps,
    unitEvents: unit.body.length,
    copies: Number(((log.length - unit.bootstrap.length) / unit.body.length).toFixed(2)),
    mix: mixOf(log),
  };
  out.phases.workload = Number(((performance.now() - t0) / 1000).toFixed(1));
  const events = log;
  const inMemory = await phase(out, 'in-memory', () =>
    runInMemory(events, {
      spec: DEFAULT_SPEC,
      rounds: options.rounds,
      naiveEvents: options.naiveEvents,
      deadlineMs: options.foldDeadline * 1000,
    }),
  );
  out.inMemory = inMemory;
  log = undefined; // the file suites must not pay GC for a million events they do not use

  const smallPath = join(dir, `bench-${options.events}.jsonl`);
  files.push(smallPath);
  const file = await phase(out, 'file', () => runFromFile(unit, options.events, smallPath, options.fileRounds, inMemory.keys));
  out.file = file;

  // In a fresh process, as `parley run` is: see sim/child.ts. It deletes its own log file.
  out.simulator = await phase(out, 'simulator', () =>
    runSimulatorInChild({ quick: options.quick, rounds: options.fileRounds, dir }),
  );
  if (options.skipBig) return;

  const bigPath = join(dir, `bench-${options.big}.jsonl`);
  files.push(bigPath);
  try {
    out.big = await phase(out, 'peak RSS', () =>
      runBigFile(unit, options.big, bigPath, {
        bytesPerEvent: file.bytes / options.events,
        eventsPerSec: options.events / (Math.min(...file.fullFold.ms) / 1000),
        heapMB: Math.max(2048, Math.floor((totalmem() / 1e6) * 0.6)),
        reference: { path: smallPath, bytes: file.bytes },
      }),
    );
  } finally {
    rmSync(bigPath, { force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dir = resolve(options.dir ?? fileURLToPath(new URL('../tmp/', import.meta.url)));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const cleanUp = (): void => files.forEach((f) => rmSync(f, { force: true }));
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  if (!canCollect) note('run with node --expose-gc for a full GC before each timed run (npm run bench does)');
  note('probing what this machine charges for fresh memory');
  const machine = probeMachine();
  const out: Outcome = {
    env: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: availableParallelism(), loadAtStart: load(), gcBetweenRuns: canCollect, machine, options },
    workload: undefined,
    inMemory: undefined,
    file: undefined,
    big: undefined,
    skippedBig: options.skipBig,
    error: undefined,
    phases: {},
    simulator: undefined,
  };
  try {
    await runSuites(options, dir, files, out);
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
    if (process.env.PARLEY_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
  } finally {
    cleanUp();
  }
  out.env = { ...out.env, loadAtEnd: load() };
  const results = { ...buildResults(out), simulator: out.simulator ?? null };
  process.stdout.write(`${[...renderReport(results), '', ...renderSimulator(results.simulator)].join('\n')}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return out.error ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
