/**
 * The log's writer thread. This module is the worker's entry point (it imports nothing that
 * loads the catalogue, so the worker starts as fast as a worker can: tens of milliseconds)
 * and, on the main thread, the handle that tells when the worker is ready, copies batches
 * of records into the shared ring (sealProtocol.ts), holds the simulator back when the ring
 * is full (so memory stays bounded), and turns the worker's failure into the error the
 * caller would have got writing on its own thread.
 *
 * Why a ring of shared memory rather than `postMessage`: a message is a new string on the
 * worker's heap, and the simulator's thread pays for building and copying it; a slot is
 * written once per batch with one copy of bytes the encoder already has (recordEncoder.ts),
 * and the same few pages serve the whole run.
 */
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { ChainEnd } from './chainSink.js';
import { ioError, LogIoError } from './errors.js';
import { DONE, FAILED, LENGTHS, POSTED, READY, SEAL_ROLE, stateSlots, VIA_PORT, type SealReply, type SealRequest, type SealStart, type SealWorkerData } from './sealProtocol.js';
import { runSealWorker } from './sealWorker.js';

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === SEAL_ROLE) {
  runSealWorker(workerData as SealWorkerData);
}

/**
 * This module's own URL when it can be a worker's entry point, i.e. when it is compiled
 * JavaScript; `undefined` when it runs from the TypeScript sources (the test suite).
 */
export const SEAL_WORKER_SCRIPT: URL | undefined = fileURLToPath(import.meta.url).endsWith('.js') ? new URL(import.meta.url) : undefined;

/** Slots of the ring: batches posted but not yet written before `send` waits for the worker. */
const SLOTS = 16;
/** How long `send` waits without any progress before it gives the worker up. */
const STALL_MS = 60_000;

/** A worker thread chaining and writing records to an open file. */
export class SealThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(stateSlots(SLOTS) * 4));
  private readonly ring: Uint8Array;
  private posted = 0;
  private failure: unknown;
  /** Why the worker is gone, once the event loop has told us (never during a synchronous run). */
  private death: Error | undefined;
  private onDeath: ((e: Error) => void) | undefined;

  /**
   * Starts the worker; it takes over once {@link SealThread.ready} and {@link SealThread.start}.
   * @param script this module, compiled ({@link SEAL_WORKER_SCRIPT})
   * @param path the log's final path, for error messages.
   * @param fd the temp file, written by the worker from its current offset.
   * @param slotBytes the largest batch that goes through the ring (larger ones are posted).
   */
  constructor(
    script: URL,
    private readonly path: string,
    fd: number,
    chunkBytes: number | undefined,
    private readonly slotBytes: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const ring = new SharedArrayBuffer(SLOTS * slotBytes);
    this.ring = new Uint8Array(ring);
    const data: SealWorkerData = {
      role: SEAL_ROLE,
      fd,
      chunkBytes,
      state: this.state.buffer as SharedArrayBuffer,
      ring,
      slots: SLOTS,
      slotBytes,
      port: port2,
    };
    // The worker inherits the process's Node options, unless they include one that only makes
    // sense for code given on the command line (`node --input-type=module -e …`) and stops a
    // worker script from loading. (A list of options given explicitly must not contain
    // process-wide ones such as --expose-gc, so the others cannot simply be passed on.)
    const inputType = process.execArgv.some((a) => a.startsWith('--input-type'));
    this.worker = new Worker(script, { workerData: data, transferList: [port2], ...(inputType ? { execArgv: [] } : {}) });
    // A worker that dies (a script that does not load, say) must not crash the process: its
    // error surfaces through `finish`.
    this.worker.on('error', (e) => this.died(e));
    this.worker.on('exit', (code) => this.died(new Error(`the log writer thread exited (code ${code}) before finishing the log`)));
  }

  /** True once the worker has started (it then serves requests without delay). */
  get ready(): boolean {
    return Atomics.load(this.state, READY) === 1;
  }

  /** Hands the chain over: the worker writes from the file's current offset on. */
  start(at: SealStart): void {
    this.viaPort({ seq: at.seq, hash: at.hash });
  }

  /**
   * Hands a batch of whole records (UTF-8) to the worker: copies it into the next free slot,
   * waiting while every slot is still being written.
   * @throws {LogIoError} when the worker could not write (or stopped responding).
   */
  send(records: Uint8Array): void {
    if (records.length > this.slotBytes) {
      this.viaPort(Buffer.from(records.buffer, records.byteOffset, records.length).toString('utf8'));
      return;
    }
    const slot = this.claim();
    this.ring.set(records, slot * this.slotBytes);
    this.publish(slot, records.length);
  }

  /**
   * Asks the worker to flush and fsync; resolves once it has.
   * @throws {LogIoError} when the worker could not write or sync.
   * @throws {Error} when the worker died without a reply.
   */
  async finish(): Promise<ChainEnd> {
    this.viaPort(null);
    const reply = await new Promise<SealReply>((resolve, reject) => {
      // A reply already queued (a failure posted just before the worker died) comes first.
      const queued = receiveMessageOnPort(this.port)?.message as SealReply | undefined;
      if (queued) return resolve(queued);
      if (this.death) return reject(this.death);
      this.onDeath = reject;
      this.port.once('message', resolve);
    });
    this.onDeath = undefined;
    this.port.close();
    if (!reply.ok) throw this.errorOf(reply);
    return reply;
  }

  /** Stops the worker (at once if it is still writing). Safe to call twice. */
  async stop(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  /** Posts `request` on the port and takes a slot for it, so it is served in order. */
  private viaPort(request: SealRequest): void {
    const slot = this.claim();
    this.port.postMessage(request);
    this.publish(slot, VIA_PORT);
  }

  /** The next slot, once it is free (every slot in use: waits for the worker). */
  private claim(): number {
    this.throwIfFailed();
    let done = Atomics.load(this.state, DONE);
    let waited = 0;
    while (this.posted - done >= SLOTS && Atomics.load(this.state, FAILED) === 0) {
      const before = done;
      const started = performance.now();
      Atomics.wait(this.state, DONE, done, 1000);
      done = Atomics.load(this.state, DONE);
      waited = done === before ? waited + (performance.now() - started) : 0;
      if (waited > STALL_MS) {
        this.failure = new LogIoError(this.path, 'cannot write: the log writer thread stopped responding');
      }
      this.throwIfFailed();
    }
    this.throwIfFailed();
    return this.posted % SLOTS;
  }

  /**
   * Makes `slot` (holding `length` bytes, or `VIA_PORT`) the next request. The worker is
   * woken only once half the ring waits for it (or for a request on the port): waking a
   * sleeping thread is a system call and, on a VM, an interrupt to the other core, and the
   * worker serves every slot it finds once awake. It can never sleep through a full ring:
   * it sleeps only with nothing to do, and a ring filling up crosses the half on the way.
   */
  private publish(slot: number, length: number): void {
    Atomics.store(this.state, LENGTHS + slot, length);
    this.posted++;
    Atomics.store(this.state, POSTED, this.posted);
    if (length === VIA_PORT || this.posted - Atomics.load(this.state, DONE) >= SLOTS / 2) Atomics.notify(this.state, POSTED);
  }

  private died(e: Error): void {
    this.death ??= e;
    this.onDeath?.(this.death);
  }

  private throwIfFailed(): void {
    if (this.failure === undefined && Atomics.load(this.state, FAILED) === 1) {
      const reply = receiveMessageOnPort(this.port)?.message as SealReply | undefined;
      this.failure = reply && !reply.ok ? this.errorOf(reply) : new Error('the log writer thread failed without saying why');
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private errorOf(reply: Extract<SealReply, { ok: false }>): unknown {
    if (reply.code === undefined) return new Error(`the log writer thread failed: ${reply.message}`);
    return ioError(this.path, 'cannot write', Object.assign(new Error(reply.message), { code: reply.code }));
  }
}
