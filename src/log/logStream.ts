/**
 * Writing a new log one fact at a time, as fast as the simulator makes them. The calling
 * thread only checks each fact ({@link FactGate}) and encodes its record, data in canonical
 * JSON, into a reused byte buffer ({@link RecordEncoder}); once a log is long enough to be
 * worth it, hashing and writing move to a worker thread (sealThread.ts), which gets the
 * records in batches through shared memory, so on a machine with a spare core the log costs
 * the simulator little more than those checks and that encoding. A worker takes tens of milliseconds to start, so
 * the first facts (and every fact of a short log) are chained and written on the calling
 * thread, and the worker takes the chain over, at the file's current end, when it is ready.
 *
 * The bytes are exactly those of {@link createLogFile}, and so is the atomicity: a temp file
 * next to the target, renamed into place by `commit` only after every line is written and
 * synced, so the target is the previous file or the complete new log, never a prefix.
 *
 * Running from the TypeScript sources (the test suite), there is no compiled worker script:
 * the whole log is then written on the calling thread.
 */
import { closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Fact } from '../core/catalogue.js';
import { commitTemp, openTemp, removeQuietly } from './atomic.js';
import { ChainSink, type ChainEnd } from './chainSink.js';
import { FactError, ioError, WriterClosedError } from './errors.js';
import { FactGate } from './factGate.js';
import { GENESIS_HASH } from './lineText.js';
import { RecordEncoder } from './recordEncoder.js';
import { SEAL_WORKER_SCRIPT, SealThread } from './sealThread.js';
import type { LogSummary } from './writer.js';
/** Options of {@link openLogStream}. */
export interface LogStreamOptions {
  /**
   * Bytes of records (about 270 per fact) gathered before a batch goes to the writer.
   * Default 48 KiB: the writer thread decodes a batch into one string, and on Node 20 a
   * string past 128 KiB (a 64 KiB batch with any character beyond Latin-1) is allocated on
   * pages of its own, fresh each time: measured, that cost more than the wake-ups smaller
   * batches take (about eight thousand per million facts).
   */
  readonly batchBytes?: number;
  /** Bytes the writer buffers before a write to the file. Default 256 KiB. */
  readonly chunkBytes?: number;
  /**
   * The writer thread's script (sealThread.js), or `false` to hash and write on the calling
   * thread. Default: the compiled sealThread.js; `false` when running from the TypeScript
   * sources, which a worker thread cannot load.
   */
  readonly worker?: URL | false;
  /**
   * Facts appended before the writer thread is started. Default 16,384 (about a tenth of a
   * second of simulation, the order of a worker's start-up); never on a single CPU, where a
   * second thread only adds its own cost.
   */
  readonly threadAfter?: number;
}

/**
 * A new log being written; nothing is visible at `path` until {@link LogStream.commit}. End
 * every stream with `commit` or `abort`: a writer thread, once started, keeps the process
 * alive until then.
 */
export interface LogStream {
  readonly path: string;
  readonly tempPath: string;
  /** Seq of the last appended event. */
  readonly seq: number;
  /** True once hashing and writing run on a worker thread. */
  readonly threaded: boolean;
  /**
   * Checks and queues one fact (a recorded event's own `seq` and `hash` are ignored).
   * @throws {FactError} when the fact would break the log (it is then not appended).
   * @throws {LogIoError} when the temp file cannot be written (then call `abort`).
   */
  append(fact: Fact): void;
  /**
   * Writes out every queued fact, fsyncs and renames the temp file over `path`.
   * @throws {FactError} when no event was appended: a log starts with LogStarted.
   * @throws {LogIoError} when the temp file cannot be written or renamed (then call `abort`).
   */
  commit(): Promise<LogSummary>;
  /** Stops the writer and deletes the temp file; `path` is untouched. Safe to call twice. */
  abort(): Promise<void>;
}

/**
 * Starts a new log at `path`.
 * @throws {LogIoError} when the temp file cannot be created (missing directory, permission).
 * @example
 * const log = await openLogStream('run.jsonl');
 * try { for (const f of facts) log.append(f); await log.commit(); }
 * catch (e) { await log.abort(); throw e; }
 * // From a simulation, use simulateToFile (src/cli): runPlan cannot be stopped from onEvent.
 */
export async function openLogStream(path: string, options: LogStreamOptions = {}): Promise<LogStream> {
  const { tempPath, fd } = openTemp(path);
  const script = options.worker ?? SEAL_WORKER_SCRIPT ?? false;
  return new Stream(path, tempPath, fd, script, options);
}

class Stream implements LogStream {
  private readonly gate = new FactGate();
  /** Chains and writes until the worker takes over. */
  private readonly direct: ChainSink;
  private thread: SealThread | undefined;
  private handedOver = false;
  /** Bytes written on the calling thread before the worker took over. */
  private directBytes = 0;
  private count = 0;
  private readonly records: RecordEncoder;
  private closed = false;
  private readonly batchBytes: number;
  private readonly chunkBytes: number | undefined;
  private readonly threadAfter: number;

  constructor(
    readonly path: string,
    readonly tempPath: string,
    private fd: number,
    private script: URL | false,
    options: LogStreamOptions,
  ) {
    this.batchBytes = Math.max(1, options.batchBytes ?? 48 * 1024);
    // A batch ends with the record that reaches `batchBytes`: room for one more of any size.
    this.records = new RecordEncoder(2 * this.batchBytes + 1024);
    this.chunkBytes = options.chunkBytes;
    this.threadAfter = options.threadAfter ?? (availableParallelism() > 1 ? 16_384 : Infinity);
    this.direct = new ChainSink(fd, { seq: 0, hash: GENESIS_HASH }, this.chunkBytes);
  }

  get seq(): number {
    return this.count;
  }

  get threaded(): boolean {
    return this.handedOver;
  }

  append(fact: Fact): void {
    if (this.closed) throw new WriterClosedError(this.path);
    const seq = this.count + 1;
    this.gate.admitInto(fact, seq, this.records);
    this.count = seq;
    if (this.records.length >= this.batchBytes) this.send();
  }

  async commit(): Promise<LogSummary> {
    if (this.closed) throw new WriterClosedError(this.path);
    if (this.count === 0) throw new FactError(1, 'nothing to commit: a log starts with its LogStarted event');
    this.send();
    const end: ChainEnd = this.thread && this.handedOver ? await this.thread.finish() : this.io(() => this.direct.finish());
    if (end.seq !== this.count) throw new Error(`log writer: ${end.seq} events written, ${this.count} appended`);
    this.closed = true;
    // A worker that took over has written its last byte and is ending on its own; one still
    // starting up is stopped.
    if (!this.handedOver) await this.thread?.stop();
    this.close();
    await commitTemp(this.tempPath, this.path);
    return { seq: end.seq, hash: end.hash, at: this.gate.at, path: this.path, bytes: this.directBytes + end.bytes };
  }

  async abort(): Promise<void> {
    this.closed = true;
    if (this.fd === -1) return;
    // The worker stops before the file is closed, so it can never write to a reused descriptor.
    await this.thread?.stop();
    this.close();
    await removeQuietly(this.tempPath);
  }

  private send(): void {
    if (this.records.length === 0) return;
    if (!this.handedOver) this.maybeHandOver();
    try {
      if (this.thread && this.handedOver) {
        this.thread.send(this.records.bytes());
      } else {
        const records = this.records.text();
        this.io(() => this.direct.write(records));
      }
    } finally {
      this.records.reset();
    }
  }

  /**
   * Starts the worker once the log is long enough, and hands it the chain once it is ready.
   * The worker only saves time: one that cannot be created (or never starts) leaves the whole
   * log to the calling thread.
   */
  private maybeHandOver(): void {
    if (this.script === false || this.count < this.threadAfter) return;
    if (!this.thread) {
      try {
        // A slot holds any batch but one ending in an unusually large record (that one is posted).
        this.thread = new SealThread(this.script, this.path, this.fd, this.chunkBytes, 2 * this.batchBytes);
      } catch {
        this.script = false;
      }
      return;
    }
    if (!this.thread.ready) return;
    const at = this.io(() => this.direct.flush());
    this.directBytes = at.bytes;
    this.thread.start(at);
    this.handedOver = true;
  }

  private io<T>(write: () => T): T {
    try {
      return write();
    } catch (e) {
      throw ioError(this.path, 'cannot write', e);
    }
  }

  private close(): void {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    closeSync(fd);
  }
}
