/**
 * Parent side of the naive baseline child (see children/naive.ts): starts it, waits for its
 * key numbers, and times runs on request so they can be interleaved with the in-process ones.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KeyNumbers } from '../baselines/agreement.js';
import type { Sample } from './measure.js';
import type { WorkloadSpec } from './workload.js';

type Message = { kind: 'ready'; keys: KeyNumbers } | { kind: 'ran'; sample: Sample | undefined };

/** A running naive child. */
export class NaiveChild {
  private waiting: ((m: Message) => void) | undefined;
  private failure: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: Message) => {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.(m);
    });
    child.on('exit', (code) => {
      this.failure = new Error(`naive baseline child exited with code ${String(code)}`);
      const resolve = this.waiting;
      this.waiting = undefined;
      if (resolve) resolve({ kind: 'ran', sample: undefined });
    });
  }

  /** Starts the child on the first `events` events of the workload; resolves with its key numbers. */
  static async start(spec: WorkloadSpec, events: number): Promise<{ child: NaiveChild; keys: KeyNumbers }> {
    const script = fileURLToPath(new URL('../children/naive.js', import.meta.url));
    const proc = fork(script, [JSON.stringify({ ...spec, events })], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    const child = new NaiveChild(proc);
    const ready = await child.next();
    if (ready.kind !== 'ready') throw child.failure ?? new Error('naive child: unexpected first message');
    return { child, keys: ready.keys };
  }

  /** Times one fold in the child. */
  async run(): Promise<Sample> {
    const pending = this.next();
    this.child.send({ kind: 'run' });
    const m = await pending;
    if (m.kind !== 'ran' || m.sample === undefined) throw this.failure ?? new Error('naive child: no timing');
    return m.sample;
  }

  /** Stops the child. */
  close(): void {
    if (this.child.connected) this.child.send({ kind: 'exit' });
  }

  private next(): Promise<Message> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
