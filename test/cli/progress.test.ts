/**
 * Progress bars: drawn only on a terminal, and for reading a log only when the file is big
 * enough to take a while (`verify` and `replay` of a long log).
 */
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { fileProgress, progressBar } from '../../src/cli/progress.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = (tty: boolean): Io => ({ stdout: () => undefined, stderr: () => undefined, stderrIsTTY: tty });

/** A sparse file of `bytes` bytes (no disk used). */
function sized(name: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe('progress bars', () => {
  it('are not drawn when standard error is not a terminal (piped, captured)', () => {
    expect(progressBar(io(false), 'sweep', 100, 'runs')).toBeUndefined();
    expect(fileProgress(io(false), 'verify', sized('big-piped.jsonl', 64 * 1024 * 1024))).toBeUndefined();
  });

  it('for reading a log: only for a file of 8 MiB or more, and never for a missing one', () => {
    writeFileSync(join(dir, 'small.jsonl'), '{}\n');
    expect(fileProgress(io(true), 'verify', join(dir, 'small.jsonl'))).toBeUndefined();
    expect(fileProgress(io(true), 'verify', sized('under.jsonl', 8 * 1024 * 1024 - 1))).toBeUndefined();
    expect(fileProgress(io(true), 'verify', join(dir, 'missing.jsonl'))).toBeUndefined();
    const bar = fileProgress(io(true), 'verify', sized('big.jsonl', 64 * 1024 * 1024));
    expect(bar).toBeDefined();
    bar?.onBytes(32 * 1024 * 1024);
    bar?.stop();
  });
});
