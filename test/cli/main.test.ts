import { describe, expect, it } from 'vitest';
import type { RegisterCommand } from '../../src/cli/command.js';
import { CheckFailedError, EXIT, InputError, UsageError } from '../../src/cli/errors.js';
import { LogIoError } from '../../src/log/errors.js';
import { resolvePath } from '../../src/cli/io.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { cli, hasStackTrace } from './inProcess.js';

/** A command that throws whatever the test hands it. */
const throwing =
  (error: unknown): RegisterCommand =>
  (program) => {
    program
      .command('boom')
      .description('fails on purpose')
      .action(() => {
        throw error;
      });
  };

describe('main', () => {
  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${PARLEY_VERSION}\n`, stderr: '' });
    expect((await cli(['-V'])).stdout).toBe(`${PARLEY_VERSION}\n`);
  });

  it('prints help with the commands and exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: parley [options] [command]');
    expect(r.stdout).toContain('verify [options] <log>');
    expect(r.stdout).toContain('70  internal error');
    expect((await cli(['help', 'verify'])).stdout).toContain('Usage: parley verify');
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: parley');
  });

  it('rejects an unknown command or option with one line and exit 2', async () => {
    expect(await cli(['verfy', 'x'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "parley: unknown command 'verfy' (Did you mean verify?) (see 'parley --help')\n",
    });
    expect(await cli(['verify', 'x.jsonl', '--jsn'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "parley: unknown option '--jsn' (Did you mean --json?) (see 'parley verify --help')\n",
    });
    expect((await cli(['verify', 'a', 'b'])).stderr).toBe(
      "parley: too many arguments for 'verify'. Expected 1 argument but got 2. (see 'parley verify --help')\n",
    );
  });

  it('prints input errors as file:line:col, one problem per line, exit 2', async () => {
    const error = new InputError([
      { file: 'paris.yaml', line: 12, col: 5, what: 'horizon: expected a duration such as P180D' },
      { file: 'paris.yaml', line: 14, what: 'seed: expected an integer\n(got "x")' },
      { file: 'paris.yaml', what: 'parties: at least two are needed' },
    ]);
    expect(await cli(['boom'], { commands: [throwing(error)] })).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: [
        'parley: paris.yaml:12:5: horizon: expected a duration such as P180D',
        'parley: paris.yaml:14: seed: expected an integer (got "x")',
        'parley: paris.yaml: parties: at least two are needed',
        '',
      ].join('\n'),
    });
  });

  it('maps usage errors, check failures and log errors to their exit codes', async () => {
    const cases: [unknown, number, string][] = [
      [new UsageError('--runs must be a positive integer'), 2, 'parley: --runs must be a positive integer\n'],
      [new CheckFailedError('expectation ladderPeakAtMost crisis failed'), 1, 'parley: expectation ladderPeakAtMost crisis failed\n'],
      [new LogIoError('out/run.jsonl', 'cannot create: permission denied', 'EACCES'), 2, 'parley: out/run.jsonl: cannot create: permission denied (EACCES)\n'],
    ];
    for (const [error, code, stderr] of cases) {
      expect(await cli(['boom'], { commands: [throwing(error)] })).toEqual({ code, stdout: '', stderr });
    }
  });

  it('reports an unexpected error in one line with exit 70, the stack only with PARLEY_DEBUG=1', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const quiet = await cli(['boom'], { commands: [throwing(bug)] });
    expect(quiet).toEqual({
      code: 70,
      stdout: '',
      stderr: "parley: internal error: Cannot read properties of undefined (reading 'x') (set PARLEY_DEBUG=1 for the stack trace)\n",
    });
    expect(hasStackTrace(quiet.stderr)).toBe(false);
    const loud = await cli(['boom'], { commands: [throwing(bug)], env: { PARLEY_DEBUG: '1' } });
    expect(loud.code).toBe(70);
    expect(hasStackTrace(loud.stderr)).toBe(true);
    const thrownString = await cli(['boom'], { commands: [throwing('just a string')] });
    expect(thrownString.stderr).toBe('parley: internal error: just a string (set PARLEY_DEBUG=1 for the stack trace)\n');
  });

  it('returns the exit code a command sets', async () => {
    const setsOne: RegisterCommand = (program, ctx) => {
      program.command('check').action(() => {
        ctx.io.stdout('FAILED\n');
        ctx.setExit(EXIT.checkFailed);
      });
    };
    expect(await cli(['check'], { commands: [setsOne] })).toEqual({ code: 1, stdout: 'FAILED\n', stderr: '' });
  });

  it('keeps separate runs independent', async () => {
    const [a, b] = await Promise.all([cli(['--version']), cli(['nope'])]);
    expect([a.code, b.code]).toEqual([0, 2]);
  });
});

describe('resolvePath', () => {
  it('keeps relative paths as typed in the process directory and resolves them elsewhere', () => {
    const io = { stdout: () => undefined, stderr: () => undefined };
    expect(resolvePath(io, 'run.jsonl')).toBe('run.jsonl');
    expect(resolvePath({ ...io, cwd: process.cwd() }, 'out/run.jsonl')).toBe('out/run.jsonl');
    expect(resolvePath({ ...io, cwd: '/data' }, 'run.jsonl')).toBe('/data/run.jsonl');
    expect(resolvePath({ ...io, cwd: '/data' }, '/abs/run.jsonl')).toBe('/abs/run.jsonl');
  });
});
