/** Runs the CLI in-process with captured output. */
import { main, runCli } from '../../src/cli/main.js';
import type { RegisterCommand } from '../../src/cli/command.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Calls `main(argv)` (or a program of `commands`) with captured streams. */
export async function cli(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; commands?: readonly RegisterCommand[] } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: options.env ?? {},
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
  const code = options.commands ? await runCli(argv, io, options.commands) : await main(argv, io);
  return { code, stdout, stderr };
}

/** No stack frames in the output (`    at fn (file:1:2)`). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+/m.test(text);
}
