import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/log/verify.js';
import { logText, sampleFacts } from '../fixtures/logs/build.js';

const golden = new URL('../fixtures/logs/golden.jsonl', import.meta.url);

describe('the log format', () => {
  // Every byte of a log is covered by the hash chain: a change to the line layout, the
  // canonical form or the hashing silently invalidates every log already written. If this
  // fails on purpose, it is a format change: version it, and regenerate the fixture.
  it('still writes golden.jsonl byte for byte', () => {
    expect(logText(sampleFacts(7))).toBe(readFileSync(golden, 'utf8'));
  });

  it('still verifies golden.jsonl', async () => {
    expect(await verifyLog(golden.pathname)).toMatchObject({ ok: true, events: 7, lastSeq: 7 });
  });
});
