/**
 * The writer thread's side of sealThread.ts: chains and writes batches of records to the
 * temp file it is given, on a core of its own, while the simulator keeps running on the
 * main thread. It never renames anything: only the main thread commits, and only after this
 * thread has reported the whole chain written and synced, so a crash here leaves no log at
 * the target.
 *
 * The thread has nothing else to do, so it serves the ring in a plain loop, sleeping in
 * `Atomics.wait` while no request is posted (a terminated worker is woken from it).
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import { ChainSink } from './chainSink.js';
import { DONE, FAILED, LENGTHS, POSTED, READY, VIA_PORT, type SealReply, type SealRequest, type SealWorkerData } from './sealProtocol.js';

/** How long one wait for a request lasts before the loop looks again. */
const WAIT_MS = 1000;

/**
 * Serves the main thread's requests, in the order they were posted, until the log is
 * finished or a write fails; the one reply goes to `input.port`.
 */
export function runSealWorker(input: SealWorkerData): void {
  const state = new Int32Array(input.state);
  const ring = Buffer.from(input.ring);
  let sink: ChainSink | undefined;
  let taken = 0;
  Atomics.store(state, READY, 1);
  for (;;) {
    if (Atomics.load(state, POSTED) === taken) {
      Atomics.wait(state, POSTED, taken, WAIT_MS);
      continue;
    }
    const slot = taken % input.slots;
    const length = Atomics.load(state, LENGTHS + slot);
    let ended = false;
    try {
      if (length === VIA_PORT) {
        const received = receiveMessageOnPort(input.port);
        if (received === undefined) throw new Error('a request posted on the port never arrived');
        const request = received.message as SealRequest;
        if (typeof request === 'string') {
          if (!sink) throw new Error('records before the start of the chain');
          sink.write(request);
        } else if (request === null) {
          if (!sink) throw new Error('finished before the start of the chain');
          input.port.postMessage({ ok: true, ...sink.finish() } satisfies SealReply);
          ended = true;
        } else {
          sink = new ChainSink(input.fd, request, input.chunkBytes);
        }
      } else {
        if (!sink) throw new Error('records before the start of the chain');
        const from = slot * input.slotBytes;
        sink.write(ring.toString('utf8', from, from + length));
      }
    } catch (e) {
      input.port.postMessage(failure(e));
      // Posted before the flag is raised, so a main thread that sees the flag finds the reply.
      Atomics.store(state, FAILED, 1);
      ended = true;
    }
    taken++;
    Atomics.store(state, DONE, taken);
    Atomics.notify(state, DONE);
    // Nothing more will come: the worker ends on its own, no one has to wait for it.
    if (ended) return;
  }
}

function failure(e: unknown): SealReply {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' ? { ok: false, message, code } : { ok: false, message };
}
