/**
 * `npm run bench`: the kernel benchmark. Generates a realistic log, then measures in-memory
 * replay against a hand-written ceiling and the naive xstate fold, replay from a file (with a
 * breakdown of where the time goes), and peak RSS while streaming a large file, and prints a
 * report; with --json the last line is one JSON object with every number.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recorded } from '../src/core/catalogue.js';
import { canCollect } from './lib/measure.js';
import { parseOptions, UsageError, type BenchOptions } from './lib/options.js';
import { note } from './lib/progress.js';
import { renderReport } from './lib/report.js';
import { buildResults } from './lib/results.js';
import { DEFAULT_SPEC, logFor, unitFor } from './lib/workload.js';
import { runBigFile, type BigFileResult } from './suites/bigFile.js';
import { runFromFile } from './suites/fromFile.js';
import { runInMemory } from './suites/inMemory.js';

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

async function bench(options: BenchOptions, dir: string, files: string[]): Promise<void> {
  const env = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    loadAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    gcBetweenRuns: canCollect,
    options,
  };
  if (!canCollect) note('run with node --expose-gc for a full GC before each timed run (npm run bench does)');
  note(`generating the workload (${options.events.toLocaleString('en-US')} events)`);
  const unit = unitFor(DEFAULT_SPEC);
  let log: Recorded[] | undefined = logFor(DEFAULT_SPEC, options.events);
  const workload = {
    events: log.length,
    seed: DEFAULT_SPEC.seed,
    unitSteps: DEFAULT_SPEC.unitSteps,
    unitEvents: unit.body.length,
    copies: Number(((log.length - unit.bootstrap.length) / unit.body.length).toFixed(2)),
    mix: mixOf(log),
  };
  const inMemory = await runInMemory(log, { spec: DEFAULT_SPEC, rounds: options.rounds, naiveEvents: options.naiveEvents });
  log = undefined; // the file suites must not pay GC for a million events they do not use

  const smallPath = join(dir, `bench-${options.events}.jsonl`);
  files.push(smallPath);
  const file = await runFromFile(unit, options.events, smallPath, options.fileRounds, inMemory.keys);
  rmSync(smallPath, { force: true });

  let big: BigFileResult | undefined;
  if (!options.skipBig) {
    const bigPath = join(dir, `bench-${options.big}.jsonl`);
    files.push(bigPath);
    const heapMB = Math.max(2048, Math.floor((totalmem() / 1e6) * 0.6));
    try {
      big = await runBigFile(unit, options.big, bigPath, file.bytes / options.events, heapMB);
    } finally {
      rmSync(bigPath, { force: true });
    }
  }

  const results = buildResults({ env, workload, inMemory, file, big });
  process.stdout.write(`${renderReport(results).join('\n')}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
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
  try {
    await bench(options, dir, files);
    return 0;
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.PARLEY_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
    return 1;
  } finally {
    cleanUp();
  }
}

process.exitCode = await main(process.argv.slice(2));
