/**
 * How logStream.ts talks to its writer thread (sealWorker.ts). The simulator runs
 * synchronously and never yields to the event loop, so nothing the worker says can arrive as
 * a message event during a run: readiness and progress go through shared memory (flags and a
 * counter the main thread can `Atomics.wait` on), and the worker's one reply (its result or
 * its failure) through a port the main thread reads with `receiveMessageOnPort`.
 *
 * The main thread posts one {@link SealStart} (where the chain is when the worker takes
 * over), then batches of records, then `null` to finish.
 */
import type { MessagePort } from 'node:worker_threads';

/** Slot of the shared Int32Array: batches the worker is done with (written or failed on). */
export const DONE = 0;
/** Slot of the shared Int32Array: 1 once the worker has failed (its reply is on the port). */
export const FAILED = 1;
/** Slot of the shared Int32Array: 1 once the worker has started and listens for requests. */
export const READY = 2;
/** Length of the shared Int32Array. */
export const STATE_SLOTS = 3;

/** Marks a worker started by sealThread.ts (its module is the worker's entry point). */
export const SEAL_ROLE = 'parley-log-seal';

/** The worker's `workerData`. */
export interface SealWorkerData {
  readonly role: typeof SEAL_ROLE;
  /** The temp file, open for writing; the main thread owns (and closes) it. */
  readonly fd: number;
  readonly chunkBytes?: number | undefined;
  /** `STATE_SLOTS` Int32 slots. */
  readonly state: SharedArrayBuffer;
  /** Where the worker posts its {@link SealReply}. */
  readonly port: MessagePort;
}

/** Where the chain is when the worker takes over: the seq and hash of the last line written. */
export interface SealStart {
  readonly seq: number;
  readonly hash: string;
}

/** What the main thread posts to the worker: the start, a batch of records, or `null` to finish. */
export type SealRequest = SealStart | string | null;

/** The worker's one reply: where the chain ends (after fsync; `bytes` are the worker's own), or why it stopped. */
export type SealReply =
  | { readonly ok: true; readonly seq: number; readonly hash: string; readonly bytes: number }
  | { readonly ok: false; readonly message: string; readonly code?: string };
