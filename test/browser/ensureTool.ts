/**
 * Tests that need a program from Debian (Chromium, tmux) find it, or install it the way CI
 * can (`apt-get`, as root), or say why they cannot run: a test that cannot get its tool is
 * skipped with the reason printed, never silently.
 */
import { execFileSync } from 'node:child_process';

/** The tool's path, or why it is not available. */
export type ToolStatus = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `binary` on the PATH, installing Debian package `pkg` first if it is missing and this
 * process may (root, apt-get present). Waits up to 10 minutes for another apt-get (another
 * test file may be installing at the same time).
 */
export function ensureTool(binary: string, pkg: string): ToolStatus {
  const found = which(binary);
  if (found) return { ok: true, path: found };
  if (process.getuid?.() !== 0) return { ok: false, reason: `${binary} is not installed and installing ${pkg} needs root (apt-get install ${pkg})` };
  if (!which('apt-get')) return { ok: false, reason: `${binary} is not installed and there is no apt-get to install ${pkg}` };
  const apt = (args: string[]): void => {
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  };
  try {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', pkg]);
  } catch (e) {
    const detail = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(e);
    return { ok: false, reason: `apt-get could not install ${pkg}: ${detail}` };
  }
  const installed = which(binary);
  return installed ? { ok: true, path: installed } : { ok: false, reason: `${pkg} installed but ${binary} is not on the PATH` };
}
