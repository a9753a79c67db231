/**
 * On a real Slurm cluster (single node, localhost): the sweep submitted as a 4-task job array
 * with `--shard auto`, its parts merged, equals the unsharded sweep byte for byte. Skipped,
 * with the reason printed, only where Slurm cannot be installed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBin, parley, ROOT } from '../cli/built.js';
import { slurmUnavailable, startCluster, type Cluster } from './cluster.js';

const unavailable = slurmUnavailable();
if (unavailable) console.warn(`SKIPPED the Slurm integration test: ${unavailable}`);

const paris = join(ROOT, 'scenarios/paris-2026.yaml');
const SWEEP = ['sweep', paris, '--runs', '25', '--set', 'mechanism.enabled=true,false', '--set', 'fog.misattribution=0.1,0.4', '--quiet'];

describe.skipIf(unavailable !== undefined)('parley sweep on Slurm', () => {
  let cluster: Cluster | undefined;
  let bin = '';

  beforeAll(async () => {
    bin = await builtBin();
    cluster = await startCluster();
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('a 4-task job array with --shard auto, merged, is the unsharded sweep byte for byte', async () => {
    const c = cluster as Cluster;
    const words = [process.execPath, bin, ...SWEEP, '--shard', 'auto', '--out', 'part-$SLURM_ARRAY_TASK_ID.csv'];
    const script = join(c.dir, 'sweep.sh');
    writeFileSync(script, `#!/bin/sh\nexec ${words.map((w) => (w.startsWith('part-') ? w : `'${w}'`)).join(' ')}\n`, { mode: 0o755 });
    execFileSync('/usr/bin/sbatch', ['--wait', '--array=0-3', `--chdir=${c.dir}`, `--output=${join(c.dir, 'task-%a.out')}`, script], {
      env: { ...process.env, ...c.env },
      timeout: 120_000,
    });
    const parts = readdirSync(c.dir).filter((f) => /^part-\d\.csv$/.test(f)).sort();
    expect(parts).toEqual(['part-0.csv', 'part-1.csv', 'part-2.csv', 'part-3.csv']);
    // Each task found its shard from the array's environment.
    const shards = parts.map((p) => JSON.parse(readFileSync(join(c.dir, p), 'utf8').split('\n')[0]?.replace('#parley-sweep ', '') ?? '').shard);
    expect(shards.map((s: { index: number; count: number }) => `${s.index}/${s.count}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);

    const merged = await parley(bin, ['merge', ...parts.reverse(), '--out', 'all.csv'], c.dir);
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    const whole = await parley(bin, [...SWEEP, '--out', 'whole.csv'], c.dir);
    expect(whole.code).toBe(0);
    const all = readFileSync(join(c.dir, 'all.csv'));
    expect(all.toString().split('\n')).toHaveLength(2 + 100 + 1);
    expect(all.equals(readFileSync(join(c.dir, 'whole.csv')))).toBe(true);
  }, 180_000);
});
