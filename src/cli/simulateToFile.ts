/**
 * Simulating straight into a log file: what `parley run --out` does. Every recorded event is
 * handed to the log writer as it is recorded; the writer validates, seals and buffers it. The
 * first failure (a refused fact, a failed write, a throwing listener) stops the run: `runPlan`
 * throws it, and the temp file is removed.
 */
import type { Recorded } from '../core/catalogue.js';
import { createLogFile, type LogSummary } from '../log/writer.js';
import type { Plan } from '../sim/plan.js';
import { runPlan, type RunResult } from '../sim/simulation.js';

/** Options of {@link simulateToFile}. */
export interface SimulateToFileOptions {
  /** Called with every event after it is handed to the log (a progress bar, say). */
  readonly onEvent?: (event: Recorded) => void;
}

/** What a simulation written to a file gives. */
export interface SimulatedLog {
  readonly result: RunResult;
  readonly log: LogSummary;
}

/**
 * Runs `plan` and writes its log to `path` atomically: on any error (a fact the log refuses,
 * a failed write) nothing is left at `path` or beside it, and the error is rethrown.
 * @throws {LogIoError} when the log cannot be created or written.
 * @throws {FactError} when the simulator records an event the log refuses.
 * @example const { result, log } = await simulateToFile(plan, 'run.jsonl');
 */
export async function simulateToFile(plan: Plan, path: string, options: SimulateToFileOptions = {}): Promise<SimulatedLog> {
  const writer = await createLogFile(path);
  const { onEvent } = options;
  try {
    const result = runPlan(plan, {
      onEvent: (e) => {
        writer.append(e);
        onEvent?.(e);
      },
    });
    return { result, log: await writer.commit() };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
