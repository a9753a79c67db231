/**
 * Bad input to `parley sweep`: a one-line error naming what is wrong, exit 2, no stack trace,
 * and nothing written (an existing --out file is left as it was).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace } from './inProcess.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');

describe('parley sweep: bad input', () => {
  it.each([
    ['an unknown --set path', ['--set', 'fog.misatribution=0.1'], /^parley: .*paris-2026\.yaml: --set fog\.misatribution: fog has no key "misatribution"; did you mean "misattribution"\?$/],
    ['an unknown party', ['--set', 'parties.isreal.policy.kind=hawk'], /parties has no key "isreal"; did you mean "israel"\?$/],
    ['a value of the wrong type', ['--set', 'mechanism.ackDeadline=PT6H,12'], /--set mechanism\.ackDeadline=12: mechanism\.ackDeadline: expected a string, found the number 12$/],
    ['a value out of range', ['--set', 'fog.misattribution=0.1,2'], /--set fog\.misattribution=2: fog\.misattribution: .*at most 1/],
    ['an unknown policy kind', ['--set', 'parties.israel.policy.kind=falcon'], /--set parties\.israel\.policy\.kind=falcon: parties\.israel\.policy\.kind/],
    ['an empty grid', ['--set', 'fog.misattribution='], /--set fog\.misattribution: no value given \(an empty grid\)/],
    ['--set without =', ['--set', 'fog.misattribution'], /expected path=value/],
    ['a prototype key', ['--set', '__proto__.x=1'], /the key "__proto__" is not allowed/],
    ['--runs 0', ['--runs', '0'], /^parley: --runs: expected at least 1 run per grid cell, got 0$/],
    ['--runs not a number', ['--runs', 'many'], /^parley: --runs: expected a whole number/],
    ['a shard outside 1..n', ['--shard', '5/4'], /^parley: --shard: shard 5 is outside 1\.\.4 \(shards are numbered from 1\)$/],
    ['shard 0', ['--shard', '0/4'], /shard 0 is outside 1\.\.4/],
    ['a malformed shard', ['--shard', '2of4'], /expected i\/n \(shard i of n, numbered from 1\) or auto/],
    ['--shard auto outside a scheduler', ['--shard', 'auto'], /neither SLURM_ARRAY_TASK_ID .* nor JOB_COMPLETION_INDEX/],
    ['--shards without --shard auto', ['--shards', '4'], /--shards: only goes with --shard auto/],
    ['an output that is neither .csv nor .jsonl', ['--out', 'rows.txt'], /rows\.txt: --out: expected a \.csv or \.jsonl file$/],
    ['--workers not a number', ['--workers', 'lots'], /--workers: expected a whole number/],
    ['--seed beyond 32 bits', ['--seed', '4294967296'], /--seed: expected a whole number between 0 and 4294967295/],
  ])('%s: one line, exit 2, nothing written', async (_what, args, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-bad-'));
    const hasOut = args.includes('--out');
    const argv = ['sweep', paris, ...(args.includes('--runs') ? [] : ['--runs', '3']), ...args, ...(hasOut ? [] : ['--out', 'rows.csv'])];
    const r = await cli(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--resume or --shard without --out', async () => {
    expect((await cli(['sweep', paris, '--runs', '2', '--resume'])).stderr).toBe('parley: --resume: needs --out: the file to continue\n');
    expect((await cli(['sweep', paris, '--runs', '2', '--shard', '1/2'])).stderr).toMatch(/--shard: needs --out/);
  });

  it('leaves an existing --out file alone when the input is bad', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parley-bad-'));
    writeFileSync(join(cwd, 'rows.csv'), 'precious\n');
    const r = await cli(['sweep', paris, '--runs', '2', '--set', 'fog.misattribution=7', '--out', 'rows.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(readFileSync(join(cwd, 'rows.csv'), 'utf8')).toBe('precious\n');
    expect(readdirSync(cwd)).toEqual(['rows.csv']);
  });

  it('a missing --runs is a usage error', async () => {
    const r = await cli(['sweep', paris]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--runs <n>' not specified/);
  });
});
