/**
 * A machine-wide lock for tests: a folder in /tmp holding the owner's pid. `mkdir` is atomic,
 * so exactly one process takes it; a lock whose owner died (killed mid-install, mid-build)
 * is stale and is cleared by the next taker. Used where test files (vitest runs two at once)
 * or concurrent test runs share something: apt installs, the private build, Slurm's ports.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether `pid` is a running process. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** The pid holding `lock`, or 0 while it is being written. */
function owner(lock: string): number {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/** Takes `lock` if free (clearing a stale one first); returns whether it did. */
function tryTake(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    const pid = owner(lock);
    if (pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

const release = (lock: string) => (): void => rmSync(lock, { recursive: true, force: true });
const timedOut = (lock: string, timeoutMs: number) =>
  new Error(`${lock} has been held by process ${owner(lock)} for ${Math.round(timeoutMs / 1000)} s`);

/** Takes `lock`, waiting up to `timeoutMs` for its holder; resolves to the release function. */
export async function takeLock(lock: string, timeoutMs: number): Promise<() => void> {
  const end = Date.now() + timeoutMs;
  while (!tryTake(lock)) {
    if (Date.now() > end) throw timedOut(lock, timeoutMs);
    await new Promise((r) => setTimeout(r, 200));
  }
  return release(lock);
}

/** {@link takeLock} for synchronous callers: blocks the thread while it waits. */
export function takeLockSync(lock: string, timeoutMs: number): () => void {
  const end = Date.now() + timeoutMs;
  while (!tryTake(lock)) {
    if (Date.now() > end) throw timedOut(lock, timeoutMs);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
  return release(lock);
}
