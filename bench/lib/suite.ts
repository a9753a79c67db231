/**
 * What a benchmark suite is. `bench/run.ts` lists the suites by file name; each file in
 * `bench/suites/` exports one `suite`. Adding a benchmark is one file here plus its name in
 * that list.
 */
import type { BenchOptions } from './options.js';

/** What a suite gets to work with. */
export interface SuiteContext {
  readonly options: BenchOptions;
  /** A folder for temporary files (the suite deletes what it writes). */
  readonly dir: string;
}

/** What a suite reports: lines for the printed report, and its numbers for the JSON line. */
export interface SuiteResult {
  readonly lines: readonly string[];
  readonly json: Readonly<Record<string, unknown>>;
}

/** One benchmark. */
export interface Suite {
  /** Its key in the JSON result and for `--only`. */
  readonly name: string;
  /** One line on what it measures (shown in `--help`). */
  readonly title: string;
  run(context: SuiteContext): Promise<SuiteResult>;
}
