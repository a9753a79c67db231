/**
 * Ctrl-C for long commands: the first SIGINT (or SIGTERM, which Slurm and Kubernetes send
 * before killing a job) asks the work to stop cleanly through an `AbortSignal`; a second one
 * ends the process at once, the default way. Handlers are removed when the work ends.
 */

/** The signals that stop a sweep. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `work` with a signal that aborts on the first SIGINT or SIGTERM.
 * @example const outcome = await whileInterruptible((signal) => executeSweep({ …, signal }));
 */
export async function whileInterruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = new Map<string, () => void>();
  const remove = (): void => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
  for (const name of SIGNALS) {
    const handler = (): void => {
      if (!controller.signal.aborted) {
        controller.abort();
        return;
      }
      // The second time: stop now. Rows already written are whole lines (see rowFile.ts).
      remove();
      process.kill(process.pid, name);
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  try {
    return await work(controller.signal);
  } finally {
    remove();
  }
}
