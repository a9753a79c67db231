/**
 * `parley replay` on a log longer than one read chunk (1 MiB), so that it folds several
 * batches: stopping at any seq, and bad lines past the first batch named by file and line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Replayer } from '../../src/core/replay.js';
import { stateToJSON } from '../../src/core/state.js';
import type { Recorded } from '../../src/core/catalogue.js';
import { linesOf, logText, objectsOf, resealed, sampleFacts, tempDir } from '../fixtures/logs/build.js';
import { cli, hasStackTrace } from './inProcess.js';

const EVENTS = 6000;
const text = logText(sampleFacts(EVENTS));
const events = objectsOf(text) as unknown as Recorded[];
const temp = tempDir('parley-replay-');

/** The state `replay --json` prints after the first `n` events. */
function stateAfter(n: number): unknown {
  const r = new Replayer();
  for (const e of events.slice(0, n)) r.push(e);
  return JSON.parse(JSON.stringify(stateToJSON(r.peek())));
}

describe('parley replay, several batches', () => {
  beforeAll(() => {
    // Lines 4500 and on are past the first 1 MiB chunk.
    expect(Buffer.byteLength(linesOf(text).slice(0, 4500).join('\n'))).toBeGreaterThan(1024 * 1024);
    temp.file('log.jsonl', text);
  });
  afterAll(() => temp.cleanup());

  it('folds the whole log to the state of an in-memory fold', async () => {
    const r = await cli(['replay', 'log.jsonl', '--json'], { cwd: temp.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(stateAfter(EVENTS));
  });

  it('stops at any seq, inside the first batch or past it', async () => {
    for (const seq of [1, 2, 3000, 4500, EVENTS - 1]) {
      const r = await cli(['replay', 'log.jsonl', '--json', '--until-seq', String(seq)], { cwd: temp.dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(stateAfter(seq));
    }
  });

  it('names a bad line past the first batch, prints no state and exits 1', async () => {
    const lines = linesOf(text);
    lines[5199] = (lines[5199] as string).replace('"messageId":"m-', '"messageId":"m ');
    temp.file('bad.jsonl', `${lines.join('\n')}\n`);
    const r = await cli(['replay', 'bad.jsonl'], { cwd: temp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^parley: bad\.jsonl:5200: schema: data\.messageId: "m \d+" is not a valid id/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    // Stopping before the bad line never reaches it.
    const early = await cli(['replay', 'bad.jsonl', '--until-seq', '5198', '--json'], { cwd: temp.dir });
    expect(early.code).toBe(0);
    expect(JSON.parse(early.stdout)).toEqual(stateAfter(5198));
  });

  it('reports a resealed edit as a broken chain at its line', async () => {
    const objects = objectsOf(text);
    // A forger re-chains everything from the edit on, but the next line keeps its old hash.
    const edited = objects.map((o, i) => (i === 4800 ? { ...o, actor: 'us' } : o));
    const forged = linesOf(resealed(edited.slice(0, 4801)));
    const tampered = [...forged, ...linesOf(text).slice(4801)].join('\n');
    temp.file('forged.jsonl', `${tampered}\n`);
    const r = await cli(['replay', 'forged.jsonl'], { cwd: temp.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^parley: forged\.jsonl:4802: hash-mismatch/);
  });
});
