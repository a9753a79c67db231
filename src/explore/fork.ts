/**
 * Forking a recorded history (`parley fork`): keep a log's first N events verbatim (same
 * bytes, same hashes), then continue the run from the instant of event N with changed
 * parameters, injected timeline entries or a new seed, to the horizon.
 *
 * How the run is continued, provably as it was: the simulator holds state besides the fold
 * (the agenda of pending steps, the random streams' positions, id counters, held
 * retaliations), so the run is simulated again from its start with the plan and seed the log
 * records, recording nothing new, and each of its first N events must be the log's own
 * (compared as canonical JSON); right after event N the simulator switches course (a
 * `ForkPoint`, see sim/simulation.ts) and what follows is written after the copied lines. A
 * log this version does not simulate identically is refused, never silently diverged from.
 */
import { createHash } from 'node:crypto';
import type { EventData, Recorded } from '../core/catalogue.js';
import { UsageError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import { envelopeBody } from '../log/chain.js';
import { readEventBatches } from '../log/readEvents.js';
import { verifyLog } from '../log/verify.js';
import { createLogFile, type LogSummary } from '../log/writer.js';
import { DEFAULT_MAX_EVENTS } from '../scenario/compile.js';
import { runPlan, type RunResult } from '../sim/simulation.js';
import type { InjectedTimeline } from './forkInject.js';
import { ForkError, forkFailure } from './forkError.js';
import { newFork, rebuildCourse, type ForkPlace } from './forkPlan.js';

/** What to fork and how. */
export interface ForkOptions {
  /** The log to fork (a path), and its name as the user gave it (messages). */
  readonly log: string;
  readonly logName?: string;
  /** Keep events 1…`atSeq`; the change happens right after event `atSeq`. */
  readonly atSeq: number;
  /** Where the new log goes (a path): written atomically, nothing on failure. */
  readonly out: string;
  /** `--set path=value` options (one value each) on the parameters a run can change mid-way. */
  readonly sets?: readonly string[];
  /** Timeline entries to add, each at or after the instant of event `atSeq`. */
  readonly inject?: InjectedTimeline;
  /** Restart every random stream from this seed at the fork. */
  readonly seed?: number;
  /** The scenario file, when given (`--scenario`): its SHA-256 must be the one the log records; needed for a log without the scenario's text. */
  readonly scenario?: { readonly file: string; readonly source: string; readonly hash: string };
  /** Safety stop of the continued run (default 5,000,000 events; it also sets the event budget the changed scenario is checked against). */
  readonly maxEvents?: number;
  /** Called now and then with the simulated time done and the run's whole period, in ms (a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a fork wrote. */
export interface ForkResult {
  /** Events kept from the log. */
  readonly kept: number;
  /** The instant of the fork (of event `atSeq`). */
  readonly at: string;
  /** Whether a `ParametersChanged` fact records a change (false: the fork changed nothing). */
  readonly changed: boolean;
  readonly result: RunResult;
  readonly log: LogSummary;
}

/**
 * Forks the log at `options.log` at seq `options.atSeq` into `options.out`.
 * @throws {ForkError} `input` for a log that fails `verify --deep`, a seq out of range, a bad
 *   `--set` or injected entry, a scenario whose hash differs; `log` for a log this version
 *   does not re-simulate identically, or whose recorded scenario or changes it cannot
 *   rebuild a run from. Nothing is written then.
 * @throws {LogIoError} when a file cannot be read or written.
 * @example
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const dir = mkdtempSync(join(tmpdir(), 'parley-'));
 * const log = await createLogFile(join(dir, 'paris.jsonl'));
 * runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => log.append(e) });
 * await log.commit();
 * // The same history to event 120; from there on, messages are due within 6 hours, not 24.
 * const forked = await forkLog({ log: join(dir, 'paris.jsonl'), atSeq: 120, sets: ['mechanism.ackDeadline=PT6H'], out: join(dir, 'paris-6h.jsonl') });
 * const first = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').slice(0, 120).join('\n');
 * if (first('paris-6h.jsonl') !== first('paris.jsonl')) throw new Error('the kept events changed');
 * if (!(await verifyLog(join(dir, 'paris-6h.jsonl'), { deep: true })).ok) throw new Error('the fork does not verify');
 * console.log(forked.changed, forked.result.events); // true, and the events of the whole forked run
 */
export async function forkLog(options: ForkOptions): Promise<ForkResult> {
  const name = options.logName ?? options.log;
  const input = (message: string): never => {
    throw new ForkError('input', [{ file: name, line: 0, col: 0, path: '', message }]);
  };
  const verified = await verifyLog(options.log, { deep: true });
  if (!verified.ok) {
    const where = verified.kind === 'rule' ? `${verified.rule ?? 'rule'}` : verified.kind;
    // The log is the fork's input: one that does not verify is bad input (exit 2), as a bad scenario is.
    throw new ForkError('input', [{ file: name, line: verified.line, col: 0, path: '', message: `${where}: ${verified.message} (a fork starts from a log that passes verify --deep)` }]);
  }
  const n = options.atSeq;
  if (!Number.isSafeInteger(n) || n < 1 || n > verified.lastSeq) input(`--at-seq ${n}: the log has events 1 to ${verified.lastSeq}`);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  if (maxEvents <= n) input(`--max-events ${maxEvents}: the fork keeps ${n} events already`);
  const prefix = await readPrefix(options.log, n);
  if (prefix.last.type === 'SimulationEnded') input(`--at-seq ${n}: that is the end of the run (SimulationEnded); fork at an earlier event`);
  const given = options.scenario;
  if (given && given.hash !== prefix.started.scenario.hash) {
    throw new ForkError('input', [{ file: given.file, line: 0, col: 0, path: '', message: `its SHA-256 ${given.hash.slice(0, 12)}… is not the one ${name} records (${prefix.started.scenario.hash.slice(0, 12)}…): not the scenario this log was run from` }]);
  }
  const rebuild = { log: name, maxEvents, ...(given ? { source: given.source } : {}) };
  const course = rebuildCourse(prefix.started, prefix.changes, rebuild);
  const fork = newFork(course.last, { sets: options.sets ?? [], ...(options.inject ? { inject: options.inject } : {}), ...(options.seed === undefined ? {} : { seed: options.seed }) }, prefix.place, rebuild);

  const writer = await createLogFile(options.out, { continueFrom: { file: options.log, seq: n } });
  const legacy = prefix.started.rules === null;
  let compared = 0;
  try {
    const plan = course.first.plan;
    // A listener that throws stops the run, and runPlan throws its error.
    const result = runPlan(plan, {
      forks: [...course.forks, fork],
      onEvent: (e) => {
        if (e.seq <= n) {
          if (!prefix.digests.subarray((e.seq - 1) * 32, e.seq * 32).equals(digestOf(e, legacy))) {
            throw new ForkError('log', [{ file: name, line: e.seq, col: 0, path: '', message: differs(e, prefix.started) }]);
          }
          compared = e.seq;
          return;
        }
        writer.append(e);
        if (options.onProgress && e.seq % 4096 === 0) options.onProgress(Date.parse(e.at) - plan.startMs, plan.endMs - plan.startMs);
      },
    });
    if (compared < n) {
      throw new ForkError('log', [{ file: name, line: compared + 1, col: 0, path: '', message: `re-simulated, the run records only ${compared} events before it ends: the log was not produced by this Parley version from the plan it records` }]);
    }
    const log = await writer.commit();
    return { kept: n, at: prefix.last.at, changed: fork.record !== undefined, result, log };
  } catch (e) {
    await writer.abort();
    // The simulator refuses the fork itself (an entry injected after the run's last step).
    if (e instanceof UsageError && e.code === 'PLAN' && options.inject) {
      forkFailure('input', options.inject.file, `only the run's end follows event ${n} (the ladder cooled up to the horizon): an injected entry would never run; fork at an earlier event`);
    }
    throw e;
  }
}

/** What the first `n` events of a log hold that a fork needs. */
interface Prefix {
  readonly started: EventData<'LogStarted'>;
  readonly changes: Array<{ readonly seq: number; readonly data: EventData<'ParametersChanged'> }>;
  /** SHA-256 of each event's canonical JSON, 32 bytes per event in seq order. */
  readonly digests: Buffer;
  readonly last: Recorded;
  readonly place: ForkPlace;
}

async function readPrefix(path: string, n: number): Promise<Prefix> {
  const digests = Buffer.alloc(32 * n);
  const replayer = new Replayer();
  const changes: Prefix['changes'] = [];
  let started: EventData<'LogStarted'> | undefined;
  let last: Recorded | undefined;
  reading: for await (const batch of readEventBatches(path)) {
    for (const e of batch) {
      if (e.seq > n) break reading;
      if (e.type === 'LogStarted') started = e.data;
      if (e.type === 'ParametersChanged') changes.push({ seq: e.seq, data: e.data });
      digests.set(digest(envelopeBody(e)), (e.seq - 1) * 32);
      replayer.push(e);
      last = e;
    }
  }
  const s = replayer.peek();
  const ids = new Set([...s.incidents.keys(), ...s.messages.keys(), ...s.disputes.keys(), ...s.steps.keys(), ...s.meetings.keys()]);
  return {
    started: started as EventData<'LogStarted'>,
    changes,
    digests,
    last: last as Recorded,
    place: { atSeq: n, at: (last as Recorded).at, incidents: new Set(s.incidents.keys()), disputes: new Set(s.disputes.keys()), ids },
  };
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The digest of a re-simulated event, as the log would hold it: a log written before
 * LogStarted v2 (`legacy`) reads its first event without what v1 did not record.
 */
function digestOf(e: Recorded, legacy: boolean): Buffer {
  if (legacy && e.type === 'LogStarted') {
    const data = { ...e.data, scenario: { ...e.data.scenario, source: null }, overrides: [], rules: null };
    return digest(envelopeBody({ ...e, data }));
  }
  return digest(envelopeBody(e));
}

function differs(e: Recorded, started: EventData<'LogStarted'>): string {
  return `re-simulated, event ${e.seq} (${e.type}) is not the log's: the log was not produced by this Parley version from the plan it records (it was written by Parley ${started.parley}), so it cannot be continued`;
}
