import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fact, type Fact } from '../../src/core/catalogue.js';
import { FactError, LogIoError, WriterClosedError } from '../../src/log/errors.js';
import { openLogStream, type LogStream, type LogStreamOptions } from '../../src/log/logStream.js';
import { Sequencer } from '../../src/log/sequencer.js';
import { logText, sampleFacts, tempDir } from '../fixtures/logs/build.js';
import { removeSealWorkerScript, sealWorkerScript } from '../fixtures/logs/sealWorkerBuild.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());
afterAll(removeSealWorkerScript);

const modes: [string, () => URL | false][] = [
  ['on the calling thread', () => false],
  ['on a worker thread', sealWorkerScript],
];

async function write(path: string, facts: readonly Fact[], options: LogStreamOptions): Promise<LogStream> {
  const log = await openLogStream(path, options);
  for (const f of facts) log.append(f);
  return log;
}

/** The descriptor this process has open on `path` (found through /proc). */
function descriptorOf(path: string): number {
  const fds = readdirSync('/proc/self/fd').map(Number);
  const fd = fds.find((n) => {
    try {
      return readlinkSync(`/proc/self/fd/${n}`) === path;
    } catch {
      return false;
    }
  });
  if (fd === undefined) throw new Error(`no descriptor open on ${path}`);
  return fd;
}

describe.each(modes)('openLogStream %s', (_mode, worker) => {
  it('writes exactly the bytes createLogFile writes, whatever the batch and chunk sizes', async () => {
    const facts = sampleFacts(300);
    for (const sizes of [{}, { batchChars: 100, chunkBytes: 1000 }, { batchChars: 1, chunkBytes: 64 }]) {
      const path = tmp.file('run.jsonl');
      const log = await write(path, facts, { ...sizes, worker: worker() });
      expect(log.threaded).toBe(worker() !== false);
      expect(log.seq).toBe(300);
      const summary = await log.commit();
      const expected = new Sequencer();
      expected.sealAll(facts);
      expect(readFileSync(path, 'utf8')).toBe(logText(facts));
      expect(summary).toEqual({ ...expected.position, path, bytes: readFileSync(path).length });
    }
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('takes recorded events as they are: their own seq and hash are ignored', async () => {
    const path = tmp.file('run.jsonl');
    const recorded = sampleFacts(20).map((f, i) => ({ ...f, seq: 1000 + i, hash: 'not a hash' }));
    await (await write(path, recorded, { worker: worker() })).commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(20)));
  });

  it('refuses a bad fact with the Sequencer’s error and goes on without it', async () => {
    const path = tmp.file('run.jsonl');
    const facts = sampleFacts(10);
    const log = await write(path, facts.slice(0, 4), { worker: worker(), batchChars: 200 });
    const bad = fact('MessageDelivered', { at: '2026-01-01T00:00:00Z', actor: 'cell' }, { messageId: 'm-0' });
    const reference = new Sequencer();
    reference.sealAll(facts.slice(0, 4));
    expect(() => reference.seal(bad)).toThrow(FactError);
    let error: unknown;
    try {
      log.append(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FactError);
    expect((error as FactError).message).toBe('event 5: at 2026-01-01T00:00:00Z is before the previous event (2026-01-06T03:00:00Z)');
    expect((error as FactError).field).toBe('at');
    expect(() => log.append({ ...facts[4], data: { messageId: 'm', n: NaN } } as unknown as Fact)).toThrow('event 5: data.n: NaN has no JSON form');
    for (const f of facts.slice(4)) log.append(f);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(facts));
  });

  it('shows nothing at the target until commit; abort leaves the old file and no temp file', async () => {
    const path = tmp.file('run.jsonl', 'old\n');
    const log = await write(path, sampleFacts(2000), { worker: worker(), chunkBytes: 4096 });
    expect(log.tempPath).toBe(join(tmp.dir, `.run.jsonl.${process.pid}.tmp`));
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    await log.abort();
    await log.abort(); // idempotent
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
    expect(() => log.append(sampleFacts(1)[0] as Fact)).toThrow(WriterClosedError);
    await expect(log.commit()).rejects.toThrow(WriterClosedError);
  });

  it('refuses to commit a log without events', async () => {
    const log = await openLogStream(tmp.file('empty.jsonl'), { worker: worker() });
    await expect(log.commit()).rejects.toThrow('event 1: nothing to commit: a log starts with its LogStarted event');
    await log.abort();
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('fails with a typed error naming the path when the directory is missing', async () => {
    const path = join(tmp.dir, 'missing', 'run.jsonl');
    await expect(openLogStream(path, { worker: worker() })).rejects.toThrow(`${path}: cannot create: no such file or directory (ENOENT)`);
  });

  it('reports a failed write as a LogIoError naming the target, and leaves nothing behind', async () => {
    const path = tmp.file('run.jsonl');
    const log = await openLogStream(path, { worker: worker(), batchChars: 1000, chunkBytes: 1024 });
    // The disk fills up under the writer: its temp file's descriptor now points at /dev/full.
    const fd = descriptorOf(log.tempPath);
    closeSync(fd);
    expect(openSync('/dev/full', 'w')).toBe(fd);
    let error: unknown;
    try {
      for (const f of sampleFacts(500)) log.append(f);
      await log.commit();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogIoError);
    expect((error as LogIoError).message).toBe(`${path}: cannot write: no space left on device (ENOSPC)`);
    await log.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('openLogStream on a worker thread', () => {
  it('leaves nothing at the target when the worker dies before finishing', async () => {
    const dying = join(dirname(fileURLToPath(sealWorkerScript())), 'dying.js');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(3));\n");
    const path = tmp.file('run.jsonl', 'old\n');
    const log = await write(path, sampleFacts(40), { worker: pathToFileURL(dying), batchChars: 500 });
    await expect(log.commit()).rejects.toThrow('the log writer thread exited (code 3) before finishing the log');
    await log.abort();
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('reports a worker that cannot start, even when it is long gone by commit time', async () => {
    const broken = join(dirname(fileURLToPath(sealWorkerScript())), 'broken.js');
    writeFileSync(broken, "throw new Error('the writer cannot start');\n");
    const path = tmp.file('run.jsonl');
    const log = await write(path, sampleFacts(10), { worker: pathToFileURL(broken) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(log.commit()).rejects.toThrow('the writer cannot start');
    await log.abort();
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});
