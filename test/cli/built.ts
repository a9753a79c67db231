/**
 * The built package, for the tests that need real processes or worker threads (the pool
 * loads a compiled `explore/worker.js`; signals go to a child `parley`; Slurm runs `parley`).
 * `npm ci` builds `dist` (`prepare`), and when `dist` is newer than every source file it is
 * used as it is. Otherwise (sources edited since the last build) the sources are compiled
 * once into a private folder under node_modules/.cache, under a lock: these tests never run
 * yesterday's code, and never rewrite `dist` under other tests' feet.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { takeLock } from '../support/lock.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
const PRIVATE = join(ROOT, 'node_modules/.cache/parley-test-build');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Whether the build in `dir` is complete and newer than every source file. */
const fresh = (dir: string): boolean =>
  existsSync(join(dir, 'cli/bin.js')) && existsSync(join(dir, 'explore/worker.js')) && statSync(join(dir, 'cli/bin.js')).mtimeMs >= newest(join(ROOT, 'src'));

/** Runs `work` holding `lock` (waits up to 15 minutes for another build). */
async function withLock<T>(lock: string, work: () => T): Promise<T> {
  const release = await takeLock(lock, 15 * 60_000);
  try {
    return work();
  } finally {
    release();
  }
}

/** The `parley` executable to run: `dist`'s when it is up to date, else a private fresh build. */
export async function builtBin(): Promise<string> {
  if (fresh(join(ROOT, 'dist'))) return join(ROOT, 'dist/cli/bin.js');
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  await withLock(`${PRIVATE}.lock`, () => {
    if (fresh(PRIVATE)) return;
    rmSync(PRIVATE, { recursive: true, force: true });
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', PRIVATE, '--declaration', 'false', '--sourceMap', 'false'], { stdio: 'ignore' });
    // Node stops looking for the package scope at node_modules: say these files are ES modules.
    writeFileSync(join(PRIVATE, 'package.json'), '{ "type": "module" }\n');
  });
  return join(PRIVATE, 'cli/bin.js');
}

/** What a child `parley` did. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `parley` (from {@link builtBin}) with `args` in `cwd`. */
export function parley(bin: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
