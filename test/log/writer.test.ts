import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { FactError, LogIoError, WriterClosedError } from '../../src/log/errors.js';
import { readEvents } from '../../src/log/readEvents.js';
import { createLogFile } from '../../src/log/writer.js';
import { logText, sampleFacts, tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function writeLog(path: string, facts = sampleFacts(50), chunkBytes?: number): Promise<void> {
  const log = await createLogFile(path, chunkBytes === undefined ? {} : { chunkBytes });
  for (let i = 0; i < facts.length; i += 7) log.append(facts.slice(i, i + 7));
  await log.commit();
}

describe('createLogFile', () => {
  it('writes exactly the sealed lines, the same bytes for the same facts', async () => {
    const a = tmp.file('a.jsonl');
    const b = tmp.file('b.jsonl');
    await writeLog(a);
    await writeLog(b, sampleFacts(50), 100); // tiny chunks: most lines bypass the buffer, same bytes
    await writeLog(tmp.file('c.jsonl'), sampleFacts(50), 1000); // lines straddle flushes
    expect(readFileSync(tmp.file('c.jsonl'))).toEqual(readFileSync(a));
    expect(readFileSync(a, 'utf8')).toBe(logText(sampleFacts(50)));
    expect(readFileSync(b)).toEqual(readFileSync(a));
  });

  it('round-trips through the reader', async () => {
    const path = tmp.file('run.jsonl');
    const facts = sampleFacts(30);
    await writeLog(path, facts);
    const events = [];
    for await (const e of readEvents(path, { verifyHashes: true })) events.push(e);
    expect(events.map(({ seq: _s, hash: _h, ...f }) => f)).toEqual(facts);
    expect(events.map((e) => e.seq)).toEqual(facts.map((_, i) => i + 1));
  });

  it('shows nothing at the target until commit, and reports the end position', async () => {
    const path = tmp.file('run.jsonl');
    const log = await createLogFile(path);
    expect(log.tempPath).toBe(join(tmp.dir, `.run.jsonl.${process.pid}.tmp`));
    expect(log.append(sampleFacts(3))).toBe(3);
    expect(existsSync(path)).toBe(false);
    const summary = await log.commit();
    expect(summary.seq).toBe(3);
    expect(summary.bytes).toBe(readFileSync(path).length);
    expect(summary.hash).toBe(log.position.hash);
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('replaces an existing file atomically on commit and leaves it alone on abort', async () => {
    const path = tmp.file('run.jsonl', 'old\n');
    const aborted = await createLogFile(path);
    aborted.append(sampleFacts(5));
    await aborted.abort();
    await aborted.abort(); // idempotent
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
    expect(() => aborted.append(sampleFacts(1))).toThrow(WriterClosedError);
    await writeLog(path, sampleFacts(4));
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(4)));
  });

  it('keeps the original intact when a writer dies before commit', async () => {
    const path = tmp.file('run.jsonl', logText(sampleFacts(3)));
    const original = readFileSync(path);
    const dying = await createLogFile(path);
    dying.append(sampleFacts(1500)); // several chunks reach the temp file
    expect(readFileSync(dying.tempPath).length).toBeGreaterThan(200 * 1024);
    expect(readFileSync(path)).toEqual(original);
    await dying.abort();
  });

  it('overwrites a stale temp file left by a crash of a process with the same pid', async () => {
    const path = tmp.file('run.jsonl', logText(sampleFacts(3)));
    writeFileSync(join(tmp.dir, `.run.jsonl.${process.pid}.tmp`), '{"seq":1,"half a li');
    await writeLog(path, sampleFacts(10));
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(10)));
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('rejects a bad batch whole and keeps going', async () => {
    const path = tmp.file('run.jsonl');
    const log = await createLogFile(path);
    log.append(sampleFacts(2));
    const bad = fact('MessageDelivered', { at: '2026-01-01T00:00:00Z', actor: 'cell' }, { messageId: 'm-0' });
    expect(() => log.append([...sampleFacts(3).slice(2), bad])).toThrow(FactError);
    expect(log.position.seq).toBe(2);
    log.append(sampleFacts(3).slice(2));
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(3)));
  });

  it('refuses to commit a log without events', async () => {
    const log = await createLogFile(tmp.file('empty.jsonl'));
    await expect(log.commit()).rejects.toThrow(/nothing to commit/);
    await log.abort();
  });

  it('fails with a typed error naming the path when the directory is missing', async () => {
    const path = join(tmp.dir, 'missing', 'run.jsonl');
    await expect(createLogFile(path)).rejects.toThrow(LogIoError);
    await expect(createLogFile(path)).rejects.toThrow(`${path}: cannot create: no such file or directory (ENOENT)`);
  });

  it('writes a file that other tools read as one JSON object per line', async () => {
    const path = tmp.file('run.jsonl');
    await writeLog(path, sampleFacts(5));
    writeFileSync(tmp.file('copy.jsonl'), readFileSync(path));
    const objects = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as object);
    expect(Object.keys(objects[2] ?? {})).toEqual(['seq', 'at', 'type', 'v', 'actor', 'data', 'cause', 'hash']);
  });
});
