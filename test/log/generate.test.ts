import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/log/verify.js';
import { writeGeneratedLog } from '../fixtures/logs/generate.js';
import { tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('generated logs (benchmark fixtures)', () => {
  it.each(['mixed', 'small'] as const)('are valid (%s)', async (mix) => {
    const path = tmp.file(`${mix}.jsonl`);
    const summary = await writeGeneratedLog(path, 3001, mix);
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 3001, lastSeq: 3001, lastHash: summary.hash });
  });
});
