/**
 * `parley step` on a real pseudo-terminal: tmux runs the CLI (from the TypeScript sources,
 * through test/cli/registerTs.mjs), the test types keys with `send-keys` and reads the
 * screen with `capture-pane`. tmux comes from Debian; the test installs it when missing and
 * it can (root), otherwise it is skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTool, type ToolStatus } from '../support/debian.js';
import { tempDir } from '../fixtures/logs/build.js';
import { cli } from './inProcess.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const temp = tempDir('parley-step-tty-');
// A socket in the temp folder: the server is this test's alone and leaves nothing behind.
const SOCKET = join(temp.dir, 'tmux.sock');
let tmux: ToolStatus = { ok: false, reason: 'not checked yet' };

function run(...args: string[]): string {
  if (!tmux.ok) throw new Error(tmux.reason);
  return execFileSync(tmux.path, ['-S', SOCKET, ...args], { encoding: 'utf8' });
}

const screen = (): string => run('capture-pane', '-p', '-t', 'step');

/** Waits until the screen matches `pattern` (the CLI starts in a few seconds on a busy machine). */
async function until(pattern: RegExp, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the screen never matched ${pattern}; it shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  tmux = ensureTool('tmux', 'tmux');
  if (!tmux.ok) {
    console.warn(`skipping the pseudo-terminal test of parley step: ${tmux.reason}`);
    return;
  }
  const r = await cli(['run', join(ROOT, 'scenarios/paris-2026.yaml'), '--out', 'paris.jsonl', '--quiet'], { cwd: temp.dir });
  expect(r.code).toBe(0);
}, 900_000);

afterAll(() => {
  if (tmux.ok) {
    try {
      run('kill-server');
    } catch {
      // Already gone: the session ended with the stepper.
    }
  }
  temp.cleanup();
});

describe('parley step on a pseudo-terminal (tmux)', () => {
  it('draws a screen per key, travels back, jumps, searches, and quits cleanly', async (ctx) => {
    if (!tmux.ok) ctx.skip(tmux.reason);
    const step = `node --import ${join(ROOT, 'test/cli/registerTs.mjs')} ${join(ROOT, 'src/cli/bin.ts')} step ${join(temp.dir, 'paris.jsonl')}`;
    // The shell records the stepper's exit status itself: tmux leaves a dead pane's status
    // empty when the process was reaped before the pane was marked dead (seen under load).
    const exitFile = join(temp.dir, 'exit-status');
    const command = `${step}; echo $? > ${exitFile}`;
    run('new-session', '-d', '-s', 'step', '-x', '120', '-y', '40', '-c', temp.dir, command);
    run('set-option', '-t', 'step', 'remain-on-exit', 'on');
    await until(/seq 1 of \d+/);
    run('send-keys', '-t', 'step', 'n', 'n', 'Space', 'Right');
    expect(await until(/seq 5 of/)).toMatch(/#5 {2}\S+ {2}\w+/);
    run('send-keys', '-t', 'step', 'Left', 'b');
    await until(/seq 3 of/);
    run('send-keys', '-t', 'step', 'g', '4', '0');
    await until(/go to seq: 40_/);
    run('send-keys', '-t', 'step', 'Enter');
    await until(/seq 40 of/);
    run('send-keys', '-t', 'step', '/', 'Ruled', 'Enter');
    const ruled = await until(/SupervisorRuled \(/);
    expect(ruled).toMatch(/ruled on dispute/);
    expect(ruled).toMatch(/^ladder {4}\w+ \(pressure/m);
    expect(ruled).toMatch(/^disputes {2}\d+ open of \d+/m);
    expect(ruled).toMatch(/^deadlines \d+ pending/m);
    run('send-keys', '-t', 'step', '?');
    await until(/q, Ctrl-C {5}quit/);
    run('send-keys', '-t', 'step', 'q');
    const deadline = Date.now() + 20_000;
    while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`the stepper did not quit on q:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
  }, 120_000);
});
