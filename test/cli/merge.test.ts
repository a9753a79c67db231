/**
 * Shards and `parley merge`: the parts of a sweep run with --shard i/n (or --shard auto from
 * a Slurm array or a Kubernetes Indexed Job) merge into exactly the unsharded sweep's bytes;
 * parts that do not make one whole sweep are refused and nothing is written.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardRange } from '../../src/explore/shard.js';
import { cli } from './inProcess.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const cwd = mkdtempSync(join(tmpdir(), 'parley-merge-'));
const ARGS = ['sweep', paris, '--runs', '7', '--set', 'mechanism.enabled=true,false', '--quiet'];

beforeAll(async () => {
  for (const ext of ['csv', 'jsonl']) {
    expect((await cli([...ARGS, '--out', `whole.${ext}`], { cwd })).code).toBe(0);
    for (let i = 1; i <= 4; i++) expect((await cli([...ARGS, '--shard', `${i}/4`, '--out', `part-${i}.${ext}`], { cwd })).code).toBe(0);
  }
  expect((await cli([...ARGS, '--seed', '5', '--shard', '2/4', '--out', 'other-2.csv'], { cwd })).code).toBe(0);
});

describe('parley merge', () => {
  it.each(['csv', 'jsonl'])('%s: the parts, in any order, merge into the unsharded bytes', async (ext) => {
    const r = await cli(['merge', `part-3.${ext}`, `part-1.${ext}`, `part-4.${ext}`, `part-2.${ext}`, '--out', `all.${ext}`], { cwd });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`merged 4 shards: 14 runs of ${paris} → all.${ext}\n`);
    expect(readFileSync(join(cwd, `all.${ext}`)).equals(readFileSync(join(cwd, `whole.${ext}`)))).toBe(true);
  });

  it('a merged file is the whole sweep: --resume on it runs nothing and judges it', async () => {
    await cli(['merge', 'part-1.csv', 'part-2.csv', 'part-3.csv', 'part-4.csv', '--out', 'judged.csv'], { cwd });
    const r = await cli([...ARGS.slice(0, -1), '--out', 'judged.csv', '--resume'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('runs    14 of 14: 14 read back from judged.csv, 0 run now (nothing left to run)');
  });

  it.each([
    [['part-1.csv', 'part-2.csv', 'part-4.csv'], /^parley: parley merge: shard 3 of 4 is missing; nothing was written\n$/],
    [['part-1.csv', 'part-2.csv', 'part-2.csv', 'part-3.csv', 'part-4.csv'], /part-2\.csv:1: is shard 2 of 4, and so is part-2\.csv/],
    [['part-1.csv', 'other-2.csv', 'part-3.csv', 'part-4.csv'], /other-2\.csv:1: is from another sweep than part-1\.csv \(its seed differs\)/],
    [['whole.csv', 'part-1.csv'], /whole\.csv:1: is a whole sweep, not a shard/],
    [['part-1.csv', 'part-2.jsonl'], /part-2\.jsonl: is not a \.csv file like --out/],
  ])('refuses %j with one line and writes nothing', async (parts, message) => {
    const r = await cli(['merge', ...parts, '--out', 'refused.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(cwd, 'refused.csv'))).toBe(false);
  });

  it('refuses an unfinished shard, or one cut mid-line, pointing at --resume', async () => {
    copyFileSync(join(cwd, 'part-2.csv'), join(cwd, 'cut-2.csv'));
    const size = readFileSync(join(cwd, 'part-2.csv')).length;
    truncateSync(join(cwd, 'cut-2.csv'), size - 1);
    const partial = await cli(['merge', 'part-1.csv', 'cut-2.csv', 'part-3.csv', 'part-4.csv', '--out', 'refused.csv'], { cwd });
    expect(partial.stderr).toMatch(/cut-2\.csv:\d+: ends with a partial line: finish that shard with --resume first/);
    const text = readFileSync(join(cwd, 'part-2.csv'), 'utf8');
    truncateSync(join(cwd, 'cut-2.csv'), text.lastIndexOf('\n', text.length - 2) + 1);
    const short = await cli(['merge', 'part-1.csv', 'cut-2.csv', 'part-3.csv', 'part-4.csv', '--out', 'refused.csv'], { cwd });
    expect(short.stderr).toMatch(/shard 2 of 4 is unfinished: it holds runs 3 to 5 of 3 to 6; finish it with --resume/);
    expect(existsSync(join(cwd, 'refused.csv'))).toBe(false);
  });

  it('refuses to overwrite one of its parts', async () => {
    const r = await cli(['merge', 'part-1.csv', 'part-2.csv', '--out', 'part-1.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is also an input of this command/);
  });
});

describe('shards', () => {
  it('split any sweep into contiguous blocks that cover it once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(10_000), (n, total) => {
        let at = 0;
        for (let i = 1; i <= n; i++) {
          const r = shardRange({ index: i, count: n }, total);
          expect(r.from).toBe(at);
          expect(r.to - r.from).toBeGreaterThanOrEqual(Math.floor(total / n));
          expect(r.to - r.from).toBeLessThanOrEqual(Math.ceil(total / n));
          at = r.to;
        }
        expect(at).toBe(total);
      }),
    );
  });

  it('--shard auto reads Slurm arrays by the task id\'s position, and Indexed Jobs with a given count', () => {
    const slurm = (id: number, count: number, min: number, max: number, step?: number) => ({
      SLURM_ARRAY_TASK_ID: String(id),
      SLURM_ARRAY_TASK_COUNT: String(count),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_MAX: String(max),
      ...(step === undefined ? {} : { SLURM_ARRAY_TASK_STEP: String(step) }),
    });
    expect(parseShard('auto', slurm(2, 4, 0, 3, 1))).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto', slurm(3, 4, 1, 4))).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto', slurm(20, 4, 0, 30, 10))).toEqual({ index: 3, count: 4 });
    // What Slurm 22.05 sets for --array=1,3,7 (task 3): the list itself is not in the environment.
    expect(() => parseShard('auto', slurm(3, 3, 1, 7, 1))).toThrow(/are not a range, so task 3 cannot know its position; submit with --array=0-2 and --shards 3/);
    // With --shards, task ids are the shard numbers from 0: a failed task can be rerun alone.
    expect(parseShard('auto', slurm(2, 1, 2, 2), 4)).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0' }, 3)).toEqual({ index: 1, count: 3 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '4', PARLEY_SHARDS: '5' })).toEqual({ index: 5, count: 5 });
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '1' })).toThrow(/give the number of shards .* --shards N or PARLEY_SHARDS/);
    expect(() => parseShard('auto', {})).toThrow(/neither SLURM_ARRAY_TASK_ID .* nor JOB_COMPLETION_INDEX/);
  });

  it('a Slurm-style environment gives the same part as the explicit shard', async () => {
    const env = { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_STEP: '1' };
    expect((await cli([...ARGS, '--shard', 'auto', '--out', 'auto-2.csv'], { cwd, env })).code).toBe(0);
    expect(readFileSync(join(cwd, 'auto-2.csv')).equals(readFileSync(join(cwd, 'part-2.csv')))).toBe(true);
  });
});
