/**
 * Fault injection: a process writing a log is killed (SIGKILL) at random points, at least 20
 * times. After each kill the target holds either the previous file, byte for byte, or a
 * complete log that verifies; never a torn or partial file under the final name. The only
 * other file allowed is the writer's documented temp file, `.<name>.<pid>.tmp`.
 *
 * The writing process runs the real writer from the sources: the test transpiles the child
 * script (test/fixtures/logs/killChild.ts) and every source file it imports into a temp
 * folder, so it works in a fresh clone without a build. The kill schedule comes from a
 * seeded generator, and kills land on the child's own progress reports (events appended, the
 * start of the commit) rather than on a clock: a failure names the seed and the kill, and
 * reproduces whatever the speed of the machine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/log/verify.js';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);
const CHILD = join(ROOT, 'test/fixtures/logs/killChild.ts');
const SEED = 20260106;
const KILLS = 20;

/** Transpiles `entry` and every relative import it reaches into `outDir` (same layout). */
function transpileGraph(entry: string, outDir: string): string {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) queue.push(resolve(dirname(file), `${spec}.ts`));
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const out = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  return join(outDir, relative(ROOT, entry)).replace(/\.ts$/, '.js');
}

/** mulberry32: a small seeded generator for the kill schedule. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** When to kill: once the child has appended this many events, or once it starts committing. */
type KillAt = number | 'commit' | 'never';

/**
 * Runs the child writing `count` events to `target` and kills it at `at` (by its own
 * progress reports, so the schedule does not depend on this machine's speed); resolves with
 * its pid and whether it ran to the end.
 */
function runChild(script: string, target: string, count: number, at: KillAt): Promise<{ pid: number; exited: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, target, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'commit' ? at === 'commit' : typeof at === 'number' && Number(line) >= at) child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) fail(new Error(`the writer failed (exit ${code}): ${stderr}`));
      else done({ pid: child.pid as number, exited: signal === null });
    });
  });
}

/**
 * One lane of kills in its own folder: `kills` runs, each killed at a random point of its
 * write or as it commits, each writing a log one event longer than the last, so that a
 * complete new log is told from the previous file.
 */
async function killLane(dir: string, seed: number, kills: number, base: number): Promise<{ previous: number; complete: number; midWrite: number }> {
  mkdirSync(dir);
  const target = join(dir, 'run.jsonl');
  writeFileSync(target, 'the previous file\n');
  const next = random(seed);
  const seen = { previous: 0, complete: 0, midWrite: 0 };
  for (let kill = 1; kill <= kills; kill++) {
    const where = `kill ${kill} of seed ${seed}`;
    const count = base + kill;
    const before = readFileSync(target);
    // One kill in eight as the commit starts; the others at a point of the write.
    const r = next();
    const at: KillAt = r < 0.125 ? 'commit' : Math.floor(((r - 0.125) / 0.875) * count);
    const { pid } = await runChild(script, target, count, at);
    const temp = `.run.jsonl.${pid}.tmp`;
    const files = readdirSync(dir);
    expect(files.filter((f) => f !== 'run.jsonl' && f !== temp), where).toEqual([]);
    if (files.includes(temp)) seen.midWrite++;
    const after = readFileSync(target);
    if (after.equals(before)) {
      seen.previous++;
    } else {
      seen.complete++;
      expect(await verifyLog(target), where).toMatchObject({ ok: true, events: count, lastSeq: count });
    }
    rmSync(join(dir, temp), { force: true });
  }
  return seen;
}

let work: string;
let script: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'parley-kill-'));
  const build = join(work, 'build');
  script = transpileGraph(CHILD, build);
  // The transpiled files import packages (zod): resolve them from the project's node_modules.
  symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a log writer killed at random points', () => {
  it(`leaves the previous file or a complete log, never a partial one (${KILLS} kills, seeds ${SEED} and ${SEED + 1})`, async () => {
    const base = 3_000;
    // One uncut run: the child writes a valid log.
    const uncut = join(work, 'uncut.jsonl');
    expect(await runChild(script, uncut, base, 'never')).toMatchObject({ exited: true });
    expect(await verifyLog(uncut)).toMatchObject({ ok: true, events: base });
    // Two lanes side by side (a core each): half the wall time.
    const lanes = await Promise.all([0, 1].map((lane) => killLane(join(work, `lane-${lane}`), SEED + lane, KILLS / 2, base)));
    const seen = { previous: 0, complete: 0, midWrite: 0 };
    for (const l of lanes) for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] += l[k];
    expect(seen.previous + seen.complete).toBe(KILLS);
    // The schedule really killed writers in the middle of writing (a kill signal sent on a
    // progress report may arrive after the child finished, so not every one is counted).
    expect(seen.midWrite, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 120_000);
});
