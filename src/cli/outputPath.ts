/**
 * The one check every command runs before it writes a file the user named (`--out`): the
 * path must be absent or a regular file, must not be one of the command's inputs, and its
 * folder must exist. A command that writes calls {@link checkOutputPath} before any work
 * starts, then writes atomically (temp file + rename, `writeFileAtomic` or the log writer).
 *
 * Why: an atomic rename replaces whatever sits at the path, so without this check
 * `--out /dev/null` (as root) would replace the device, `--out link` the symlink, and
 * `parley run s.yaml --out s.yaml` the scenario itself.
 */
import { lstat, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandContext } from './command.js';
import { InputError } from './errors.js';

/** What kind of file system entry a non-regular path is, in words. */
function kindOf(s: Stats): string {
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function sameFile(a: Stats, input: string): Promise<boolean> {
  try {
    const b = await stat(input);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * Checks that `out` (as the user typed it) may be written: absent or a regular file, not one
 * of `inputs` (as typed), in an existing folder. Throws an `InputError` (exit 2) naming the
 * option and the path otherwise; touches nothing.
 * @example await checkOutputPath(ctx, '--out', options.out, [scenarioFile]);
 */
export async function checkOutputPath(
  ctx: CommandContext,
  option: string,
  out: string,
  inputs: readonly string[],
): Promise<void> {
  const fail = (what: string): never => {
    throw new InputError({ file: out, what: `${option}: ${what}; nothing was written` });
  };
  const path = ctx.resolve(out);
  let existing: Stats | undefined;
  try {
    existing = await lstatOrUndefined(path);
  } catch (e) {
    fail(`cannot inspect the output path (${(e as { code?: string }).code ?? 'error'})`);
  }
  if (existing === undefined) {
    let folder: Stats | undefined;
    try {
      folder = await stat(dirname(path));
    } catch {
      folder = undefined;
    }
    if (folder === undefined) fail(`the folder ${dirname(out)} does not exist`);
    else if (!folder.isDirectory()) fail(`${dirname(out)} is not a folder`);
    return;
  }
  if (!existing.isFile()) fail(`is ${kindOf(existing)}, not a regular file; refusing to replace it`);
  for (const input of inputs) {
    if (await sameFile(existing as Stats, ctx.resolve(input))) fail(`is also an input of this command (${input})`);
  }
}
