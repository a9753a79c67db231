/**
 * How logStream.ts talks to its writer thread (sealWorker.ts). The simulator runs
 * synchronously and never yields to the event loop, so nothing can travel as a message
 * event during a run. Everything goes through shared memory instead:
 *
 * - batches of records, as UTF-8 bytes, through a ring of `slots` fixed-size slots of a
 *   SharedArrayBuffer: the main thread copies a batch into the next free slot, stores its
 *   length in that slot's `LENGTHS` entry, bumps `POSTED` and wakes the worker; the worker
 *   bumps `DONE` once it has written the slot out, which frees it;
 * - the rare requests that are not a batch (the {@link SealStart}, a batch too large for a
 *   slot, `null` to finish) take a slot too, with length `VIA_PORT`: the request itself is
 *   posted on the port first, and the worker takes it from there with `receiveMessageOnPort`,
 *   in the order of the slots;
 * - flags for readiness and failure; the worker's one reply (its result or its failure)
 *   comes back on the port.
 */
import type { MessagePort } from 'node:worker_threads';

/** Slot of the shared Int32Array: requests the worker is done with (written or failed on). */
export const DONE = 0;
/** Slot of the shared Int32Array: 1 once the worker has failed (its reply is on the port). */
export const FAILED = 1;
/** Slot of the shared Int32Array: 1 once the worker has started and waits for requests. */
export const READY = 2;
/** Slot of the shared Int32Array: requests posted so far. */
export const POSTED = 3;
/** First of the shared Int32Array's per-slot lengths. */
export const LENGTHS = 4;
/** A slot's length when its request waits on the port instead. */
export const VIA_PORT = -1;
/** Length of the shared Int32Array for `slots` ring slots. */
export const stateSlots = (slots: number): number => LENGTHS + slots;

/** Marks a worker started by sealThread.ts (its module is the worker's entry point). */
export const SEAL_ROLE = 'parley-log-seal';

/** The worker's `workerData`. */
export interface SealWorkerData {
  readonly role: typeof SEAL_ROLE;
  /** The temp file, open for writing; the main thread owns (and closes) it. */
  readonly fd: number;
  readonly chunkBytes?: number | undefined;
  /** `stateSlots(slots)` Int32 slots. */
  readonly state: SharedArrayBuffer;
  /** The ring: `slots` slots of `slotBytes` bytes. */
  readonly ring: SharedArrayBuffer;
  readonly slots: number;
  readonly slotBytes: number;
  /** Where requests posted `VIA_PORT` arrive, and where the worker posts its {@link SealReply}. */
  readonly port: MessagePort;
}

/** Where the chain is when the worker takes over: the seq and hash of the last line written. */
export interface SealStart {
  readonly seq: number;
  readonly hash: string;
}

/** What the main thread posts on the port: the start, a batch of records too large for a slot, or `null` to finish. */
export type SealRequest = SealStart | string | null;

/** The worker's one reply: where the chain ends (after fsync; `bytes` are the worker's own), or why it stopped. */
export type SealReply =
  | { readonly ok: true; readonly seq: number; readonly hash: string; readonly bytes: number }
  | { readonly ok: false; readonly message: string; readonly code?: string };
