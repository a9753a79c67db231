/**
 * Where a command's output goes and where its relative paths start. Commands never touch
 * `process` directly, so `main` runs in-process in tests with captured output.
 */
import { isAbsolute, resolve } from 'node:path';

/** The outside world of one CLI invocation. */
export interface Io {
  /** Writes text (which carries its own newlines) to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. Default: the process's cwd. */
  readonly cwd?: string;
  /**
   * Environment variables (`PARLEY_*`, and for `sweep --shard auto` the scheduler's
   * `SLURM_ARRAY_TASK_*` and `JOB_COMPLETION_INDEX`). Default: `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Width for help text. Default: the terminal width, or 80. */
  readonly columns?: number;
  /** Whether standard error is a terminal (progress bars are drawn only then). */
  readonly stderrIsTTY?: boolean;
}

/** The real process streams. */
export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/**
 * The path to hand to file system calls for a user-given path. Relative paths stay as typed
 * when `io.cwd` is the process's own directory, so that library errors, which name the path
 * they were given, show it the way the user wrote it; otherwise they are resolved against
 * `io.cwd` (in-process tests with a temp directory).
 */
export function resolvePath(io: Io, path: string): string {
  if (isAbsolute(path) || io.cwd === undefined || resolve(io.cwd) === process.cwd()) return path;
  return resolve(io.cwd, path);
}
