import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { machineDiagram } from '../../src/report/diagram/diagram.js';
import { tempDir } from '../fixtures/logs/build.js';
import { cli, hasStackTrace } from './inProcess.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('parley diagram', () => {
  it('prints Mermaid to stdout by default', async () => {
    const r = await cli(['diagram', 'dispute']);
    expect(r).toEqual({ code: 0, stdout: await machineDiagram('dispute', 'mermaid'), stderr: '' });
    expect(r.stdout.startsWith('stateDiagram-v2\n')).toBe(true);
  });

  it.each(['dot', 'svg'] as const)('prints --format %s', async (format) => {
    const r = await cli(['diagram', 'message', '--format', format]);
    expect(r).toEqual({ code: 0, stdout: await machineDiagram('message', format), stderr: '' });
  });

  it('writes --out atomically and prints nothing', async () => {
    const r = await cli(['diagram', 'ladder', '--format', 'svg', '--out', 'ladder.svg'], { cwd: tmp.dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const svg = readFileSync(join(tmp.dir, 'ladder.svg'), 'utf8');
    expect(svg).toBe(await machineDiagram('ladder', 'svg'));
    expect(svg.startsWith('<svg')).toBe(true);
  });

  it.each([
    [['diagram', 'treaty'], /'treaty' is invalid for argument 'machine'.*cell, message, dispute, ladder/],
    [['diagram', 'cell', '--format', 'png'], /'png' is invalid.*mermaid, dot, svg/],
    [['diagram'], /missing required argument 'machine'/],
  ])('%j: one-line usage error, exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('refuses an --out folder that does not exist (exit 2, nothing written)', async () => {
    const r = await cli(['diagram', 'cell', '--out', 'missing/cell.mmd'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parley: missing\/cell\.mmd: --out: the folder missing does not exist/);
  });

  it('has --help', async () => {
    const r = await cli(['diagram', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format <format> +output format \(choices: "mermaid", "dot", "svg"/);
    expect(r.stdout).toContain('<machine>');
  });
});
