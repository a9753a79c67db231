/**
 * A log written with LogStarted v2 (before the ladder's cooling rule was recorded) still
 * works: test/fixtures/logs/v2/golden.jsonl is the log format's golden file as v2 wrote it.
 * Never regenerate it: it stands for every log users already have.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvent, type Recorded } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer } from '../../src/core/replay.js';
import { readEvents } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';

const V2 = new URL('../fixtures/logs/v2/golden.jsonl', import.meta.url).pathname;
const V3 = new URL('../fixtures/logs/golden.jsonl', import.meta.url).pathname;

async function replayFile(path: string) {
  const r = new Replayer();
  for await (const e of readEvents(path, { verifyHashes: true })) r.push(e);
  return r.state();
}

describe('a log written with LogStarted v2', () => {
  it('still verifies, its first event read as v3 with a ladder that does not cool', async () => {
    expect(await verifyLog(V2)).toMatchObject({ ok: true, events: 7, lastSeq: 7 });
    const line = JSON.parse(readFileSync(V2, 'utf8').split('\n')[0] as string);
    expect(line).toMatchObject({ type: 'LogStarted', v: 2 });
    expect('cooling' in line.data.ladder).toBe(false);
    const parsed = parseEvent(line);
    expect(parsed).toMatchObject({ ok: true, value: { v: 3, data: { ladder: { cooling: 'none' } } } });
    // A v2 event cannot carry a v3 field: it is not silently read as v3.
    expect(parseEvent({ ...line, data: { ...line.data, ladder: { ...line.data.ladder, cooling: 'none' } } })).toMatchObject({ ok: false });
  });

  it('replays to the state of the same facts written as v3 with cooling none', async () => {
    const [v2, v3] = [await replayFile(V2), await replayFile(V3)];
    expect(v3.meta?.ladder.cooling).toBe('none');
    expect(v2).toEqual(v3);
  });

  it('cannot be cooled: its ladder never did', async () => {
    const events: Recorded[] = [];
    for await (const e of readEvents(V2)) events.push(e);
    const r = new Replayer();
    for (const e of events) r.push(e);
    const refused = decide(command('CoolLadder', { actor: 'sim', at: '2026-07-01T00:00:00Z' }, {}), r.peek());
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
