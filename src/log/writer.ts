/**
 * The one way Parley writes a log. Facts are appended one at a time or in batches; each is
 * validated as a reader validates it (`parseEvent`) and sealed onto the hash chain
 * ({@link Chain.seal}: seq, time order, cause, canonical data, hash), so a writer can never
 * produce a line that `verifyLog` refuses. Lines are buffered and written to a temp file next
 * to the target; `commit` fsyncs it and renames it into place, so the target is always either
 * what it was before or the complete new log, never a prefix.
 *
 * A new log can start as the continuation of an existing one (`continueFrom`): its first
 * lines are copied verbatim, after checking them as `verifyLog` does, and the chain goes on
 * from there. Appending is "continue from the log at its end, append, commit over it"
 * (append.ts); a fork is "continue from log A at seq N into a new file B".
 *
 * The temp file is `.<name>.<pid>.tmp` in the target's folder (see atomic.ts): a process
 * killed while writing leaves at most that file behind, never a partial log under `path`.
 */
import { closeSync, fsyncSync, writeSync } from 'node:fs';
import { Auditor, describeAudit } from '../core/audit.js';
import { parseEvent, type Fact, type Recorded } from '../core/catalogue.js';
import { commitTemp, openTemp, removeQuietly } from './atomic.js';
import { Chain, type LineProblem, type LogPosition } from './chain.js';
import { ConflictError, FactError, ioError, WriterClosedError } from './errors.js';
import { schemaProblem } from './lineCheck.js';
import { readCheckedLines } from './readEvents.js';

/** Where a new log starts from: the first `seq` events of `file` (all of them by default). */
export interface ContinueFrom {
  readonly file: string;
  readonly seq?: number;
}

/** Options of {@link createLogFile}. */
export interface CreateLogOptions {
  /** Start as a copy of (the first events of) an existing log, and extend its chain. */
  readonly continueFrom?: ContinueFrom;
  /**
   * Also hold the log's content to the mechanism's rules, as `verify --deep` does
   * (core/audit.ts): the lines copied from `continueFrom` are audited as read (one the rules
   * refuse is a `LogFormatError` of kind `rule`), and each fact appended must be the one
   * `decide` gives at its point, or it is refused with the words `verify --deep` would use.
   * `appendToLog` turns it on. It costs a fold of the log and a decision per fact.
   */
  readonly rules?: boolean;
  /** Bytes buffered before a write to the temp file. Default 256 KiB. */
  readonly chunkBytes?: number;
}

/** What a committed log holds. */
export interface LogSummary extends LogPosition {
  readonly path: string;
  readonly bytes: number;
}

/** A new log being written; nothing is visible at `path` until {@link LogWriter.commit}. */
export interface LogWriter {
  readonly path: string;
  readonly tempPath: string;
  /** Seq, hash and time of the last event (copied or appended). */
  readonly position: LogPosition;
  /**
   * Validates, seals and buffers one fact (a recorded event's own `seq` and `hash` are
   * ignored: the writer numbers and chains).
   * @returns the fact's seq.
   * @throws {FactError} naming the field at fault, when the fact would break the log; it is
   *   then not appended, and the writer can go on.
   * @throws {LogIoError} when the temp file cannot be written (then call `abort`).
   */
  append(fact: Fact): number;
  /** Appends a batch all or nothing (same errors as {@link LogWriter.append}). */
  appendAll(facts: readonly Fact[]): number;
  /**
   * Flushes, fsyncs and renames the temp file over `path` (replacing any existing file).
   * @throws {FactError} when the log has no event: a log starts with LogStarted.
   * @throws {LogIoError} when the temp file cannot be written or renamed (it is then removed).
   */
  commit(): Promise<LogSummary>;
  /** Deletes the temp file; `path` is untouched. Safe to call twice or after a failure. */
  abort(): Promise<void>;
}

/** Default size of the write buffer: 256 KiB. */
const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * Starts a new log at `path` (nothing appears there until `commit`).
 * @throws {LogIoError} when the temp file cannot be created (missing folder, permission) or
 *   `continueFrom.file` cannot be read.
 * @throws {LogFormatError} when the lines to continue from do not verify.
 * @throws {ConflictError} when `continueFrom.file` has fewer than `continueFrom.seq` events.
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const dir = mkdtempSync(join(tmpdir(), 'parley-'));
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const log = await createLogFile(join(dir, 'a.jsonl'));
 * try {
 *   runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => log.append(e) });
 *   await log.commit(); // nothing is at a.jsonl until now: temp file, fsync, rename
 * } catch (e) {
 *   await log.abort();
 *   throw e;
 * }
 * // A continuation: the first 120 events of a.jsonl, verbatim, then whatever you append.
 * const branch = await createLogFile(join(dir, 'b.jsonl'), { continueFrom: { file: join(dir, 'a.jsonl'), seq: 120 } });
 * console.log(branch.position.seq); // 120
 * await branch.commit();
 */
export async function createLogFile(path: string, options: CreateLogOptions = {}): Promise<LogWriter> {
  const { tempPath, fd } = openTemp(path);
  const log = new LogFile(path, tempPath, fd, options.chunkBytes ?? DEFAULT_CHUNK_BYTES, options.rules ? new Auditor() : undefined);
  if (options.continueFrom) {
    try {
      await log.copyFrom(options.continueFrom);
    } catch (e) {
      await log.abort();
      throw e;
    }
  }
  return log;
}

class LogFile implements LogWriter {
  private readonly chain = new Chain();
  private readonly buffer: Buffer;
  private used = 0;
  private written = 0;
  private closed = false;

  constructor(
    readonly path: string,
    readonly tempPath: string,
    private fd: number,
    chunkBytes: number,
    /** Holds the content to the rules (`rules` option): the state of the lines so far. */
    private auditor: Auditor | undefined,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  get position(): LogPosition {
    return this.chain.position;
  }

  append(fact: Fact): number {
    if (this.closed) throw new WriterClosedError(this.path);
    // A refused fact must leave the audited state as it was: tried as a batch of one.
    if (this.auditor) return this.appendAll([fact]);
    this.write(this.seal(fact, undefined));
    return this.chain.position.seq;
  }

  appendAll(facts: readonly Fact[]): number {
    if (this.closed) throw new WriterClosedError(this.path);
    const start = this.chain.position;
    // Facts are tried on a copy of the audited state, kept only if the whole batch passes.
    const trial = this.auditor?.copy();
    let lines: string[];
    try {
      lines = facts.map((f) => this.seal(f, trial));
    } catch (e) {
      this.chain.reset(start);
      throw e;
    }
    if (trial) this.auditor = trial;
    for (const line of lines) this.write(line);
    return this.chain.position.seq;
  }

  async commit(): Promise<LogSummary> {
    if (this.closed) throw new WriterClosedError(this.path);
    const position = this.chain.position;
    if (position.seq === 0) throw new FactError(1, 'nothing to commit: a log starts with its LogStarted event');
    // What verify --deep checks once at the end: the invariants over the whole state.
    const end = this.auditor?.finish();
    if (end) throw new FactError(position.seq, describeAudit(end), end.field, end.rule);
    this.io(() => {
      this.flush();
      fsyncSync(this.fd);
    });
    this.close();
    await commitTemp(this.tempPath, this.path);
    return { ...position, path: this.path, bytes: this.written };
  }

  async abort(): Promise<void> {
    this.closed = true;
    if (this.fd === -1) return;
    this.close();
    await removeQuietly(this.tempPath);
  }

  /** Copies the checked lines of `from` up to its `seq` and takes its chain over. */
  async copyFrom(from: ContinueFrom): Promise<void> {
    // The source is read with every hash checked (and audited under `rules`): a continuation
    // vouches for what it copies, and for nothing after it.
    const options = { verifyHashes: true, ...(from.seq === undefined ? {} : { untilSeq: from.seq }), ...(this.auditor ? { audit: this.auditor } : {}) };
    for await (const { texts } of readCheckedLines(from.file, this.chain, options)) {
      for (const text of texts) this.write(`${text}\n`);
    }
    if (from.seq !== undefined && this.chain.position.seq < from.seq) {
      throw new ConflictError(from.file, from.seq, this.chain.position.seq);
    }
  }

  /** The line of `fact` as the next event; the chain advances (and `trial`, when auditing, folds it). */
  private seal(fact: Fact, trial: Auditor | undefined): string {
    const seq = this.chain.position.seq + 1;
    const { at, type, v, actor, data, cause } = fact;
    const event = cause === undefined ? { seq, at, type, v, actor, data } : { seq, at, type, v, actor, data, cause };
    const parsed = parseEvent(event);
    const sealed = parsed.ok ? this.chain.seal(event) : schemaProblem(parsed.issues, seq);
    if (typeof sealed !== 'string') throw factError(seq, sealed);
    // In verify's order: the line's own rules first, then the mechanism's (the caller resets the chain).
    const broken = trial?.push((parsed as { value: Recorded }).value);
    if (broken) throw new FactError(seq, describeAudit(broken), broken.field, broken.rule);
    return sealed;
  }

  /** Buffers `text` (UTF-8): encoded straight into the reused buffer, written in large chunks. */
  private write(text: string): void {
    this.io(() => {
      // A UTF-16 code unit encodes to at most 3 bytes: flush when the text might not fit.
      if (this.used + text.length * 3 > this.buffer.length) {
        this.flush();
        if (text.length * 3 > this.buffer.length) {
          this.writeAll(Buffer.from(text, 'utf8'));
          return;
        }
      }
      this.used += this.buffer.write(text, this.used, 'utf8');
    });
  }

  private flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeAll(this.buffer.subarray(0, used));
  }

  private writeAll(chunk: Uint8Array): void {
    for (let offset = 0; offset < chunk.length; ) offset += writeSync(this.fd, chunk, offset);
    this.written += chunk.length;
  }

  private io(write: () => void): void {
    try {
      write();
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
  }

  private close(): void {
    this.closed = true;
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    closeSync(fd);
  }
}

/** A fact the log refuses, worded as the reader words the same problem in a line. */
function factError(seq: number, problem: LineProblem): FactError {
  return new FactError(seq, problem.message, problem.field ?? fieldOf(problem));
}

/** The envelope field a cross-line rule is about. */
function fieldOf(problem: LineProblem): string | undefined {
  switch (problem.kind) {
    case 'time-backwards':
      return 'at';
    case 'first-event':
      return 'type';
    default:
      return undefined;
  }
}
