/**
 * Verifying a log: every line parses, matches its schema, follows the previous one (seq,
 * time) and chains by hash from the start. `deep` also checks the content against the
 * mechanism's rules: every fact must be the one `decide` records for its command at that
 * point (roles, references, the end of the run, the machines, deadlines from the recorded
 * rules), and the invariants must hold after it and at the end (core/audit.ts). The report
 * names the first bad line only — what follows a broken line cannot be trusted anyway. The
 * file is only ever read.
 */
import { Auditor } from '../core/audit.js';
import { LogError, LogFormatError, LogIoError, type LogProblemKind } from './errors.js';
import { readEventBatches } from './readEvents.js';

/** A log that verified. `lastAt` is the simulated time of the last event. */
export interface VerifyOk {
  readonly ok: true;
  readonly events: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly lastAt: string;
}

/**
 * The first problem found. `line` is 1-based (0 when the file could not be opened);
 * `eventsBefore` counts the good events before it; `field` is set for schema problems and
 * facts that differ from what the rules give; `rule` for kind `rule` (`verify --deep`): the
 * rule broken, `decide`'s code (`NOT_ALLOWED`, `ENDED`, …) or `DIFFERS_FROM_RULES`,
 * `REPLAY_REJECTED`, `INVARIANT` (see core/audit.ts).
 */
export interface VerifyFailure {
  readonly ok: false;
  readonly line: number;
  readonly seq?: number;
  readonly kind: LogProblemKind;
  readonly rule?: string;
  readonly field?: string;
  readonly message: string;
  readonly eventsBefore: number;
}

/** Options of {@link verifyLog}. */
export interface VerifyOptions {
  /**
   * Also check every fact against the mechanism's rules and the invariants (`parley verify
   * --deep`): linear in the log, about twice a plain replay's work.
   */
  readonly deep?: boolean;
  /** Called after each chunk of the file is read, with the bytes read so far (for a progress bar). */
  readonly onBytes?: (bytesRead: number) => void;
}

/** The outcome of {@link verifyLog}. */
export type VerifyReport = VerifyOk | VerifyFailure;

/**
 * Verifies the log at `path` without modifying it. Never throws for bad input: unreadable
 * files are reported as kind `io`.
 * @example
 * import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const r = await loadScenario('scenarios/late-warning-il20.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const path = join(mkdtempSync(join(tmpdir(), 'parley-')), 'run.jsonl');
 * const log = await createLogFile(path);
 * runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => log.append(e) });
 * await log.commit();
 * console.log(await verifyLog(path)); // { ok: true, events: …, lastHash: … }
 * // --deep: every fact also re-decided by the mechanism's rules at its point in the log.
 * if (!(await verifyLog(path, { deep: true })).ok) throw new Error('a simulated run broke a rule');
 * writeFileSync(path, readFileSync(path, 'utf8').replace('"actor":"israel"', '"actor":"syria"'));
 * const report = await verifyLog(path);
 * if (report.ok) throw new Error('an edited log verified');
 * console.log(report.line, report.kind, report.message); // the first edited line, hash-mismatch
 */
export async function verifyLog(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  let events = 0;
  let last: { seq: number; hash: string; at: string } | undefined;
  const audit = options.deep ? new Auditor() : undefined;
  try {
    for await (const batch of readEventBatches(path, { verifyHashes: true, ...(audit ? { audit } : {}), ...(options.onBytes ? { onBytes: options.onBytes } : {}) })) {
      events += batch.length;
      last = batch[batch.length - 1] as typeof last;
    }
  } catch (e) {
    if (e instanceof LogFormatError) {
      return failure(e.line, e.kind, e.detail, events, e.field, e.seq, e.rule);
    }
    if (e instanceof LogIoError) return failure(0, 'io', e.detail, events);
    if (e instanceof LogError) return failure(0, 'io', e.message, events);
    throw e;
  }
  // readEvents throws `empty` for a log without events, so `last` is set here.
  const { seq, hash, at } = last as NonNullable<typeof last>;
  // Once over the whole state, for what the per-fact checks cannot see (line = seq in a log that reads).
  const end = audit?.finish();
  if (end) return failure(seq, 'rule', end.message, events - 1, end.field, seq, end.rule);
  return { ok: true, events, lastSeq: seq, lastHash: hash, lastAt: at };
}

function failure(
  line: number,
  kind: LogProblemKind,
  message: string,
  eventsBefore: number,
  field?: string,
  seq?: number,
  rule?: string,
): VerifyFailure {
  return {
    ok: false,
    line,
    ...(seq === undefined ? {} : { seq }),
    kind,
    ...(rule === undefined ? {} : { rule }),
    ...(field === undefined ? {} : { field }),
    message,
    eventsBefore,
  };
}
