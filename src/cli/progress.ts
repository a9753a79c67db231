/**
 * Progress bars for long work, on standard error and only when it is a terminal (so piped
 * and captured output stays clean). cli-progress does the drawing.
 */
import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/** A started bar. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * Starts a bar for `total` units of work, or returns undefined when stderr is not a TTY.
 * With `unit` (e.g. `runs`) the bar counts them and shows their rate per second.
 */
export function progressBar(io: Io, label: string, total: number, unit?: string): Progress | undefined {
  if (!io.stderrIsTTY) return undefined;
  const counts = unit === undefined ? '' : ` {value}/{total} ${unit} | {rate} ${unit}/s |`;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% |${counts} {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let first: number | undefined;
  bar.start(total, 0, { rate: '–' });
  return {
    update: (done) => {
      // The rate counts work done since the bar started (a resumed sweep starts part-way).
      first ??= done;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round((done - first) / seconds).toLocaleString('en-US') : '–';
      bar.update(Math.min(done, total), { rate });
    },
    stop: () => bar.stop(),
  };
}

const MIB = 1024 * 1024;

/**
 * A bar over reading the file at `path` (its size from `stat`), in MiB, for commands that
 * read a long log (`verify`, `replay`): hand `onBytes` to the reader. Undefined when stderr
 * is not a terminal, or the file is under 8 MiB (read in well under a second: no bar).
 */
export function fileProgress(io: Io, label: string, path: string): { onBytes: (bytes: number) => void; stop: () => void } | undefined {
  if (!io.stderrIsTTY) return undefined;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    // The reader reports a missing or unreadable file in its own words.
    return undefined;
  }
  if (size < 8 * MIB) return undefined;
  const bar = progressBar(io, label, Math.ceil(size / MIB), 'MiB');
  if (!bar) return undefined;
  return { onBytes: (bytes) => bar.update(Math.floor(bytes / MIB)), stop: () => bar.stop() };
}
