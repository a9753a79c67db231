import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { appendToLog } from '../../src/log/append.js';
import { ConflictError, FactError, LockError, LogFormatError, LogIoError } from '../../src/log/errors.js';
import { verifyLog } from '../../src/log/verify.js';
import { linesOf, logText, soundFacts, tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const all = soundFacts(8);

/** Runs `action`, expects it to throw `type`, and checks the log did not change at all. */
async function expectUnchanged<E>(path: string, action: () => Promise<unknown>, type: new (...a: never[]) => E): Promise<E> {
  const before = readFileSync(path);
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect(readFileSync(path)).toEqual(before);
  return error as E;
}

describe('appendToLog', () => {
  it('extends the chain exactly as writing everything at once would', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    const end = await appendToLog(path, all.slice(5), { expectedSeq: 5 });
    expect(readFileSync(path, 'utf8')).toBe(logText(all));
    expect(end.seq).toBe(8);
    expect(end.hash).toBe((JSON.parse(linesOf(logText(all))[7] ?? '') as { hash: string }).hash);
    expect(await verifyLog(path)).toMatchObject({ ok: true, events: 8 });
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']); // no lock, no temp left
  });

  it('starts an empty file at seq 1', async () => {
    const path = tmp.file('run.jsonl', '');
    await appendToLog(path, all.slice(0, 2), { expectedSeq: 0 });
    expect(readFileSync(path, 'utf8')).toBe(logText(all.slice(0, 2)));
  });

  it('throws ConflictError for a stale expectedSeq and writes nothing', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    const e = await expectUnchanged(path, () => appendToLog(path, all.slice(4, 6), { expectedSeq: 4 }), ConflictError);
    expect([e.code, e.expectedSeq, e.actualSeq]).toEqual(['LOG_CONFLICT', 4, 5]);
    expect(e.message).toBe(`${path}: expected seq 4, log is at 5`);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('throws LockError while another writer holds the lock, and leaves that lock alone', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    writeFileSync(`${path}.lock`, '12345\n');
    const e = await expectUnchanged(path, () => appendToLog(path, all.slice(5), { expectedSeq: 5 }), LockError);
    expect([e.code, e.lockPath]).toEqual(['LOG_LOCKED', `${path}.lock`]);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe('12345\n');
  });

  it('lets exactly one of two racing writers with the same expectedSeq win', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    const results = await Promise.allSettled([
      appendToLog(path, all.slice(5, 6), { expectedSeq: 5 }),
      appendToLog(path, all.slice(5, 6), { expectedSeq: 5 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect((loser as PromiseRejectedResult).reason).toSatisfy((e) => e instanceof LockError || e instanceof ConflictError);
    expect(readFileSync(path, 'utf8')).toBe(logText(all.slice(0, 6)));
  });

  it('refuses a fact that would break the log and writes nothing', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    const early = fact('MessageDelivered', { at: '2026-01-06T00:00:00Z', actor: 'cell' }, { messageId: 'm-9' });
    const e = await expectUnchanged(path, () => appendToLog(path, [early], { expectedSeq: 5 }), FactError);
    expect(e.message).toMatch(/^event 6: at 2026-01-06T00:00:00Z is before the previous event/);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses to extend a torn log', async () => {
    const path = tmp.file('run.jsonl', `${logText(all.slice(0, 5))}{"seq":6,"at":"2026`);
    const e = await expectUnchanged(path, () => appendToLog(path, all.slice(5), { expectedSeq: 5 }), LogFormatError);
    expect([e.kind, e.line]).toEqual(['torn-line', 6]);
  });

  it('refuses to extend a log whose last line was edited', async () => {
    const lines = linesOf(logText(all.slice(0, 5)));
    lines[4] = (lines[4] ?? '').replace('"israel"', '"syria"');
    const path = tmp.file('run.jsonl', `${lines.join('\n')}\n`);
    const e = await expectUnchanged(path, () => appendToLog(path, all.slice(5), { expectedSeq: 5 }), LogFormatError);
    expect([e.kind, e.line]).toEqual(['hash-mismatch', 5]);
  });

  it('refuses to extend a log whose last line is not an event', async () => {
    const path = tmp.file('run.jsonl', `${logText(all.slice(0, 2))}{"seq":3}\n`);
    const e = await expectUnchanged(path, () => appendToLog(path, all.slice(2), { expectedSeq: 2 }), LogFormatError);
    expect([e.kind, e.line]).toEqual(['schema', 3]);
  });

  it('ignores a temp file left by a crashed appender', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 5)));
    tmp.file(`.run.jsonl.${process.pid}.tmp`, `${logText(all.slice(0, 5))}{"seq":6,"half`);
    await appendToLog(path, all.slice(5), { expectedSeq: 5 });
    expect(readFileSync(path, 'utf8')).toBe(logText(all));
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('reports a missing log as an I/O error and removes its lock', async () => {
    const path = `${tmp.dir}/missing.jsonl`;
    await expect(appendToLog(path, all, { expectedSeq: 0 })).rejects.toThrow(LogIoError);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('returns the current end and writes nothing for an empty batch', async () => {
    const path = tmp.file('run.jsonl', logText(all.slice(0, 3)));
    const before = readFileSync(path);
    expect((await appendToLog(path, [], { expectedSeq: 3 })).seq).toBe(3);
    expect(readFileSync(path)).toEqual(before);
  });
});
