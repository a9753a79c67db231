/**
 * `simulateToFile`, the path `parley run --out` takes: for every shipped scenario it writes
 * the very log the golden tests pin (same SHA-256), and it leaves nothing behind when it fails.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import type { Recorded } from '../../src/core/catalogue.js';
import { LogIoError } from '../../src/log/errors.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Plan } from '../../src/sim/plan.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { tempDir } from '../fixtures/logs/build.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const GOLDEN = new URL('../golden/', import.meta.url).pathname;

async function planOf(file: string): Promise<Plan> {
  const loaded = await loadScenario(join(SCENARIOS, file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return compileScenario(loaded.scenario, { hash: loaded.hash, source: loaded.source, parleyVersion: PARLEY_VERSION });
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

describe('simulateToFile', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

  it.each(files)('%s: writes the golden log', async (file) => {
    const path = tmp.file('run.jsonl');
    const seen: Recorded[] = [];
    const { result, log } = await simulateToFile(await planOf(file), path, { onEvent: (e) => seen.push(e) });
    expect(sha256(path)).toBe(goldenSha(file));
    expect(log).toMatchObject({ path, seq: result.events, bytes: readFileSync(path).length });
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: result.events }, (_, i) => i + 1));
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
    });
    await expect(run).rejects.toThrow('stop here');
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});
