/**
 * Reading a history for the commands that show one (`step`, `report`): a log, checked as
 * `parley verify` checks it, or a scenario, simulated in memory. Either way every event is
 * folded once, so a log whose events the machines refuse is reported before anything is
 * shown. A log that fails verification is reported (exit 1), never rendered.
 */
import { extname } from 'node:path';
import type { Recorded } from '../core/catalogue.js';
import { ReplayError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import type { ParleyState } from '../core/state.js';
import { LogFormatError } from '../log/errors.js';
import { readEventBatches } from '../log/readEvents.js';
import { compileScenario } from '../scenario/compile.js';
import { runPlan } from '../sim/simulation.js';
import { PARLEY_VERSION } from '../version.js';
import type { CommandContext } from './command.js';
import { CheckFailedError, EXIT, exitCodeFor, InputError, oneLine, UsageError } from './errors.js';
import { readScenario } from './scenarioInput.js';

/** Options of {@link readHistory}. */
export interface HistoryOptions {
  /** Overrides a scenario's seed (refused for a log, whose seed is recorded). */
  readonly seed?: number;
  /** Refuse histories longer than this many events. */
  readonly maxEvents: number;
}

/** A history ready to show. */
export interface History {
  readonly file: string;
  readonly source: 'log' | 'scenario';
  readonly events: readonly Recorded[];
  /** The state after the last event. */
  readonly final: ParleyState;
}

/** Whether `file` names a scenario (by its extension); anything else is read as a log. */
export function isScenarioFile(file: string): boolean {
  return ['.yaml', '.yml'].includes(extname(file).toLowerCase());
}

/**
 * Reads `file` (as the user typed it): a scenario (`.yaml`, `.yml`) is simulated, anything
 * else is read as a log with every check `parley verify` makes.
 * @throws {InputError} for an unreadable file, a bad scenario, or a history over the limit (exit 2).
 * @throws {CheckFailedError} for a log that fails verification or cannot be folded (exit 1).
 */
export async function readHistory(ctx: CommandContext, file: string, options: HistoryOptions): Promise<History> {
  const events = isScenarioFile(file) ? await simulate(ctx, file, options) : await readLog(ctx, file, options);
  if (events.length > options.maxEvents) {
    throw new InputError({ file, what: `more than ${options.maxEvents} events; raise --max-events to show it, or show a shorter run` });
  }
  const replayer = new Replayer();
  let seq = 0;
  try {
    for (const e of events) {
      seq = e.seq;
      replayer.push(e);
    }
  } catch (e) {
    if (e instanceof ReplayError) throw new CheckFailedError(`${file}: seq ${seq}: the event cannot be folded: ${oneLine(e.message)}`);
    throw e;
  }
  return { file, source: isScenarioFile(file) ? 'scenario' : 'log', events, final: replayer.peek() };
}

async function simulate(ctx: CommandContext, file: string, options: HistoryOptions): Promise<Recorded[]> {
  const { scenario, hash } = await readScenario(ctx, file);
  const plan = compileScenario(scenario, {
    hash,
    parleyVersion: PARLEY_VERSION,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    // One more than the limit, so a longer run is noticed without simulating all of it.
    maxEvents: options.maxEvents + 1,
  });
  const events: Recorded[] = [];
  runPlan(plan, { onEvent: (e) => void events.push(e) });
  return events;
}

async function readLog(ctx: CommandContext, file: string, options: HistoryOptions): Promise<Recorded[]> {
  if (options.seed !== undefined) throw new UsageError(`--seed applies to a scenario; the log ${file} records its own seed`);
  const events: Recorded[] = [];
  try {
    for await (const batch of readEventBatches(ctx.resolve(file), { verifyHashes: true })) {
      for (const e of batch) events.push(e);
      if (events.length > options.maxEvents) break;
    }
  } catch (e) {
    if (e instanceof LogFormatError) {
      const what = `${file}:${e.line}: ${e.kind}: ${oneLine(e.detail)}`;
      if (exitCodeFor(e.kind) === EXIT.checkFailed) throw new CheckFailedError(`${what} (the log fails verification; nothing is shown)`);
      throw new InputError({ file, line: e.line, what: `${e.kind}: ${oneLine(e.detail)}` });
    }
    throw e;
  }
  return events;
}
