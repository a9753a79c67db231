/**
 * Runs the simulator suite (bench/sim/main.ts) in a child process of its own and returns its
 * JSON result. `parley run` is a fresh process; the kernel suites that run before the
 * simulator in `npm run bench` leave a heap that has grown to gigabytes and a sweeper still
 * busy with it, and a simulation measured in that process measured those leftovers too
 * (in one run: 241k ev/s in-process against 315–334k in a fresh process, same machine).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorResults } from './results.js';

/** Options passed on to bench/sim/main.ts. */
export interface SimulatorChildOptions {
  readonly quick: boolean;
  readonly rounds: number;
  readonly dir: string;
}

/** The suite's result, or an error naming how the child failed. */
export function runSimulatorInChild(options: SimulatorChildOptions): Promise<SimulatorResults> {
  const script = fileURLToPath(new URL('./main.js', import.meta.url));
  const args = ['--json', '--rounds', String(options.rounds), '--dir', options.dir, ...(options.quick ? ['--quick'] : [])];
  const child = fork(script, args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trimEnd().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`simulator child exited with code ${String(code)}`));
      try {
        const parsed = JSON.parse(last) as { simulator?: SimulatorResults };
        if (!parsed.simulator) throw new Error('no "simulator" field');
        resolve(parsed.simulator);
      } catch (e) {
        reject(new Error(`simulator child: its last line is not the expected JSON (${e instanceof Error ? e.message : String(e)})`));
      }
    });
  });
}
