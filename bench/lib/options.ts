/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

/** Parsed options. */
export interface BenchOptions {
  /** Events in the in-memory and file logs. */
  readonly events: number;
  /** Events in the peak-RSS log. */
  readonly big: number;
  readonly skipBig: boolean;
  readonly json: boolean;
  /** Interleaved rounds of the in-memory suite. */
  readonly rounds: number;
  /** Rounds of the file suite. */
  readonly fileRounds: number;
  /** Prefix length for the naive (xstate `transition()`) variant. */
  readonly naiveEvents: number;
  /** Deadline of each validating fold, seconds (a superlinear fold is stopped, not waited for). */
  readonly foldDeadline: number;
  /** Where the log files go (deleted afterwards). */
  readonly dir: string | undefined;
  readonly quick: boolean;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run bench -- [--json] [--quick] [--events N] [--big N] [--skip-big]
                            [--rounds N] [--file-rounds N] [--naive N] [--fold-deadline S] [--dir PATH]`;

function count(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
  return n;
}

/** Parses `argv` (without node and the script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        'skip-big': { type: 'boolean', default: false },
        events: { type: 'string' },
        big: { type: 'string' },
        rounds: { type: 'string' },
        'file-rounds': { type: 'string' },
        naive: { type: 'string' },
        'fold-deadline': { type: 'string' },
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
    events: count('events', v.events, quick ? 200_000 : 1_000_000, 10),
    big: count('big', v.big, quick ? 1_000_000 : 10_000_000, 10),
    skipBig: v['skip-big'] === true,
    json: v.json === true,
    rounds: count('rounds', v.rounds, quick ? 3 : 5, 1),
    fileRounds: count('file-rounds', v['file-rounds'], quick ? 1 : 3, 1),
    naiveEvents: count('naive', v.naive, quick ? 5_000 : 20_000, 10),
    foldDeadline: count('fold-deadline', v['fold-deadline'], 90, 1),
    dir: v.dir,
    quick,
  };
}
