/**
 * A throwaway single-node Slurm cluster on localhost for the integration test: munge and
 * Slurm from Debian (installed when absent and possible), every file in a temp folder,
 * daemons started as the Debian binaries and stopped with SIGTERM to their pids. The settings
 * are those verified on these machines (shared LIBRARIES notes): munge's key 0400 owned by
 * munge, its socket folder 0755; `select/cons_tres` so array tasks run side by side;
 * `MinJobAge=5` and `batch_sched_delay=0` so `sbatch --wait` returns promptly.
 *
 * Slurm's ports (6817/6818) are fixed, so one such cluster can run per machine: a lock
 * folder in /tmp makes concurrent test runs wait for each other.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensurePackages } from '../support/debian.js';
import { alive, takeLock } from '../support/lock.js';

const LOCK = join(tmpdir(), 'parley-slurm-test.lock');
const BINARIES = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch', '/usr/bin/sinfo', '/usr/sbin/munged'];

const has = (path: string): boolean => existsSync(path);
const onPath = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * Makes sure Slurm and munge are installed. Returns why the test cannot run here, or
 * `undefined` when it can.
 */
export function slurmUnavailable(): string | undefined {
  return ensurePackages(['slurm-wlm', 'munge'], () => BINARIES.every(has) && onPath('runuser'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, timeoutMs: number, test: () => boolean): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`Slurm test cluster: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A running cluster. */
export interface Cluster {
  readonly dir: string;
  /** Environment for Slurm clients (`SLURM_CONF`). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts munge, slurmctld and slurmd with everything in a temp folder; resolves once the node is idle. */
export async function startCluster(): Promise<Cluster> {
  // Slurm's ports are fixed: wait for another test run's cluster to stop (or its runner to die).
  const release = await takeLock(LOCK, 300_000);
  const dir = mkdtempSync(join(tmpdir(), 'parley-slurm-'));
  chmodSync(dir, 0o755);
  const pids: string[] = [];
  const stop = async (): Promise<void> => {
    const running = pids.flatMap((f) => (existsSync(f) ? [Number(readFileSync(f, 'utf8').trim())] : [])).filter((p) => p > 0);
    for (const pid of running) if (alive(pid)) process.kill(pid, 'SIGTERM');
    const end = Date.now() + 15_000;
    while (running.some(alive) && Date.now() < end) await sleep(50);
    for (const pid of running) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    release();
  };
  try {
    const uid = Number(execFileSync('id', ['-u', 'munge']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'munge']).toString().trim());
    const munge = join(dir, 'munge');
    mkdirSync(munge, { mode: 0o755 });
    chownSync(munge, uid, gid);
    const key = join(munge, 'munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o400 });
    chownSync(key, uid, gid);
    const socket = join(munge, 'munge.socket');
    pids.push(join(munge, 'munged.pid'));
    execFileSync('runuser', ['-u', 'munge', '--', '/usr/sbin/munged', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${join(munge, 'munged.pid')}`, `--log-file=${join(munge, 'munged.log')}`, `--seed-file=${join(munge, 'munged.seed')}`]);
    await until('munged', 10_000, () => existsSync(socket));

    const host = hostname().split('.')[0] as string;
    const memory = Math.floor((totalmem() / 2 ** 20) * 0.9);
    for (const sub of ['state', 'spool']) mkdirSync(join(dir, sub));
    const conf = join(dir, 'slurm.conf');
    pids.push(join(dir, 'slurmctld.pid'), join(dir, 'slurmd.pid'));
    writeFileSync(
      conf,
      [
        'ClusterName=parleytest',
        `SlurmctldHost=${host}(127.0.0.1)`,
        'SlurmUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'MinJobAge=5',
        'SchedulerParameters=batch_sched_delay=0',
        'MailProg=/bin/true',
        'MpiDefault=none',
        'ReturnToService=2',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${availableParallelism()} RealMemory=${memory} State=UNKNOWN`,
        `PartitionName=parley Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    const env = { SLURM_CONF: conf };
    execFileSync('/usr/sbin/slurmctld', ['-f', conf, '-i', '-c'], { env: { ...process.env, ...env } });
    execFileSync('/usr/sbin/slurmd', ['-f', conf], { env: { ...process.env, ...env } });
    await until('the node to be idle', 20_000, () => {
      const r = spawnSync('/usr/bin/sinfo', ['-h', '-o', '%T'], { env: { ...process.env, ...env } });
      return r.status === 0 && r.stdout.toString().trim() === 'idle';
    });
    return { dir, env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
