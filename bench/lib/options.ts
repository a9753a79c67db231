/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

/** Parsed options. Suites read what they need; `quick` shrinks every default. */
export interface BenchOptions {
  readonly json: boolean;
  readonly quick: boolean;
  /** Run only these suites (by name); all when empty. */
  readonly only: readonly string[];
  /** Events in the in-memory and file logs. */
  readonly events: number;
  /** Interleaved timed rounds of each suite. */
  readonly rounds: number;
  /** Prefix length for the naive (xstate `transition()`) variant. */
  readonly naiveEvents: number;
  /** Simulated runs per timed round of the Paris suite. */
  readonly runs: number;
  /** Where temporary files go (deleted afterwards); default `.bench-build/tmp`. */
  readonly dir: string | undefined;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run bench -- [--json] [--quick] [--only NAME[,NAME…]] [--events N] [--rounds N]
                            [--naive N] [--runs N] [--dir PATH]`;

function count(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
  return n;
}

/** Parses `argv` (without node and the script); `--help` throws the usage as a UsageError. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        events: { type: 'string' },
        rounds: { type: 'string' },
        naive: { type: 'string' },
        runs: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) throw new UsageError(USAGE);
  const quick = v.quick === true;
  return {
    json: v.json === true,
    quick,
    only: v.only === undefined ? [] : v.only.split(',').map((s) => s.trim()).filter(Boolean),
    events: count('events', v.events, quick ? 100_000 : 1_000_000, 10),
    rounds: count('rounds', v.rounds, quick ? 2 : 5, 1),
    naiveEvents: count('naive', v.naive, quick ? 2_000 : 20_000, 10),
    runs: count('runs', v.runs, quick ? 200 : 2_000, 1),
    dir: v.dir,
  };
}
