/**
 * The writer thread's side of sealThread.ts: chains and writes batches of records to the
 * temp file it is given, on a core of its own, while the simulator keeps running on the
 * main thread. It never renames anything: only the main thread commits, and only after this
 * thread has reported the whole chain written and synced, so a crash here leaves no log at
 * the target.
 */
import type { MessagePort } from 'node:worker_threads';
import { ChainSink } from './chainSink.js';
import { DONE, FAILED, READY, type SealReply, type SealRequest, type SealWorkerData } from './sealProtocol.js';

/**
 * Serves the main thread's requests arriving on `requests` (the worker's `parentPort`) until
 * the log is finished or a write fails; the one reply goes to `input.port`.
 */
export function runSealWorker(input: SealWorkerData, requests: MessagePort): void {
  const state = new Int32Array(input.state);
  let sink: ChainSink | undefined;
  let failed = false;
  requests.on('message', (request: SealRequest) => {
    if (failed) return;
    try {
      if (typeof request === 'string') {
        if (!sink) throw new Error('records before the start of the chain');
        sink.write(request);
      } else if (request === null) {
        if (!sink) throw new Error('finished before the start of the chain');
        input.port.postMessage({ ok: true, ...sink.finish() } satisfies SealReply);
        // Nothing more will come: the worker ends on its own, no one has to wait for it.
        requests.close();
        return;
      } else {
        sink = new ChainSink(input.fd, request, input.chunkBytes);
      }
    } catch (e) {
      failed = true;
      input.port.postMessage(failure(e));
      // Posted before the flag is raised, so a main thread that sees the flag finds the reply.
      Atomics.store(state, FAILED, 1);
    }
    Atomics.add(state, DONE, 1);
    Atomics.notify(state, DONE);
  });
  Atomics.store(state, READY, 1);
}

function failure(e: unknown): SealReply {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' ? { ok: false, message, code } : { ok: false, message };
}
