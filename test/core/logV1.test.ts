/**
 * A log written before LogStarted's schema changed still works: test/fixtures/logs/v1/ holds
 * a real log written by `parley run scenarios/late-warning-il20.yaml` with LogStarted v1, and
 * `parley replay --json` of it as that version printed it. Never regenerate these two files:
 * they stand for every log users already have.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact, Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { stateToJSON } from '../../src/core/state.js';
import { appendToLog } from '../../src/log/append.js';
import { readEvents } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';

const V1 = new URL('../fixtures/logs/v1/', import.meta.url).pathname;
const LOG = join(V1, 'late-warning-il20.jsonl');
const snapshot = JSON.parse(readFileSync(join(V1, 'late-warning-il20.state.json'), 'utf8'));

async function replayFile(path: string) {
  const r = new Replayer();
  const events: Recorded[] = [];
  for await (const e of readEvents(path, { verifyHashes: true })) {
    events.push(e);
    r.push(e);
  }
  return { state: r.state(), events };
}

describe('a log written with LogStarted v1', () => {
  it('still verifies', async () => {
    expect(await verifyLog(LOG)).toMatchObject({ ok: true, events: 90, lastSeq: 90 });
  });

  it('replays to the state that version printed', async () => {
    const { state } = await replayFile(LOG);
    expect(JSON.parse(JSON.stringify(stateToJSON(state)))).toEqual(snapshot);
  });

  it('can be continued with appendToLog: appending its last fact again to the rest gives the same bytes', async () => {
    const lines = readFileSync(LOG, 'utf8').split('\n').filter((l) => l !== '');
    const dir = mkdtempSync(join(tmpdir(), 'parley-v1-'));
    const path = join(dir, 'cut.jsonl');
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
    const { seq: _seq, hash: _hash, ...last } = JSON.parse(lines.at(-1) as string) as Recorded;
    const end = await appendToLog(path, [last as Fact], { expectedSeq: 89 });
    expect(end.seq).toBe(90);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(LOG, 'utf8'));

    // A new fact in the middle of the old run folds and verifies too.
    const copy = join(dir, 'more.jsonl');
    writeFileSync(copy, `${lines.slice(0, -1).join('\n')}\n`);
    const step = { type: 'DeescalationStepTaken', v: 1, at: '2018-10-13T00:00:00Z', actor: 'israel', data: { stepId: 'step-x', kind: 'hotlineCall', cameo: '087', weight: 3 } };
    await appendToLog(copy, [step as Fact, last as Fact], { expectedSeq: 89 });
    expect(await verifyLog(copy)).toMatchObject({ ok: true, events: 91 });
    const { state } = await replayFile(copy);
    expect(state.steps.get('step-x')).toMatchObject({ by: 'israel', weight: 3 });
    expect(state.ended).toBe(true);
  });
});
