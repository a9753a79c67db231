import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fact, type Fact, type Recorded } from '../../src/core/catalogue.js';
import { ConflictError, FactError, LogFormatError, LogIoError, WriterClosedError } from '../../src/log/errors.js';
import { verifyLog } from '../../src/log/verify.js';
import { readEvents } from '../../src/log/readEvents.js';
import { createLogFile } from '../../src/log/writer.js';
import { linesOf, logStarted, logText, objectsOf, resealed, sampleFacts, soundFacts, tempDir } from '../fixtures/logs/build.js';
import { EVENT_COMMANDS } from '../../src/core/commandFor.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function writeLog(path: string, facts = sampleFacts(50), chunkBytes?: number): Promise<void> {
  const log = await createLogFile(path, chunkBytes === undefined ? {} : { chunkBytes });
  for (let i = 0; i < facts.length; i += 7) log.appendAll(facts.slice(i, i + 7));
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
    expect(log.appendAll(sampleFacts(3))).toBe(3);
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
    aborted.appendAll(sampleFacts(5));
    await aborted.abort();
    await aborted.abort(); // idempotent
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
    expect(() => aborted.appendAll(sampleFacts(1))).toThrow(WriterClosedError);
    await writeLog(path, sampleFacts(4));
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(4)));
  });

  it('keeps the original intact when a writer dies before commit', async () => {
    const path = tmp.file('run.jsonl', logText(sampleFacts(3)));
    const original = readFileSync(path);
    const dying = await createLogFile(path);
    dying.appendAll(sampleFacts(1500)); // several chunks reach the temp file
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
    log.appendAll(sampleFacts(2));
    const bad = fact('MessageDelivered', { at: '2026-01-01T00:00:00Z', actor: 'cell' }, { messageId: 'm-0' });
    expect(() => log.appendAll([...sampleFacts(3).slice(2), bad])).toThrow(FactError);
    expect(log.position.seq).toBe(2);
    log.appendAll(sampleFacts(3).slice(2));
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

/** The descriptor this process has open on `path` (found through /proc). */
function descriptorOf(path: string): number {
  const fd = readdirSync('/proc/self/fd')
    .map(Number)
    .find((n) => {
      try {
        return readlinkSync(`/proc/self/fd/${n}`) === path;
      } catch {
        return false;
      }
    });
  if (fd === undefined) throw new Error(`no descriptor open on ${path}`);
  return fd;
}

const delivered = (at: string, extra: Partial<{ actor: string; cause: number }> = {}): Fact =>
  fact('MessageDelivered', { at, actor: extra.actor ?? 'cell', cause: extra.cause }, { messageId: 'm-1' });

describe('LogWriter.append', () => {
  it('takes recorded events as they are: their own seq and hash are ignored', async () => {
    const path = tmp.file('run.jsonl');
    const log = await createLogFile(path);
    for (const [i, f] of sampleFacts(20).entries()) expect(log.append({ ...f, seq: 1000 + i, hash: 'not a hash' } as Recorded)).toBe(i + 1);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(20)));
  });

  it('requires LogStarted first', async () => {
    const log = await createLogFile(tmp.file('run.jsonl'));
    expect(() => log.append(delivered('2026-01-06T00:00:00Z'))).toThrow('event 1: the first event must be LogStarted, not MessageDelivered');
    await log.abort();
  });

  it.each([
    ['time going backwards', delivered('2026-01-05T23:59:59.999Z'), 'at', /^at 2026-01-05T23:59:59.999Z is before the previous event's 2026-01-06T00:00:00Z$/],
    ['an invalid instant', delivered('2026-02-30T00:00:00Z'), 'at', /^at: expected an ISO-8601 UTC instant/],
    ['an unknown type', { ...delivered('2026-01-06T01:00:00Z'), type: 'Nope' }, 'type', /^type: unknown event type "Nope"$/],
    ['a wrong version', { ...delivered('2026-01-06T01:00:00Z'), v: 2 }, 'v', /^v: MessageDelivered has schema version 1, not 2$/],
    ['a bad actor', delivered('2026-01-06T01:00:00Z', { actor: 'no spaces' }), 'actor', /^actor: /],
    ['a cause in the future', delivered('2026-01-06T01:00:00Z', { cause: 2 }), 'cause', /^cause: 2 is not an earlier event$/],
    ['data its schema refuses', { ...delivered('2026-01-06T01:00:00Z'), data: { messageId: 'm 1' } }, 'data.messageId', /^data\.messageId: /],
    ['a missing field', fact('DisputeRaised', { at: '2026-01-06T01:00:00Z', actor: 'syria' }, { disputeId: 'd-1', against: 'israel', track: 'diplomatic' } as never), 'data.respondBy', /^data\.respondBy: /],
    ['array data', { ...delivered('2026-01-06T01:00:00Z'), data: [] }, 'data', /^data: /],
  ])('refuses %s with the reader’s words, and goes on without it', async (_name, bad, field, message) => {
    const path = tmp.file('run.jsonl');
    const log = await createLogFile(path);
    log.append(logStarted());
    const before = log.position;
    let error: unknown;
    try {
      log.append(bad as Fact);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FactError);
    const e = error as FactError;
    expect([e.code, e.seq, e.field]).toEqual(['LOG_FACT', 2, field]);
    expect(e.message.slice('event 2: '.length)).toMatch(message);
    expect(log.position).toEqual(before);
    log.appendAll(sampleFacts(5).slice(1));
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(5)));
  });

  it('reports a failed write as a LogIoError naming the target, and leaves nothing behind', async () => {
    const path = tmp.file('run.jsonl');
    const log = await createLogFile(path, { chunkBytes: 1024 });
    const facts = sampleFacts(1000);
    let error: unknown;
    try {
      log.appendAll(facts.slice(0, 300));
      // The disk fills up under the writer: its descriptor now points at /dev/full.
      const fd = descriptorOf(log.tempPath);
      closeSync(fd);
      expect(openSync('/dev/full', 'w')).toBe(fd);
      log.appendAll(facts.slice(300));
      await log.commit();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogIoError);
    expect((error as LogIoError).message).toBe(`${path}: cannot write: no space left on device (ENOSPC)`);
    await log.abort();
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('createLogFile with continueFrom', () => {
  const facts = sampleFacts(40);

  it('continues a log at any seq: the same bytes as writing the whole log at once', async () => {
    const source = tmp.file('a.jsonl', logText(facts.slice(0, 25)));
    for (const seq of [0, 1, 7, 24, 25]) {
      const path = tmp.file('b.jsonl');
      const log = await createLogFile(path, { continueFrom: { file: source, seq }, chunkBytes: 512 });
      expect(log.position.seq).toBe(seq);
      log.appendAll(facts.slice(seq));
      const summary = await log.commit();
      expect(readFileSync(path, 'utf8')).toBe(logText(facts));
      expect(summary.bytes).toBe(readFileSync(path).length);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual(['a.jsonl', 'b.jsonl']);
  });

  it('continues from the end by default, and reads across read chunks', async () => {
    const many = sampleFacts(6000); // more than one 1 MiB read chunk
    const source = tmp.file('a.jsonl', logText(many.slice(0, 5000)));
    const log = await createLogFile(tmp.file('b.jsonl'), { continueFrom: { file: source } });
    expect(log.position).toMatchObject({ seq: 5000, at: many[4999]?.at });
    log.appendAll(many.slice(5000));
    await log.commit();
    expect(readFileSync(tmp.file('b.jsonl'), 'utf8')).toBe(logText(many));
    expect(await verifyLog(tmp.file('b.jsonl'))).toMatchObject({ ok: true, events: 6000 });
  });

  it('can write over the very file it continues', async () => {
    const path = tmp.file('a.jsonl', logText(facts.slice(0, 10)));
    const log = await createLogFile(path, { continueFrom: { file: path } });
    log.appendAll(facts.slice(10));
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(facts));
  });

  it('refuses a source that does not verify before its seq, and leaves nothing', async () => {
    const lines = linesOf(logText(facts.slice(0, 10)));
    lines[4] = (lines[4] ?? '').replace('flight 1', 'flight 9');
    const source = tmp.file('a.jsonl', `${lines.join('\n')}\n`);
    const error = await createLogFile(tmp.file('b.jsonl'), { continueFrom: { file: source, seq: 8 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogFormatError);
    expect(error).toMatchObject({ kind: 'hash-mismatch', line: 5 });
    expect(readdirSync(tmp.dir)).toEqual(['a.jsonl']);
    // What follows the seq continued from is not read, so it does not matter.
    const log = await createLogFile(tmp.file('b.jsonl'), { continueFrom: { file: source, seq: 4 } });
    expect(log.position.seq).toBe(4);
    await log.abort();
  });

  it('with rules, audits what it copies (up to the seq, not after) and every fact it appends', async () => {
    const sound = soundFacts(20);
    // Line 12 recorded by world, which may not do it: content only, the chain is re-hashed.
    const source = tmp.file('a.jsonl', resealed(objectsOf(logText(sound)).map((o, i) => (i === 11 ? { ...o, actor: 'world' } : o))));
    const log = await createLogFile(tmp.file('b.jsonl'), { continueFrom: { file: source, seq: 11 }, rules: true });
    expect(log.position.seq).toBe(11);
    const byWorld = { ...(sound[11] as Fact), actor: 'world' } as Fact;
    expect(() => log.append(byWorld)).toThrow(new FactError(12, `NOT_ALLOWED: [${EVENT_COMMANDS[byWorld.type]}] a world (world) may not do this`, undefined, 'NOT_ALLOWED'));
    expect(log.position.seq).toBe(11);
    log.appendAll(sound.slice(11));
    await log.commit();
    expect(readFileSync(tmp.file('b.jsonl'), 'utf8')).toBe(logText(sound));
    const error = await createLogFile(tmp.file('c.jsonl'), { continueFrom: { file: source, seq: 12 }, rules: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rule', line: 12, rule: 'NOT_ALLOWED' });
    expect(readdirSync(tmp.dir).sort()).toEqual(['a.jsonl', 'b.jsonl']);
  });

  it('says when the source is shorter than the seq asked for', async () => {
    const source = tmp.file('a.jsonl', logText(facts.slice(0, 10)));
    const error = await createLogFile(tmp.file('b.jsonl'), { continueFrom: { file: source, seq: 12 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(`${source}: expected seq 12, log is at 10`);
    expect(readdirSync(tmp.dir)).toEqual(['a.jsonl']);
  });
});
