/**
 * Outputs are safe: a command refuses an --out that is not a regular file (or absent), that is
 * one of its inputs, or that sits in a missing folder; one line, exit 2, the thing untouched.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace } from './inProcess.js';

const paris = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const dir = () => mkdtempSync(join(tmpdir(), 'parley-out-'));

function refused(r: { code: number; stderr: string; stdout: string }, what: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(what);
  expect(hasStackTrace(r.stderr)).toBe(false);
}

describe('parley run --out', () => {
  it('refuses a symbolic link and leaves it (and its target) as they were', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'target.txt'), 'keep me');
    symlinkSync('target.txt', join(cwd, 'link.jsonl'));
    refused(await cli(['run', paris, '--out', 'link.jsonl'], { cwd }), /link\.jsonl: --out: is a symbolic link/);
    expect(lstatSync(join(cwd, 'link.jsonl')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, 'link.jsonl'))).toBe('target.txt');
    expect(readFileSync(join(cwd, 'target.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a FIFO', async () => {
    const cwd = dir();
    execFileSync('mkfifo', [join(cwd, 'pipe')]);
    refused(await cli(['run', paris, '--out', 'pipe'], { cwd }), /pipe: --out: is a named pipe/);
    expect(lstatSync(join(cwd, 'pipe')).isFIFO()).toBe(true);
  });

  it('refuses /dev/null (a character device)', async () => {
    const before = statSync('/dev/null');
    refused(await cli(['run', paris, '--out', '/dev/null'], { cwd: dir() }), /\/dev\/null: --out: is a character device/);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.ino).toBe(before.ino);
  });

  it('refuses a directory and a path in a missing folder', async () => {
    const cwd = dir();
    refused(await cli(['run', paris, '--out', '.'], { cwd }), /--out: is a directory/);
    refused(await cli(['run', paris, '--out', 'missing/run.jsonl'], { cwd }), /--out: the folder missing does not exist/);
  });

  it('refuses its own input, under another name too', async () => {
    const cwd = dir();
    const text = readFileSync(paris, 'utf8');
    writeFileSync(join(cwd, 's.yaml'), text);
    refused(await cli(['run', 's.yaml', '--out', 's.yaml'], { cwd }), /s\.yaml: --out: is also an input of this command/);
    refused(await cli(['run', 's.yaml', '--out', './s.yaml'], { cwd }), /is also an input/);
    expect(readFileSync(join(cwd, 's.yaml'), 'utf8')).toBe(text);
  });

  it('replaces an existing regular file atomically', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'old.jsonl'), 'old');
    const r = await cli(['run', paris, '--out', 'old.jsonl', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'old.jsonl'), 'utf8')).toMatch(/^\{"seq":1/);
  });
});
