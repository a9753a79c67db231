/**
 * Fault injection: a process writing a log is killed (SIGKILL) at random points, at least 20
 * times. After each kill the target holds either the previous file, byte for byte, or a
 * complete log that verifies; never a torn or partial file under the final name. The only
 * other file allowed is the writer's documented temp file, `.<name>.<pid>.tmp`.
 *
 * The writing process runs the real writer from the sources: the test transpiles the child
 * script (test/fixtures/logs/killChild.ts) and every source file it imports into a temp
 * folder, so it works in a fresh clone without a build. The kill schedule comes from a
 * seeded generator: a failure names the seed and the kill, and reproduces.
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

interface Outcome {
  readonly pid: number;
  /** From the moment the child said it was writing to its end. */
  readonly writingMs: number;
  readonly exited: boolean;
}

/**
 * Runs the child writing `count` events to `target`, and kills it `killAfterMs` after it
 * starts writing, unless it is done by then.
 */
function runChild(script: string, target: string, count: number, killAfterMs: number): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, target, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let started: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => {
      started = performance.now();
      timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) fail(new Error(`the writer failed (exit ${code}): ${stderr}`));
      else done({ pid: child.pid as number, writingMs: performance.now() - (started ?? performance.now()), exited: signal === null });
    });
  });
}

/**
 * One lane of kills in its own folder: `kills` runs, each killed at a random point of its
 * write or after it (up to twice an uncut write's time: lanes run side by side, slower), each writing a log one event longer than the last, so that a
 * complete new log is told from the previous file.
 */
async function killLane(dir: string, seed: number, kills: number, base: number, writingMs: number): Promise<{ previous: number; complete: number; midWrite: number }> {
  mkdirSync(dir);
  const target = join(dir, 'run.jsonl');
  writeFileSync(target, 'the previous file\n');
  const next = random(seed);
  const seen = { previous: 0, complete: 0, midWrite: 0 };
  for (let kill = 1; kill <= kills; kill++) {
    const where = `kill ${kill} of seed ${seed}`;
    const count = base + kill;
    const before = readFileSync(target);
    const { pid } = await runChild(script, target, count, Math.floor(next() * writingMs * 2));
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
    // One uncut run: how long writing takes here, and that the child writes a valid log.
    const base = 3_000;
    const uncut = join(work, 'uncut.jsonl');
    const full = await runChild(script, uncut, base, 60_000);
    expect(full.exited).toBe(true);
    expect(await verifyLog(uncut)).toMatchObject({ ok: true, events: base });
    // Two lanes side by side (a core each): half the wall time.
    const lanes = await Promise.all([0, 1].map((lane) => killLane(join(work, `lane-${lane}`), SEED + lane, KILLS / 2, base, full.writingMs)));
    const seen = { previous: 0, complete: 0, midWrite: 0 };
    for (const l of lanes) for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] += l[k];
    expect(seen.previous + seen.complete).toBe(KILLS);
    // The schedule really killed writers in the middle of writing (how many finished first
    // depends on this machine's speed, so it is not asserted).
    expect(seen.midWrite, JSON.stringify(seen)).toBeGreaterThanOrEqual(KILLS / 4);
  }, 120_000);
});
