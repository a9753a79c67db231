/**
 * Progress bars for long work, on standard error and only when it is a terminal (so piped
 * and captured output stays clean). cli-progress does the drawing.
 */
import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/** A started bar. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** Starts a bar for `total` units of work, or returns undefined when stderr is not a TTY. */
export function progressBar(io: Io, label: string, total: number): Progress | undefined {
  if (!io.stderrIsTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  };
}
