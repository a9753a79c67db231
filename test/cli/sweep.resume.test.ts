/**
 * `parley sweep --resume`: a file cut anywhere after its header (a sweep interrupted, or
 * killed in the middle of a write) continues to exactly the bytes of an uninterrupted sweep,
 * without redoing or duplicating a run; a file of another sweep is refused untouched.
 */
import { copyFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './inProcess.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const cwd = mkdtempSync(join(tmpdir(), 'parley-resume-'));
const ARGS = ['sweep', paris, '--runs', '12', '--set', 'mechanism.enabled=true,false', '--seed', '3'];
let full: Buffer;
let fullSummary: string;
const summaryOf = (stdout: string) => stdout.slice(stdout.indexOf('\ncell 0'));

beforeAll(async () => {
  const r = await cli([...ARGS, '--out', 'full.csv'], { cwd });
  expect(r.code).toBe(0);
  full = readFileSync(join(cwd, 'full.csv'));
  fullSummary = summaryOf(r.stdout);
});

describe('parley sweep --resume', () => {
  it('continues a file cut at any byte after its header to the uninterrupted bytes and summary (property)', async () => {
    const headerEnd = full.indexOf('\n', full.indexOf('\n') + 1) + 1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: headerEnd, max: full.length }), async (cut) => {
        copyFileSync(join(cwd, 'full.csv'), join(cwd, 'cut.csv'));
        truncateSync(join(cwd, 'cut.csv'), cut);
        const kept = full.subarray(0, cut).toString().split('\n').length - 3;
        const r = await cli([...ARGS, '--out', 'cut.csv', '--resume'], { cwd });
        expect([r.code, r.stderr]).toEqual([0, '']);
        expect(readFileSync(join(cwd, 'cut.csv')).equals(full)).toBe(true);
        if (kept > 0) expect(r.stdout).toContain(`${kept} read back from cut.csv`);
        if (full[cut - 1] !== 10) expect(r.stdout).toMatch(/a partial last line of \d+ bytes was cut off/);
        expect(summaryOf(r.stdout)).toBe(fullSummary);
      }),
      { numRuns: 12 },
    );
  });

  it('runs nothing on a finished file, and starts a missing one', async () => {
    copyFileSync(join(cwd, 'full.csv'), join(cwd, 'done.csv'));
    const r = await cli([...ARGS, '--out', 'done.csv', '--resume'], { cwd });
    expect(r.stdout).toContain('runs    24 of 24: 24 read back from done.csv, 0 run now');
    expect(r.stdout).toContain('24 read back from done.csv');
    expect(readFileSync(join(cwd, 'done.csv')).equals(full)).toBe(true);
    const fresh = await cli([...ARGS, '--out', 'new.csv', '--resume'], { cwd });
    expect(fresh.code).toBe(0);
    expect(readFileSync(join(cwd, 'new.csv')).equals(full)).toBe(true);
  });

  it.each([
    [['--seed', '4'], 'seed'],
    [['--runs', '13'], 'runs'],
    [['--set', 'fog.misattribution=0.2'], 'grid'],
    [['--shard', '1/2'], 'shard'],
  ])('refuses to continue a file of another sweep (%j) and leaves it alone', async (change, field) => {
    copyFileSync(join(cwd, 'full.csv'), join(cwd, 'other.csv'));
    truncateSync(join(cwd, 'other.csv'), full.length - 100);
    const args = [...ARGS];
    const at = args.indexOf(change[0] as string);
    if (at >= 0) args.splice(at, 2, ...change);
    else args.push(...change);
    const r = await cli([...args, '--out', 'other.csv', '--resume'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`parley: other.csv:1: the file is from another sweep (its ${field} differs); refusing to resume it\n`);
    expect(readFileSync(join(cwd, 'other.csv')).equals(full.subarray(0, full.length - 100))).toBe(true);
  });

  it('without --resume, refuses to start over a file of the same sweep, and replaces any other file', async () => {
    copyFileSync(join(cwd, 'full.csv'), join(cwd, 'again.csv'));
    truncateSync(join(cwd, 'again.csv'), full.length - 100);
    const r = await cli([...ARGS, '--out', 'again.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parley: again.csv:1: holds rows of this same sweep: continue it with --resume, or remove the file to start over\n');
    expect(readFileSync(join(cwd, 'again.csv')).equals(full.subarray(0, full.length - 100))).toBe(true);
    writeFileSync(join(cwd, 'again.csv'), 'an old note\n');
    expect((await cli([...ARGS, '--out', 'again.csv'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'again.csv')).equals(full)).toBe(true);
  });

  it('refuses a file whose rows are not the runs in order', async () => {
    const lines = full.toString().split('\n');
    const swapped = [...lines.slice(0, 3), lines[4], lines[3], ...lines.slice(5)].join('\n');
    writeFileSync(join(cwd, 'bad.csv'), swapped);
    const r = await cli([...ARGS, '--out', 'bad.csv', '--resume'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parley: bad.csv:4: line 4 holds run 2, expected run 1\n');
    writeFileSync(join(cwd, 'bad.csv'), 'hello\n');
    expect((await cli([...ARGS, '--out', 'bad.csv', '--resume'], { cwd })).stderr).toMatch(/bad\.csv:1: line 1 is not the identity line/);
  });
});
