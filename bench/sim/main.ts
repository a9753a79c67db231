/**
 * The simulator suite on its own:
 *
 *   npx tsc -p tsconfig.bench.json && npm run build
 *   node --expose-gc .bench-build/bench/sim/main.js [--json] [--quick] [--events N] [--rounds N]
 *                                                   [--scenario FILE] [--dir PATH]
 *
 * Prints the report; with --json the last line is the suite's JSON object.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canCollect } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import { renderSimulator } from './report.js';
import { simulatorResults } from './results.js';
import { runSimulator } from './suite.js';
import { defaultWorkloadPath } from './workload.js';

const USAGE = 'usage: node --expose-gc .bench-build/bench/sim/main.js [--json] [--quick] [--events N] [--rounds N] [--scenario FILE] [--dir PATH]';

function count(name: string, text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got "${text}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  // As the `parley` executable does first thing: the suite times what `parley run` does.
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        events: { type: 'string' },
        rounds: { type: 'string' },
        scenario: { type: 'string' },
        dir: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  let maxEvents: number | undefined;
  let rounds: number;
  try {
    maxEvents = count('events', v.events, v.quick ? 200_000 : undefined);
    rounds = count('rounds', v.rounds, v.quick ? 3 : 5) as number;
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!canCollect) note('run with node --expose-gc for a full GC before each timed run');
  const dir = resolve(v.dir ?? fileURLToPath(new URL('../../tmp/', import.meta.url)));
  mkdirSync(dir, { recursive: true });
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
  const loadAtStart = load();
  const result = await runSimulator({
    scenario: v.scenario ?? defaultWorkloadPath(),
    maxEvents,
    rounds,
    logPath: join(dir, 'bench-sim.jsonl'),
  });
  const json = simulatorResults(result);
  const lines = [
    `Parley simulator benchmark — node ${process.version}, ${availableParallelism()} CPUs${canCollect ? ', full GC before each timed run' : ''}`,
    `Load average (1/5/15 min) at start ${loadAtStart}, at end ${load()}.`,
    '',
    ...renderSimulator(json),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (v.json) process.stdout.write(`${JSON.stringify({ bench: 'parley-simulator', node: process.version, simulator: json })}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
