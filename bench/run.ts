/**
 * `npm run bench`: measures what the project tracks, and nothing else (see bench/README.md):
 * in-memory replay beside the hand-written switch ceiling and xstate's pure `transition()`,
 * verify and replay from a 1M-event file, and simulated Paris runs per second. Prints a
 * report; with --json the last line is one JSON object with every number. If a suite fails,
 * the others still run and the report says which failed (exit code 1).
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { canCollect } from './lib/measure.js';
import { parseOptions, UsageError, type BenchOptions } from './lib/options.js';
import { note } from './lib/progress.js';
import type { Suite } from './lib/suite.js';

/**
 * The suites, in the order they run: each names a file in bench/suites/ that exports a
 * `suite` (see lib/suite.ts). A new benchmark is one file there and its name here.
 */
const SUITES = ['inMemory', 'file', 'paris', 'sweep'];

async function loadSuites(only: readonly string[]): Promise<Suite[]> {
  const suites: Suite[] = [];
  for (const file of SUITES) suites.push(((await import(`./suites/${file}.js`)) as { suite: Suite }).suite);
  const unknown = only.filter((name) => !suites.some((s) => s.name === name));
  if (unknown.length > 0) throw new UsageError(`--only: no suite named ${unknown.join(', ')} (there are ${suites.map((s) => s.name).join(', ')})`);
  return only.length === 0 ? suites : suites.filter((s) => only.includes(s.name));
}

// As the parley executable does (src/cli/bin.ts): the numbers are those a user gets.
z.config({ jitless: true });

const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  let suites: Suite[];
  try {
    options = parseOptions(argv);
    suites = await loadSuites(options.only);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dir = resolve(options.dir ?? fileURLToPath(new URL('../tmp/', import.meta.url)));
  mkdirSync(dir, { recursive: true });
  if (!canCollect) note('run with node --expose-gc for a full GC before each timed run (npm run bench does)');
  const env = { node: process.version, cpus: availableParallelism(), loadAtStart: load(), gcBetweenRuns: canCollect, options };
  const results: Record<string, unknown> = {};
  const failed: Record<string, string> = {};
  const lines: string[] = [
    `Parley benchmark — node ${env.node}, ${env.cpus} CPUs${canCollect ? ', full GC before each timed run' : ''}${options.quick ? ' (--quick)' : ''}`,
  ];
  for (const suite of suites) {
    note(`${suite.name}: ${suite.title}`);
    const t0 = performance.now();
    try {
      const result = await suite.run({ options, dir });
      results[suite.name] = result.json;
      lines.push('', ...result.lines);
    } catch (e) {
      failed[suite.name] = e instanceof Error ? e.message : String(e);
      lines.push('', `${suite.title}: FAILED: ${failed[suite.name]}`);
      if (process.env.PARLEY_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
    }
    note(`${suite.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const loadAtEnd = load();
  lines.push('', `Load average (1/5/15 min) at start ${env.loadAtStart.join(' ')}, at end ${loadAtEnd.join(' ')}.`);
  if (Math.max(env.loadAtStart[0] ?? 0, loadAtEnd[0] ?? 0) > env.cpus) {
    lines.push('The machine was busy: wall-clock rates are pessimistic (CPU-time rates less so); ratios were measured side by side.');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ env: { ...env, loadAtEnd }, suites: results, failed })}\n`);
  return Object.keys(failed).length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
