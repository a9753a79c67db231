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
