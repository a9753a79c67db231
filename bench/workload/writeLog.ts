/**
 * Writes the benchmark log to a file with the real log writer (`createLogFile`: sequenced,
 * hash-chained, atomic commit), one unit copy per `append`, so any length costs constant
 * memory.
 */
import { createLogFile, type LogSummary } from '../../src/log/writer.js';
import { Progress } from '../lib/progress.js';
import { logFacts } from './copies.js';
import type { Unit } from './unit.js';

/** Writes the first `events` events of the workload log to `path`; returns the summary. */
export async function writeLog(unit: Unit, events: number, path: string, label: string): Promise<LogSummary> {
  const log = await createLogFile(path);
  const progress = new Progress(label, events);
  try {
    let written = 0;
    for (const chunk of logFacts(unit, events)) {
      written = log.appendAll(chunk);
      progress.update(written);
    }
    const summary = await log.commit();
    progress.end();
    return summary;
  } catch (e) {
    await log.abort();
    throw e;
  }
}
