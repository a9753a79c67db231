import { readdirSync, truncateSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFormatError, LogIoError } from '../../src/log/errors.js';
import { readLines, type Line, type ReadLinesOptions } from '../../src/log/reader.js';
import { tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function collect(path: string, options: ReadLinesOptions = {}): Promise<{ lines: Line[]; error?: unknown }> {
  const lines: Line[] = [];
  try {
    for await (const l of readLines(path, options)) lines.push(l);
  } catch (error) {
    return { lines, error };
  }
  return { lines };
}

function formatError(error: unknown): LogFormatError {
  expect(error).toBeInstanceOf(LogFormatError);
  return error as LogFormatError;
}

describe('readLines', () => {
  it('yields numbered lines without their newlines', async () => {
    const path = tmp.file('a.txt', 'one\ntwo\n\nfour ✓\r\n');
    expect((await collect(path)).lines).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
      { line: 3, text: '' },
      { line: 4, text: 'four ✓\r' },
    ]);
  });

  it('splits correctly whatever the chunk size, multi-byte characters included', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '✓', '\u{1F600}', ' ', '"'), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), async (texts, chunkBytes) => {
        const path = tmp.file('p.txt', texts.map((t) => `${t}\n`).join(''));
        const { lines, error } = await collect(path, { chunkBytes });
        expect(error).toBeUndefined();
        expect(lines.map((l) => l.text)).toEqual(texts);
      }),
      { numRuns: 100 },
    );
  });

  it('names the first line over the limit, whatever the chunk size (ASCII and not)', async () => {
    const line = fc.oneof(fc.string({ unit: fc.constantFrom('a', '{', '"', ' '), maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'é'), maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 10 }), async (texts, chunkBytes, maxLineBytes) => {
        const path = tmp.file('m.txt', texts.map((t) => `${t}\n`).join(''));
        const { lines, error } = await collect(path, { chunkBytes, maxLineBytes });
        const bad = texts.findIndex((t) => Buffer.byteLength(t) > maxLineBytes);
        expect(lines.map((l) => l.text)).toEqual(bad === -1 ? texts : texts.slice(0, bad));
        if (bad === -1) expect(error).toBeUndefined();
        else expect([formatError(error).kind, formatError(error).line]).toEqual(['too-long', bad + 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('yields nothing for an empty file', async () => {
    expect(await collect(tmp.file('empty.txt', ''))).toEqual({ lines: [] });
  });

  it('reports a torn last line after yielding the whole ones', async () => {
    const { lines, error } = await collect(tmp.file('torn.txt', 'a\nb\n{"seq":3,"at'), { chunkBytes: 4 });
    expect(lines.map((l) => l.text)).toEqual(['a', 'b']);
    const e = formatError(error);
    expect([e.kind, e.line, e.code]).toEqual(['torn-line', 3, 'LOG_FORMAT']);
    expect(e.message).toBe(`${e.path}:3: torn-line: line 3 has no final newline (an interrupted write?)`);
  });

  it('rejects a 2 MiB line with the 1 MiB limit', async () => {
    const path = tmp.file('long.txt', `short\n${'x'.repeat(2 * 1024 * 1024)}\nafter\n`);
    const { lines, error } = await collect(path);
    expect(lines.map((l) => l.text)).toEqual(['short']);
    const e = formatError(error);
    expect([e.kind, e.line]).toEqual(['too-long', 2]);
    expect(e.detail).toBe('line 2 is longer than 1 MiB');
  });

  it('rejects a 100 MB line after reading only past the limit (sparse file)', async () => {
    const path = tmp.file('huge.txt', 'x');
    truncateSync(path, 100 * 1024 * 1024); // no newline anywhere, and no disk used
    const e = formatError((await collect(path)).error);
    expect([e.kind, e.line]).toEqual(['too-long', 1]);
  });

  it('applies a custom limit counting UTF-8 bytes', async () => {
    const path = tmp.file('limit.txt', `${'é'.repeat(5)}\n${'é'.repeat(6)}\n`);
    const e = formatError((await collect(path, { maxLineBytes: 10 })).error);
    expect([e.kind, e.line, e.detail]).toEqual(['too-long', 2, 'line 2 is longer than 10 bytes']);
  });

  it('names the first line that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\nfine ✓\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\nlater\n')]);
    for (const chunkBytes of [3, 1024]) {
      const { lines, error } = await collect(tmp.file('bad.txt', bytes), { chunkBytes });
      const e = formatError(error);
      expect([e.kind, e.line]).toEqual(['encoding', 3]);
      expect(lines.map((l) => l.text)).toEqual(['ok', 'fine ✓']);
    }
  });

  it('treats NUL bytes as binary data', async () => {
    const { lines, error } = await collect(tmp.file('nul.txt', 'a\nb\0c\n'));
    expect(lines).toEqual([{ line: 1, text: 'a' }]);
    const e = formatError(error);
    expect([e.kind, e.line, e.detail]).toEqual(['encoding', 2, 'line 2 contains a NUL byte (binary data, not a log)']);
  });

  it('fails with a typed error naming a missing file or a directory', async () => {
    const missing = `${tmp.dir}/nope.jsonl`;
    const e1 = (await collect(missing)).error as LogIoError;
    expect(e1).toBeInstanceOf(LogIoError);
    expect([e1.code, e1.errno, e1.message]).toEqual([
      'LOG_IO',
      'ENOENT',
      `${missing}: cannot read: no such file or directory (ENOENT)`,
    ]);
    const e2 = (await collect(tmp.dir)).error as LogIoError;
    expect([e2.errno, e2.message]).toEqual(['EISDIR', `${tmp.dir}: cannot read: is a directory (EISDIR)`]);
  });

  it('closes the file when the consumer stops early', async () => {
    const path = tmp.file('many.txt', 'a\n'.repeat(1000));
    const openFiles = () => readdirSync('/dev/fd').length;
    const before = openFiles();
    for await (const l of readLines(path, { chunkBytes: 16 })) if (l.line === 3) break;
    expect(openFiles()).toBe(before);
  });
});
