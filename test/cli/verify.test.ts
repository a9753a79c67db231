import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linesOf, logText, sampleFacts, tempDir } from '../fixtures/logs/build.js';
import { cli, hasStackTrace } from './inProcess.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const good = logText(sampleFacts(6));
const last = JSON.parse(linesOf(good)[5] as string) as { hash: string; at: string };

describe('parley verify', () => {
  it('prints a one-line OK summary and exits 0', async () => {
    tmp.file('run.jsonl', good);
    const r = await cli(['verify', 'run.jsonl'], { cwd: tmp.dir });
    expect(r).toEqual({
      code: 0,
      stdout: `OK run.jsonl: 6 events, last seq 6 at ${last.at}, hash ${last.hash.slice(0, 12)}…\n`,
      stderr: '',
    });
  });

  it('names the file, line and kind of the first bad line and exits 1', async () => {
    tmp.file('run.jsonl', good.replace('flight 0', 'flight 1'));
    const r = await cli(['verify', 'run.jsonl'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^parley: run\.jsonl:2: hash-mismatch: hash [0-9a-f]{12}… does not chain [^\n]*\n$/);
  });

  it.each([
    ['a seq gap', linesOf(good).filter((_, i) => i !== 2), 'run.jsonl:3: seq-gap: expected seq 3, found 4'],
    ['a schema problem', [linesOf(good)[0] as string, '{"seq":2}'], 'run.jsonl:2: schema: '],
    ['a line that is not JSON', [linesOf(good)[0] as string, 'hello'], 'run.jsonl:2: json: not JSON'],
  ])('exits 1 for %s', async (_name, lines, expected) => {
    tmp.file('run.jsonl', `${lines.join('\n')}\n`);
    const r = await cli(['verify', 'run.jsonl'], { cwd: tmp.dir });
    expect([r.code, r.stderr.startsWith(`parley: ${expected}`)]).toEqual([1, true]);
  });

  it('exits 1 for a torn last line', async () => {
    tmp.file('run.jsonl', good.slice(0, -1));
    const r = await cli(['verify', 'run.jsonl'], { cwd: tmp.dir });
    expect(r).toMatchObject({ code: 1, stderr: 'parley: run.jsonl:6: torn-line: line 6 has no final newline (an interrupted write?)\n' });
  });

  it.each([
    ['missing', undefined, 'parley: nope.jsonl: io: cannot read: no such file or directory (ENOENT)\n'],
    ['empty', '', 'parley: nope.jsonl:1: empty: the log is empty (a log starts with LogStarted)\n'],
    ['binary', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x0a]), 'parley: nope.jsonl:1: encoding: line 1 is not valid UTF-8 (binary data?)\n'],
  ])('exits 2 for %s input', async (_name, content, stderr) => {
    if (content !== undefined) tmp.file('nope.jsonl', content);
    const r = await cli(['verify', 'nope.jsonl'], { cwd: tmp.dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 2 for a directory', async () => {
    const r = await cli(['verify', tmp.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`parley: ${tmp.dir}: io: cannot read: is a directory (EISDIR)\n`);
  });

  it('prints the report as JSON with --json, keeping the exit code', async () => {
    tmp.file('run.jsonl', good);
    const ok = await cli(['verify', 'run.jsonl', '--json'], { cwd: tmp.dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ file: 'run.jsonl', ok: true, events: 6, lastSeq: 6, lastHash: last.hash, lastAt: last.at });
    tmp.file('bad.jsonl', `${linesOf(good).slice(1).join('\n')}\n`);
    const bad = await cli(['verify', '--json', 'bad.jsonl'], { cwd: tmp.dir });
    expect([bad.code, bad.stderr]).toEqual([1, '']);
    expect(JSON.parse(bad.stdout)).toEqual({
      file: 'bad.jsonl',
      ok: false,
      line: 1,
      seq: 2,
      kind: 'seq-gap',
      message: 'expected seq 1, found 2 (missing or moved lines)',
      eventsBefore: 0,
    });
  });

  it('never prints a stack trace', async () => {
    for (const content of ['', 'x', '\u0000', good.slice(0, 40), '{"seq":1}\n']) {
      tmp.file('x.jsonl', content);
      const r = await cli(['verify', 'x.jsonl'], { cwd: tmp.dir });
      expect(r.code).toBeGreaterThan(0);
      expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('has help', async () => {
    const r = await cli(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: parley verify [options] <log>');
    expect(r.stdout).toContain('--json');
  });

  it('rejects a missing argument as a usage error', async () => {
    const r = await cli(['verify']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "parley: missing required argument 'log' (see 'parley verify --help')\n",
    });
  });
});
