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

const pause = (ms = 2): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Appends `facts`; with a worker, pauses between facts until it has taken over (the
 * simulator never pauses, but a test has too few facts to outlast a worker's start-up).
 */
async function append(log: LogStream, facts: readonly Fact[], options: LogStreamOptions): Promise<void> {
  for (const f of facts) {
    log.append(f);
    if (options.worker && !log.threaded) await pause();
  }
}

async function write(path: string, facts: readonly Fact[], options: LogStreamOptions): Promise<LogStream> {
  const log = await openLogStream(path, options);
  await append(log, facts, options);
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

/** Points `fd` at /dev/full: the disk fills up under the writer. */
function fillDisk(fd: number): void {
  closeSync(fd);
  expect(openSync('/dev/full', 'w')).toBe(fd);
}

/** Each mode: its options (small batches so a worker takes over early) and whether it ends threaded. */
const modes: [string, () => LogStreamOptions, boolean][] = [
  ['on the calling thread', () => ({ worker: false }), false],
  ['handed over to a worker thread', () => ({ worker: sealWorkerScript(), threadAfter: 5, batchBytes: 600 }), true],
];

describe.each(modes)('openLogStream %s', (_mode, optionsOf, threaded) => {
  it('writes exactly the bytes createLogFile writes, whatever the batch and chunk sizes', async () => {
    const facts = sampleFacts(600);
    for (const sizes of [{}, { batchBytes: 100, chunkBytes: 1000, threadAfter: 40 }, { batchBytes: 1, chunkBytes: 64, threadAfter: 0 }]) {
      const path = tmp.file('run.jsonl');
      const log = await write(path, facts, { ...optionsOf(), ...sizes });
      expect(log.threaded).toBe(threaded);
      expect(log.seq).toBe(600);
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
    const recorded = sampleFacts(200).map((f, i) => ({ ...f, seq: 1000 + i, hash: 'not a hash' }));
    await (await write(path, recorded, optionsOf())).commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(200)));
  });

  it('refuses a bad fact with the Sequencer’s error and goes on without it', async () => {
    const path = tmp.file('run.jsonl');
    const facts = sampleFacts(300);
    const options = optionsOf();
    const log = await write(path, facts.slice(0, 200), options);
    const bad = fact('MessageDelivered', { at: '2026-01-01T00:00:00Z', actor: 'cell' }, { messageId: 'm-0' });
    const reference = new Sequencer();
    reference.sealAll(facts.slice(0, 200));
    let expected: unknown;
    try {
      reference.seal(bad);
    } catch (e) {
      expected = e;
    }
    let error: unknown;
    try {
      log.append(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FactError);
    expect(error).toEqual(expected);
    expect((error as FactError).message).toBe(`event 201: at 2026-01-01T00:00:00Z is before the previous event (${facts[199]?.at})`);
    expect((error as FactError).field).toBe('at');
    expect(() => log.append({ ...facts[200], data: { messageId: 'm', n: NaN } } as unknown as Fact)).toThrow('event 201: data.n: NaN has no JSON form');
    await append(log, facts.slice(200), options);
    expect(log.threaded).toBe(threaded);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(facts));
  });

  it('shows nothing at the target until commit; abort leaves the old file and no temp file', async () => {
    const path = tmp.file('run.jsonl', 'old\n');
    const log = await write(path, sampleFacts(2000), { ...optionsOf(), chunkBytes: 4096 });
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
    const log = await openLogStream(tmp.file('empty.jsonl'), optionsOf());
    await expect(log.commit()).rejects.toThrow('event 1: nothing to commit: a log starts with its LogStarted event');
    await log.abort();
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('fails with a typed error naming the path when the directory is missing', async () => {
    const path = join(tmp.dir, 'missing', 'run.jsonl');
    await expect(openLogStream(path, optionsOf())).rejects.toThrow(`${path}: cannot create: no such file or directory (ENOENT)`);
  });

  it('reports a failed write as a LogIoError naming the target, and leaves nothing behind', async () => {
    const path = tmp.file('run.jsonl');
    const options = { ...optionsOf(), chunkBytes: 1024 };
    const facts = sampleFacts(1000);
    const log = await openLogStream(path, options);
    const fd = descriptorOf(log.tempPath);
    let error: unknown;
    try {
      await append(log, facts.slice(0, 300), options);
      expect(log.threaded).toBe(threaded);
      fillDisk(fd);
      await append(log, facts.slice(300), options);
      await log.commit();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogIoError);
    // A writer thread may write in the instant between fillDisk's close and open: it then
    // meets a closed descriptor (EBADF) rather than the full disk. Either is a failed write.
    expect([
      `${path}: cannot write: no space left on device (ENOSPC)`,
      ...(threaded ? [`${path}: cannot write: system error (EBADF)`] : []),
    ]).toContain((error as LogIoError).message);
    await log.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('openLogStream with a worker thread', () => {
  const fixture = (name: string, source: string): URL => {
    const file = join(dirname(fileURLToPath(sealWorkerScript())), name);
    writeFileSync(file, source);
    return pathToFileURL(file);
  };

  it('leaves nothing at the target when the worker dies after taking over', async () => {
    const dying = fixture(
      'dying.js',
      [
        "import { workerData } from 'node:worker_threads';",
        "import { POSTED, READY } from './sealProtocol.js';",
        'const state = new Int32Array(workerData.state);',
        'Atomics.store(state, READY, 1);',
        // The first request is the start of the chain: die at the first batch of records.
        'while (Atomics.load(state, POSTED) < 2) Atomics.wait(state, POSTED, Atomics.load(state, POSTED), 100);',
        'process.exit(3);',
      ].join('\n'),
    );
    const path = tmp.file('run.jsonl', 'old\n');
    // Batches large enough to fit the ring's 16 slots: appending never waits for a worker that is gone.
    const log = await write(path, sampleFacts(200), { worker: dying, threadAfter: 0, batchBytes: 4000 });
    expect(log.threaded).toBe(true);
    await expect(log.commit()).rejects.toThrow('the log writer thread exited (code 3) before finishing the log');
    await log.abort();
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir)).toEqual(['run.jsonl']);
  });

  it('writes the whole log on the calling thread when the worker cannot start', async () => {
    const broken = fixture('broken.js', "throw new Error('the writer cannot start');\n");
    const path = tmp.file('run.jsonl');
    const log = await openLogStream(path, { worker: broken, threadAfter: 0, batchBytes: 500 });
    for (const f of sampleFacts(100)) {
      log.append(f);
      await pause();
    }
    expect(log.threaded).toBe(false);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(100)));
  });

  it('writes the whole log on the calling thread when the worker cannot even be created', async () => {
    const path = tmp.file('run.jsonl');
    const log = await write(path, sampleFacts(100), { worker: new URL('https://parley.invalid/sealThread.js'), threadAfter: 0, batchBytes: 500 });
    expect(log.threaded).toBe(false);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(100)));
  });

  it('never starts a worker for a short log', async () => {
    const path = tmp.file('run.jsonl');
    const log = await write(path, sampleFacts(50), { worker: sealWorkerScript(), threadAfter: 1000, batchBytes: 1 });
    expect(log.threaded).toBe(false);
    await log.commit();
    expect(readFileSync(path, 'utf8')).toBe(logText(sampleFacts(50)));
  });
});
