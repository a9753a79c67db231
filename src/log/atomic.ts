/**
 * Atomic file replacement: write a temp file in the same directory, fsync it, rename it over
 * the target, fsync the directory. Readers see the old file or the new one, never a torn
 * mix, and a crash leaves at worst a stray temp file next to an intact original.
 */
import { openSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from './errors.js';

/**
 * The temp file used while replacing `path`: `.<name>.<pid>.tmp` in the same directory, so
 * the final rename never crosses a file system and a leftover is easy to recognise.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * Creates (or truncates) the temp file for `path` and opens it for writing.
 * @throws {LogIoError} naming `path` when it cannot be created (missing directory, permission).
 */
export function openTemp(path: string): { readonly tempPath: string; readonly fd: number } {
  const tempPath = tempPathFor(path);
  try {
    // 'w' rather than 'wx': in containers the pid is often the same on every run, so a temp
    // file left by an earlier crash must not block this one.
    return { tempPath, fd: openSync(tempPath, 'w') };
  } catch (e) {
    throw ioError(path, 'cannot create', e);
  }
}

/**
 * Makes a rename durable by syncing its directory. Some platforms (Windows) cannot open a
 * directory for syncing; the rename itself is still atomic there, so that is not an error.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') {
      throw ioError(dir, 'cannot sync directory', e);
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Renames a fully written and synced temp file over `path`, then syncs the directory.
 * @throws {LogIoError} when the rename fails (the temp file is then removed).
 */
export async function commitTemp(tempPath: string, path: string): Promise<void> {
  try {
    await rename(tempPath, path);
  } catch (e) {
    await removeQuietly(tempPath);
    throw ioError(path, 'cannot replace', e);
  }
  await syncDirectory(dirname(path));
}

/** Deletes a file, ignoring one that is already gone (cleanup must not mask the real error). */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch {
    // Already gone, or we lost permission: the caller is reporting a more useful error.
  }
}

/**
 * Writes `data` to `path` atomically (temp file + fsync + rename). Use it for every output
 * file a command produces.
 * @throws {LogIoError} naming `path` when the directory is missing, not writable, full…
 * @example await writeFileAtomic('out/summary.json', JSON.stringify(summary))
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await removeQuietly(temp);
    throw ioError(path, 'cannot write', e);
  }
  await commitTemp(temp, path);
}
