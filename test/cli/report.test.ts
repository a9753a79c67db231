/** `parley report`: writes one HTML file atomically; refuses bad input before writing anything. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { readEvents } from '../../src/log/readEvents.js';
import { renderReport } from '../../src/report/html/page.js';
import { objectsOf, resealed, tempDir } from '../fixtures/logs/build.js';
import { cli, hasStackTrace } from './inProcess.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const temp = tempDir('parley-report-');
const events: Recorded[] = [];

beforeAll(async () => {
  expect((await cli(['run', PARIS, '--out', 'paris.jsonl', '--quiet'], { cwd: temp.dir })).code).toBe(0);
  for await (const e of readEvents(join(temp.dir, 'paris.jsonl'))) events.push(e);
});
afterAll(() => temp.cleanup());

describe('parley report', () => {
  it('writes the report of a log and says where, how many events and how big', async () => {
    const r = await cli(['report', 'paris.jsonl', '--out', 'paris.html'], { cwd: temp.dir });
    const html = readFileSync(join(temp.dir, 'paris.html'), 'utf8');
    expect(html).toBe(await renderReport(events, { source: 'paris.jsonl' }));
    expect(r).toEqual({ code: 0, stdout: `report: paris.html (${events.length} events, ${Math.round(Buffer.byteLength(html) / 1024)} KiB)\n`, stderr: '' });
  });

  it('simulates a scenario (with --seed) and reports it like the log of the same run', async () => {
    expect((await cli(['run', PARIS, '--seed', '7', '--out', 'seed7.jsonl', '--quiet'], { cwd: temp.dir })).code).toBe(0);
    expect((await cli(['report', PARIS, '--seed', '7', '--out', 'from-scenario.html'], { cwd: temp.dir })).code).toBe(0);
    expect((await cli(['report', 'seed7.jsonl', '--out', 'from-log.html'], { cwd: temp.dir })).code).toBe(0);
    const strip = (f: string): string => readFileSync(join(temp.dir, f), 'utf8').replace(/"subtitle":"[^"]*"/, '').replace(/'sha256-[^']+'/g, '');
    expect(strip('from-scenario.html')).toBe(strip('from-log.html'));
  });

  it('reports a log that fails verification (exit 1) and writes nothing', async () => {
    writeFileSync(join(temp.dir, 'tampered.jsonl'), readFileSync(join(temp.dir, 'paris.jsonl'), 'utf8').replace('"severity":0.6', '"severity":0.5'));
    const r = await cli(['report', 'tampered.jsonl', '--out', 'tampered.html'], { cwd: temp.dir });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^parley: tampered\.jsonl:\d+: hash-mismatch: [^\n]*\n$/);
    expect(existsSync(join(temp.dir, 'tampered.html'))).toBe(false);
  });

  it('reports a verified log whose events the machines refuse (exit 1), for report and step alike', async () => {
    const objects = objectsOf(readFileSync(join(temp.dir, 'paris.jsonl'), 'utf8'));
    const ack = objects.findIndex((o) => o.type === 'MessageAcknowledged');
    objects[ack] = { ...objects[ack], data: { messageId: 'never-sent' } };
    writeFileSync(join(temp.dir, 'refused.jsonl'), resealed(objects));
    expect((await cli(['verify', 'refused.jsonl'], { cwd: temp.dir })).code).toBe(0);
    for (const argv of [['report', 'refused.jsonl', '--out', 'refused.html'], ['step', 'refused.jsonl']]) {
      const r = await cli(argv, { cwd: temp.dir });
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(new RegExp(`^parley: refused\\.jsonl: seq ${ack + 1}: the event cannot be folded: .*never-sent`));
    }
    expect(existsSync(join(temp.dir, 'refused.html'))).toBe(false);
  });

  it.each([
    [['report', 'paris.jsonl'], /required option '--out <file>' not specified/],
    [['report', 'paris.jsonl', '--out', 'x.html', '--seed', '-1'], /--seed|unknown option/],
    [['report', 'paris.jsonl', '--out', 'x.html', '--max-events', '50'], /^parley: paris\.jsonl: more than 50 events; raise --max-events/],
    [['report', 'paris.jsonl', '--out', 'paris.jsonl'], /--out: is also an input of this command \(paris\.jsonl\); nothing was written/],
    [['report', 'missing.jsonl', '--out', 'x.html'], /missing\.jsonl/],
    [['report', 'paris.jsonl', '--out', 'no/such/dir/x.html'], /--out: the folder no\/such\/dir does not exist/],
  ])('%j: one line, exit 2, nothing written', async (argv, message) => {
    const before = readdirSync(temp.dir).sort();
    const r = await cli(argv, { cwd: temp.dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readdirSync(temp.dir).sort()).toEqual(before);
  });

  it('has --help', async () => {
    const r = await cli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--out <file>');
  });
});
