/**
 * The sweep benchmark: the Paris scenario over many seeds, through `executeSweep` (what
 * `parley sweep` runs, rows written to a CSV file) with one worker thread and with two, beside
 * the plain in-process loop over the same runs (`runPlan` + `computeOutcomes`, plan compiled
 * once); a 200-run sweep (which stays on the main thread) beside the plain loop; and the peak
 * RSS of a sweep at growing sizes. Every measurement is a fresh child process, as `parley` is:
 * JIT warm-up, worker start and everything else a user waits for is included.
 *
 * Targets (issue 13): 2 workers ≥ 1.3× one at 20,000 runs; one worker ≥ 0.75× the plain
 * loop's runs/s; a 200-run sweep no slower than one thread; peak RSS flat from 2,000 to
 * 100,000 runs. The machine's load average is reported beside the numbers: on a shared
 * 2-core machine, wall-clock ratios only mean something on a quiet one, and CPU seconds
 * (all threads) say what the pool itself costs.
 *
 * Reading the RSS line: nothing a sweep keeps grows with its runs (rows stream to the file,
 * summaries are a few numbers per column), a worker keeps ~15 MB alive however long it runs,
 * and the heaps are held where they are after the first batches (src/explore/executor.ts:
 * batch buffers reused, so the main thread makes no garbage per batch; workers with a small
 * young generation and an old-generation limit that makes V8 grow their heap conservatively).
 * Without these, V8 grew all three heaps during the sweep's first minute and a 100,000-run
 * sweep's peak was 1.3–1.5× a 2,000-run one's.
 *
 * The 200-run measurements are short (~0.6 s) and so noisy on a shared machine: they are
 * repeated (`smallRounds`, the plain loop and the sweep back to back in each round), and the
 * ratio reported is the median of the rounds' ratios.
 *
 * Standalone: `npm run bench:sweep` (or `node .bench-build/bench/suites/sweep.js [--json]
 * [--quick] [--runs N] [--rounds N]` after `tsc -p tsconfig.bench.json`); `--threshold`
 * measures instead where two workers start to beat the main thread. For `npm run bench`,
 * `runSweepSuite` returns the results and `renderSweep` prints them.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { executeSweep } from '../../src/explore/execute.js';
import { prepareGrid, sweepIdentity, sweepSetup } from '../../src/explore/prepare.js';
import { seedOf } from '../../src/explore/seeds.js';
import { computeOutcomes } from '../../src/report/metrics.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runPlan } from '../../src/sim/simulation.js';
import { note } from '../lib/progress.js';
import type { Suite } from '../lib/suite.js';

const SCENARIO = fileURLToPath(new URL('../../../scenarios/paris-2026.yaml', import.meta.url));
const SEED = 42;
const VERSION = 'bench';

/** What one child measured. */
export interface Measure {
  readonly mode: string;
  readonly runs: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
  /** CPU seconds of the whole process (all threads). */
  readonly cpuSeconds: number;
  /** Peak resident set size, MB. */
  readonly maxRssMB: number;
}

/** Everything the suite measured. */
export interface SweepBenchResults {
  readonly scenario: string;
  readonly load: { readonly before: number[]; readonly after: number[] };
  readonly runs: number;
  readonly plain: Measure;
  readonly oneWorker: Measure;
  readonly twoWorkers: Measure;
  /** The small sweep as run (auto: the main thread), and forced onto two workers (medians). */
  readonly small: { readonly rounds: number; readonly plain: Measure; readonly sweep: Measure; readonly twoWorkers: Measure };
  /** Peak RSS of a two-worker sweep at each size. */
  readonly rss: readonly Measure[];
  readonly ratios: {
    /** Two workers' runs/s over one's (target ≥ 1.3). */
    readonly twoOverOne: number;
    /** One worker's runs/s over the plain loop's (target ≥ 0.75). */
    readonly oneOverPlain: number;
    /** A 200-run sweep's runs/s over the plain loop's on the same runs, the median of the rounds' ratios (target ≥ 1, within noise). */
    readonly smallOverPlain: number;
    /** Peak RSS at the largest size over the smallest (flat: close to 1). */
    readonly rssLargestOverSmallest: number;
  };
}

/** Options of {@link runSweepSuite}. */
export interface SweepBenchOptions {
  readonly runs: number;
  readonly small: number;
  readonly rssSizes: readonly number[];
  /** Repetitions of the three 20,000-run measurements, interleaved; medians are reported. */
  readonly rounds: number;
  /** Repetitions of the 200-run measurements, interleaved; medians are reported. */
  readonly smallRounds: number;
}

export const DEFAULT_OPTIONS: SweepBenchOptions = { runs: 20_000, small: 200, rssSizes: [2_000, 20_000, 100_000], rounds: 1, smallRounds: 5 };
export const QUICK_OPTIONS: SweepBenchOptions = { runs: 5_000, small: 200, rssSizes: [2_000, 20_000], rounds: 1, smallRounds: 3 };

// ---- the child: one measurement ----------------------------------------------------------

async function measureInChild(mode: string, runs: number): Promise<Measure> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const loaded = await loadScenario(SCENARIO);
  if (!loaded.ok) throw new Error('the Paris scenario does not load');
  if (mode === 'plain') {
    const plan = compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: VERSION });
    let sink = 0;
    for (let r = 0; r < runs; r++) sink += computeOutcomes(runPlan({ ...plan, seed: seedOf(SEED, r) }).state).incidents.total;
    if (sink < 0) throw new Error('unreachable');
  } else {
    const workers = mode === 'auto' ? 'auto' : Number(mode.replace('workers-', ''));
    const grid = prepareGrid({ file: SCENARIO, source: loaded.source, hash: loaded.hash, scenario: loaded.scenario }, []);
    const setup = sweepSetup(grid.cells.map((cell) => ({ from: grid.base, cell })), { parleyVersion: VERSION, seed: SEED, format: 'csv', text: true, setPaths: [] });
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-sweep-'));
    try {
      const outcome = await executeSweep({
        setup,
        labels: ['paris'],
        identity: sweepIdentity(grid, runs, SEED, VERSION),
        out: { path: join(dir, 'rows.csv'), file: 'rows.csv', resume: false },
        workers,
      });
      if (outcome.ran !== runs) throw new Error(`the sweep ran ${outcome.ran} of ${runs} runs`);
      const expected = workers === 'auto' ? (runs < 4000 ? 0 : undefined) : workers;
      if (expected !== undefined && outcome.executor.workers !== expected) throw new Error(`expected ${expected} workers, got: ${outcome.executor.reason}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    mode,
    runs,
    seconds,
    runsPerSecond: runs / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

// ---- the parent: children, ratios, report -------------------------------------------------

function child(mode: string, runs: number): Promise<Measure> {
  const script = fileURLToPath(import.meta.url);
  const proc = fork(script, ['--child', mode, String(runs)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`sweep bench child (${mode}, ${runs} runs) exited with code ${String(code)}`));
      try {
        resolve(JSON.parse(out.trimEnd().split('\n').pop() ?? '') as Measure);
      } catch (e) {
        reject(new Error(`sweep bench child (${mode}): no JSON result (${e instanceof Error ? e.message : String(e)})`));
      }
    });
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const medianOf = (ms: readonly Measure[]): Measure => [...ms].sort((a, b) => a.seconds - b.seconds)[ms.length >> 1] as Measure;
const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

/** Runs every measurement, each in its own child process; `note` hears progress. */
export async function runSweepSuite(options: SweepBenchOptions, note: (text: string) => void = () => undefined): Promise<SweepBenchResults> {
  const before = load();
  const plain: Measure[] = [];
  const one: Measure[] = [];
  const two: Measure[] = [];
  for (let round = 0; round < options.rounds; round++) {
    note(`sweep: ${options.runs} runs, plain loop`);
    plain.push(await child('plain', options.runs));
    note(`sweep: ${options.runs} runs, 1 worker`);
    one.push(await child('workers-1', options.runs));
    note(`sweep: ${options.runs} runs, 2 workers`);
    two.push(await child('workers-2', options.runs));
  }
  const smallPlain: Measure[] = [];
  const smallSweep: Measure[] = [];
  const smallTwo: Measure[] = [];
  for (let round = 0; round < options.smallRounds; round++) {
    note(`sweep: ${options.small} runs, plain loop, sweep (auto) and 2 workers (${round + 1} of ${options.smallRounds})`);
    smallPlain.push(await child('plain', options.small));
    smallSweep.push(await child('auto', options.small));
    smallTwo.push(await child('workers-2', options.small));
  }
  const small = { rounds: options.smallRounds, plain: medianOf(smallPlain), sweep: medianOf(smallSweep), twoWorkers: medianOf(smallTwo) };
  const rss: Measure[] = [];
  for (const size of options.rssSizes) {
    // The same executor at every size, so that only the number of runs changes.
    note(`sweep: peak RSS at ${size} runs (2 workers)`);
    rss.push(await child('workers-2', size));
  }
  const [p, o, t] = [medianOf(plain), medianOf(one), medianOf(two)];
  const first = rss[0];
  const last = rss[rss.length - 1];
  return {
    scenario: 'scenarios/paris-2026.yaml',
    load: { before, after: load() },
    runs: options.runs,
    plain: p,
    oneWorker: o,
    twoWorkers: t,
    small,
    rss,
    ratios: {
      twoOverOne: t.runsPerSecond / o.runsPerSecond,
      oneOverPlain: o.runsPerSecond / p.runsPerSecond,
      // Paired by round (the two ran back to back), so a change of load between rounds cancels.
      smallOverPlain: median(smallPlain.map((m, i) => m.seconds / (smallSweep[i] as Measure).seconds)),
      rssLargestOverSmallest: first && last ? last.maxRssMB / first.maxRssMB : Number.NaN,
    },
  };
}

/**
 * Where two workers start to beat the main thread (what `IN_PROCESS_BELOW` in
 * src/explore/executor.ts should be): both at each size, in fresh processes.
 */
export async function runThreshold(sizes: readonly number[], note: (text: string) => void = () => undefined): Promise<string> {
  const lines = ['Threshold: main thread against two workers (runs/s, fresh processes)'];
  for (const size of sizes) {
    note(`sweep threshold: ${size} runs`);
    const main = await child('workers-0', size);
    const two = await child('workers-2', size);
    lines.push(`  ${String(size).padStart(7)} runs: main thread ${Math.round(main.runsPerSecond)}, 2 workers ${Math.round(two.runsPerSecond)} (${(two.runsPerSecond / main.runsPerSecond).toFixed(2)}×)`);
  }
  lines.push(`  load average now ${load().join(' ')}`);
  return `${lines.join('\n')}\n`;
}

const f = (x: number, digits = 2): string => x.toFixed(digits);
const verdict = (ok: boolean): string => (ok ? 'meets' : 'MISSES');

/** The results as text. */
export function renderSweep(r: SweepBenchResults): string {
  const row = (label: string, m: Measure) =>
    `  ${label.padEnd(30)}${f(m.seconds).padStart(8)} s ${Math.round(m.runsPerSecond).toString().padStart(8)} runs/s ${f(m.cpuSeconds, 1).padStart(7)} s CPU ${Math.round(m.maxRssMB).toString().padStart(6)} MB`;
  const lines = [
    `Sweep benchmark: ${r.scenario}, each measurement a fresh process (load average before ${r.load.before.join(' ')}, after ${r.load.after.join(' ')})`,
    row(`plain loop, ${r.runs} runs`, r.plain),
    row(`sweep, 1 worker, ${r.runs} runs`, r.oneWorker),
    row(`sweep, 2 workers, ${r.runs} runs`, r.twoWorkers),
    row(`plain loop, ${r.small.plain.runs} runs`, r.small.plain),
    row(`sweep (auto), ${r.small.sweep.runs} runs`, r.small.sweep),
    row(`sweep, 2 workers, ${r.small.twoWorkers.runs} runs`, r.small.twoWorkers),
    ...r.rss.map((m) => row(`sweep, 2 workers, ${m.runs} runs`, m)),
    `  2 workers / 1 worker: ${f(r.ratios.twoOverOne)}× (target ≥ 1.3: ${verdict(r.ratios.twoOverOne >= 1.3)})`,
    `  1 worker / plain loop: ${f(r.ratios.oneOverPlain)}× (target ≥ 0.75: ${verdict(r.ratios.oneOverPlain >= 0.75)})`,
    `  200-run sweep / plain loop (median of ${r.small.rounds} paired rounds): ${f(r.ratios.smallOverPlain)}× (target: no slower than one thread, ≥ ~1: ${verdict(r.ratios.smallOverPlain >= 0.95)})`,
    `  peak RSS ${r.rss[r.rss.length - 1]?.runs ?? 0} runs / ${r.rss[0]?.runs ?? 0} runs: ${f(r.ratios.rssLargestOverSmallest)}× (flat: ${verdict(r.ratios.rssLargestOverSmallest <= 1.25)})` +
      (r.rss.length > 2 ? `; ${r.rss[r.rss.length - 1]?.runs ?? 0} / ${r.rss[r.rss.length - 2]?.runs ?? 0} runs: ${f((r.rss[r.rss.length - 1]?.maxRssMB ?? 0) / (r.rss[r.rss.length - 2]?.maxRssMB ?? 1))}×` : ''),
  ];
  return `${lines.join('\n')}\n`;
}

/** The sweep benchmark as one suite of `npm run bench` (`--only sweep`). */
export const suite: Suite = {
  name: 'sweep',
  title: 'Paris swept over many seeds: 1 and 2 workers beside the plain loop, a small sweep, peak RSS',
  async run({ options }) {
    const results = await runSweepSuite(options.quick ? QUICK_OPTIONS : DEFAULT_OPTIONS, note);
    return { lines: renderSweep(results).trimEnd().split('\n'), json: results as unknown as Record<string, unknown> };
  },
};

// ---- standalone entry ---------------------------------------------------------------------

async function standalone(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      threshold: { type: 'boolean', default: false },
      runs: { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  if (values.threshold) {
    process.stdout.write(await runThreshold([1000, 2000, 4000, 8000, 16000], (text) => process.stderr.write(`${text}\n`)));
    return;
  }
  const base = values.quick ? QUICK_OPTIONS : DEFAULT_OPTIONS;
  const options: SweepBenchOptions = {
    ...base,
    ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
    ...(values.rounds === undefined ? {} : { rounds: Number(values.rounds) }),
  };
  const results = await runSweepSuite(options, (text) => process.stderr.write(`${text}\n`));
  process.stdout.write(renderSweep(results));
  if (values.json) process.stdout.write(`${JSON.stringify({ sweep: results })}\n`);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const result = await measureInChild(argv[1] ?? 'plain', Number(argv[2]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await standalone(argv);
}
