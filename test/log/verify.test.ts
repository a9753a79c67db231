import { readFileSync, statSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogProblemKind } from '../../src/log/errors.js';
import { verifyLog, type VerifyFailure } from '../../src/log/verify.js';
import { linesOf, logText, objectsOf, resealed, sampleFacts, tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const good = logText(sampleFacts(8));
const lines = linesOf(good);
const objects = () => objectsOf(good);
const joined = (ls: readonly string[]) => `${ls.join('\n')}\n`;

async function failure(content: string | Uint8Array): Promise<VerifyFailure> {
  const report = await verifyLog(tmp.file('log.jsonl', content));
  expect(report.ok).toBe(false);
  return report as VerifyFailure;
}

function expectProblem(f: VerifyFailure, kind: LogProblemKind, line: number, extra: Partial<VerifyFailure> = {}): void {
  expect({ kind: f.kind, line: f.line, eventsBefore: f.eventsBefore }).toEqual({ kind, line, eventsBefore: line - 1 });
  expect(f).toMatchObject(extra);
}

describe('verifyLog', () => {
  it('accepts a log as the writer writes it and summarises it', async () => {
    const last = objects()[7] as { hash: string; at: string };
    expect(await verifyLog(tmp.file('log.jsonl', good))).toEqual({
      ok: true,
      events: 8,
      lastSeq: 8,
      lastHash: last.hash,
      lastAt: last.at,
    });
  });

  it('finds a deleted line as a seq gap', async () => {
    const f = await failure(joined(lines.filter((_, i) => i !== 3)));
    expectProblem(f, 'seq-gap', 4, { seq: 5, message: 'expected seq 4, found 5 (missing or moved lines)' });
  });

  it('finds a seq gap even when the forger re-chained the hashes', async () => {
    expectProblem(await failure(resealed(objects().filter((_, i) => i !== 3))), 'seq-gap', 4);
  });

  it('finds a duplicated line', async () => {
    const f = await failure(joined([...lines.slice(0, 3), lines[2] as string, ...lines.slice(3)]));
    expectProblem(f, 'seq-duplicate', 4, { seq: 3, message: 'seq 3 after seq 3 (duplicated or reordered line)' });
  });

  it('finds swapped lines at the first moved line', async () => {
    const swapped = [...lines];
    [swapped[4], swapped[5]] = [swapped[5] as string, swapped[4] as string];
    expectProblem(await failure(joined(swapped)), 'seq-gap', 5, { seq: 6 });
  });

  it('finds events moved with their seqs renumbered as time going backwards', async () => {
    const os = objects();
    const [a, b] = [os[2] as Record<string, unknown>, os[3] as Record<string, unknown>];
    os[2] = { ...b, seq: 3 };
    os[3] = { ...a, seq: 4 };
    const f = await failure(resealed(os));
    expectProblem(f, 'time-backwards', 4, { seq: 4 });
    expect(f.message).toBe("at 2026-01-06T02:00:00Z is before the previous event's 2026-01-06T03:00:00Z");
  });

  it('finds an edited field as a hash mismatch on that line', async () => {
    const edited = [...lines];
    edited[1] = (edited[1] as string).replace('flight 0', 'flight 9');
    const f = await failure(joined(edited));
    expectProblem(f, 'hash-mismatch', 2, { seq: 2 });
    expect(f.message).toMatch(/^hash [0-9a-f]{12}… does not chain from the previous line/);
  });

  it('finds an edited line whose own hash was recomputed at the next line', async () => {
    const os = objects();
    const forged = resealed([...os.slice(0, 2), { ...os[2], actor: 'us' }]);
    const f = await failure(forged + joined(lines.slice(3)));
    expectProblem(f, 'hash-mismatch', 4);
  });

  it('names the field of a schema problem', async () => {
    const os = objects();
    os[2] = { ...os[2], data: { messageId: 'not an id!' } };
    const f = await failure(resealed(os));
    expectProblem(f, 'schema', 3, { seq: 3, field: 'data.messageId' });
    expect(f.message).toMatch(/^data\.messageId: "not an id!" is not a valid id/);
  });

  it('rejects an unknown event type', async () => {
    const os = objects();
    os[3] = { ...os[3], type: 'MessageTeleported' };
    expectProblem(await failure(resealed(os)), 'schema', 4, {
      field: 'type',
      message: 'type: unknown event type "MessageTeleported"',
    });
  });

  it('rejects a line without hash and a cause pointing forward', async () => {
    const os = objects();
    const { hash: _h, ...unhashed } = os[5] as Record<string, unknown>;
    expectProblem(await failure(resealed([...os.slice(0, 5), unhashed])), 'schema', 6, { field: 'hash' });
    os[2] = { ...os[2], cause: 7 };
    expectProblem(await failure(resealed(os)), 'schema', 3, { field: 'cause' });
  });

  it('requires LogStarted first', async () => {
    const f = await failure(resealed(objects().slice(1).map((o, i) => ({ ...o, seq: i + 1, cause: undefined }))));
    expectProblem(f, 'first-event', 1, { message: 'the first event must be LogStarted, not MessageSent' });
  });

  it('reports a line that is not JSON', async () => {
    expectProblem(await failure(joined([lines[0] as string, 'not json', ...lines.slice(1)])), 'json', 2);
    expectProblem(await failure(joined([lines[0] as string, ''])), 'json', 2, {
      message: 'empty line (expected one JSON event per line)',
    });
  });

  it('reports a torn last line', async () => {
    const f = await failure(good.slice(0, -1));
    expectProblem(f, 'torn-line', 8);
    expect(f.eventsBefore).toBe(7);
  });

  it('reports an empty file', async () => {
    const f = await failure('');
    expect(f).toMatchObject({ kind: 'empty', line: 1, eventsBefore: 0 });
  });

  it('reports binary garbage as an encoding problem', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff]);
    expectProblem(await failure(png), 'encoding', 1);
  });

  it('reports invalid UTF-8 inside a line', async () => {
    const bytes = Buffer.from(joined(lines));
    const lineStart = bytes.indexOf(lines[4] as string); // line 5 is a MessageSent with a subject
    bytes[bytes.indexOf('ünïcödé', lineStart)] = 0xff;
    expectProblem(await failure(bytes), 'encoding', 5);
  });

  it('reports a line over 1 MiB', async () => {
    const f = await failure(joined([lines[0] as string, `{"pad":"${'x'.repeat(1024 * 1024)}"}`]));
    expectProblem(f, 'too-long', 2, { message: 'line 2 is longer than 1 MiB' });
  });

  it('reports a missing file as io', async () => {
    const report = await verifyLog(`${tmp.dir}/missing.jsonl`);
    expect(report).toEqual({
      ok: false,
      line: 0,
      kind: 'io',
      message: 'cannot read: no such file or directory (ENOENT)',
      eventsBefore: 0,
    });
  });

  it('never modifies the file', async () => {
    const path = tmp.file('log.jsonl', good.slice(0, -1));
    const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };
    await verifyLog(path);
    expect({ bytes: readFileSync(path), mtime: statSync(path).mtimeMs }).toEqual(before);
  });

  it('catches any single edit at the edited line', async () => {
    const path = tmp.file('edited.jsonl');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('at', 'actor', 'data', 'cause', 'seq'),
        fc.oneof(fc.constantFrom('2026-01-06T03:30:00Z', 'us', 'syria', 4, 1), fc.record({ messageId: fc.constantFrom('m-0', 'm-2') })),
        async (index, key, value) => {
          const os = objects();
          const before = JSON.stringify(os[index]);
          os[index] = { ...os[index], [key]: value };
          fc.pre(JSON.stringify(os[index]) !== before); // a real change
          writeFileSync(path, os.map((o) => `${JSON.stringify(o)}\n`).join(''));
          const report = await verifyLog(path);
          expect(report).toMatchObject({ ok: false, line: index + 1 });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('verifyLog progress', () => {
  it('reports the bytes read as it goes, ending at the file size', async () => {
    const path = tmp.file('log.jsonl', good);
    const seen: number[] = [];
    const report = await verifyLog(path, { onBytes: (b) => seen.push(b) });
    expect(report.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((b, i) => i === 0 || b >= (seen[i - 1] as number))).toBe(true);
    expect(seen.at(-1)).toBe(statSync(path).size);
  });
});
