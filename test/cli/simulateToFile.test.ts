/**
 * `simulateToFile`, the path `parley run --out` and the simulator benchmark share: for every
 * shipped scenario it writes the very log the golden tests pin (same SHA-256), on the calling
 * thread and on the writer thread, and it leaves nothing behind when it fails.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import type { Recorded } from '../../src/core/catalogue.js';
import { LogIoError } from '../../src/log/errors.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Plan } from '../../src/sim/plan.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { tempDir } from '../fixtures/logs/build.js';
import { removeSealWorkerScript, sealWorkerScript } from '../fixtures/logs/sealWorkerBuild.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const GOLDEN = new URL('../golden/', import.meta.url).pathname;

async function planOf(file: string): Promise<Plan> {
  const loaded = await loadScenario(join(SCENARIOS, file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: PARLEY_VERSION });
}

function goldenSha(file: string): string {
  return (JSON.parse(readFileSync(join(GOLDEN, file.replace(/\.yaml$/, '.json')), 'utf8')) as { logSha256: string }).logSha256;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('parley-simulate-');
});
afterEach(() => tmp.cleanup());
afterAll(removeSealWorkerScript);

describe('simulateToFile', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

  it.each(files)('%s: writes the golden log on the calling thread', async (file) => {
    const path = tmp.file('run.jsonl');
    const seen: Recorded[] = [];
    const { result, log } = await simulateToFile(await planOf(file), path, { onEvent: (e) => seen.push(e) });
    expect(sha256(path)).toBe(goldenSha(file));
    expect(log).toMatchObject({ path, seq: result.events, bytes: readFileSync(path).length });
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: result.events }, (_, i) => i + 1));
  });

  it('writes the same golden log on the writer thread', async () => {
    const file = 'paris-2026.yaml';
    const path = tmp.file('run.jsonl');
    const { log } = await simulateToFile(await planOf(file), path, { log: { worker: sealWorkerScript(), batchChars: 4096 } });
    expect(sha256(path)).toBe(goldenSha(file));
    expect(log.hash).toBe(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)?.match(/"hash":"([0-9a-f]{64})"/)?.[1]);
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('fails before simulating when the log cannot be created, and leaves nothing', async () => {
    const path = join(tmp.dir, 'missing', 'run.jsonl');
    let events = 0;
    const run = simulateToFile(await planOf('paris-2026.yaml'), path, { onEvent: () => events++ });
    await expect(run).rejects.toBeInstanceOf(LogIoError);
    expect(events).toBe(0);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('aborts the log when a listener throws: no file at the target, no temp file', async () => {
    const path = tmp.file('run.jsonl');
    const run = simulateToFile(await planOf('paris-2026.yaml'), path, {
      onEvent: (e) => {
        if (e.seq === 100) throw new Error('stop here');
      },
      log: { worker: sealWorkerScript(), batchChars: 1000 },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});
