/**
 * Tests that need programs from Debian (Chromium, tmux, Slurm and munge) find them, or
 * install them the way CI can (`apt-get`, as root), or say why they cannot run: a test that
 * cannot get its tools is skipped with the reason printed, never silently.
 *
 * Installs are serialised across test files (vitest runs two at once) by a lock folder, so
 * two apt-gets never race for dpkg's or the package lists' locks; apt also waits for a lock
 * another process holds (`DPkg::Lock::Timeout`).
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeLockSync } from './lock.js';

/** A tool's path, or why it is not available. */
export type ToolStatus = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

const LOCK = join(tmpdir(), 'parley-apt-install.lock');

/** The path of `binary` on the PATH, or undefined. */
export function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `work` holding the install lock (waits up to 15 minutes for another install). */
function locked<T>(work: () => T): T {
  const release = takeLockSync(LOCK, 15 * 60_000);
  try {
    return work();
  } finally {
    release();
  }
}

/**
 * Installs Debian `packages` unless `present()` already holds. Returns why they cannot be
 * installed here (not root, no apt-get, apt-get failed), or undefined once `present()` holds.
 */
export function ensurePackages(packages: readonly string[], present: () => boolean): string | undefined {
  if (present()) return undefined;
  const list = packages.join(' ');
  if (process.getuid?.() !== 0) return `${list} not installed, and installing needs root (apt-get install ${list})`;
  if (!which('apt-get')) return `${list} not installed, and there is no apt-get to install it`;
  return locked(() => {
    // Another test file may have installed them while this one waited for the lock.
    if (present()) return undefined;
    const apt = (args: string[]): void => {
      execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        timeout: 900_000,
      });
    };
    try {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', ...packages]);
    } catch (e) {
      const detail = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(e);
      return `apt-get could not install ${list}: ${detail}`;
    }
    return present() ? undefined : `${list} installed, but not where the test looks`;
  });
}

/** `binary` on the PATH, installing Debian package `pkg` first if it is missing and this process may. */
export function ensureTool(binary: string, pkg: string): ToolStatus {
  const problem = ensurePackages([pkg], () => which(binary) !== undefined);
  const path = which(binary);
  return problem === undefined && path !== undefined ? { ok: true, path } : { ok: false, reason: problem ?? `${binary} is not on the PATH` };
}
