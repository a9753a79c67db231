/**
 * Ctrl-C, for real: a SIGINT to a `parley sweep` child process running on worker threads.
 * It exits 130 having kept every finished run as whole lines (no torn row), says how to
 * continue, and `--resume` (here on the main thread) completes the file to exactly the bytes
 * of an uninterrupted sweep.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtBin, parley, ROOT } from './built.js';
import { cli } from './inProcess.js';

const paris = join(ROOT, 'scenarios/paris-2026.yaml');
const ARGS = ['sweep', paris, '--runs', '800', '--set', 'mechanism.enabled=true,false', '--seed', '11', '--quiet'];

let bin = '';
beforeAll(async () => {
  bin = await builtBin();
}, 180_000);

/** Lines in `path` so far (0 while it does not exist). */
const linesIn = (path: string): number => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

describe('parley sweep, interrupted', () => {
  it('keeps whole rows on SIGINT, exits 130, and --resume gives the uninterrupted bytes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-sigint-'));
    // The uninterrupted sweep, in-process (the same rows, whatever runs them).
    const reference = await cli([...ARGS, '--out', 'full.csv'], { cwd });
    expect(reference.code).toBe(0);

    const child = spawn(process.execPath, [bin, ...ARGS, '--workers', '2', '--out', 'part.csv'], { cwd });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Interrupt once the first batch is on disk, well before the 1,600 runs are done.
    while (linesIn(join(cwd, 'part.csv')) < 3) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(130);

    const text = readFileSync(join(cwd, 'part.csv'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rows = text.split('\n').length - 3;
    expect(stderr).toBe(`parley: interrupted: ${rows.toLocaleString('en-US')} of 1,600 runs written to part.csv; continue with --resume\n`);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(1600);
    const full = readFileSync(join(cwd, 'full.csv'));
    expect(full.subarray(0, text.length).toString()).toBe(text);

    const resumed = await parley(bin, [...ARGS.filter((a) => a !== '--quiet'), '--workers', '0', '--out', 'part.csv', '--resume'], cwd);
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    expect(resumed.stdout).toContain(`${rows.toLocaleString('en-US')} read back from part.csv`);
    expect(readFileSync(join(cwd, 'part.csv')).equals(full)).toBe(true);
  }, 240_000);
});
