import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, loadScenario, parseScenarioBytes } from '../../src/scenario/load.js';
import { PARIS } from './paris.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-scenario-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('loadScenario', () => {
  it('reads a file and hashes its exact bytes (a BOM included)', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(PARIS)]);
    const path = join(dir, 'paris.yaml');
    await writeFile(path, bytes);
    const result = await loadScenario(path);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.source).toBe(PARIS);
    expect(result.scenario.name).toBe('Paris 2026 joint fusion mechanism');
  });

  it('reports positions in the file it read', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, PARIS.replace('seed: 42', 'seed: -1'));
    const result = await loadScenario(path);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([`${path}:11:7: seed: must be at least 0`]);
  });

  it('turns a missing file into one issue at 0:0', async () => {
    const path = join(dir, 'nope.yaml');
    const result = await loadScenario(path);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([`${path}:0:0: no such file`]);
  });

  it('turns a directory into one issue at 0:0', async () => {
    const result = await loadScenario(dir);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `${dir}:0:0: is a directory, not a scenario file`,
    ]);
  });

  it('refuses an oversized file without reading it', async () => {
    const path = join(dir, 'big.yaml');
    await writeFile(path, `parley: 1\n#${'x'.repeat(5 * 1024 * 1024)}\n`);
    const result = await loadScenario(path);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `${path}:0:0: the file is 5242892 bytes; a scenario may be at most 262144 bytes (256 KiB)`,
    ]);
  });
});

describe('parseScenarioBytes', () => {
  it('rejects invalid UTF-8 with the position of the first bad byte', () => {
    const bytes = new Uint8Array([...utf8('parley: 1\nname: caf'), 0xe9, ...utf8('\n')]);
    const result = parseScenarioBytes(bytes, 'latin1.yaml');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'latin1.yaml:2:10: not valid UTF-8 (byte 0xe9): scenarios are UTF-8 text; is this a binary file?',
    ]);
  });

  it('rejects binary garbage', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const result = parseScenarioBytes(png, 'image.png');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'image.png:1:1: not valid UTF-8 (byte 0x89): scenarios are UTF-8 text; is this a binary file?',
    ]);
    const zeros = parseScenarioBytes(new Uint8Array(64), 'zeros.bin');
    expect(zeros.ok ? [] : zeros.issues.map(formatIssue)).toEqual([
      'zeros.bin:1:1: the character U+0000 is not allowed in YAML (is this a binary file?)',
    ]);
  });

  it('counts columns in characters, not bytes', () => {
    const bytes = new Uint8Array([...utf8('parley: 1\nname: Türkiye '), 0xff]);
    const result = parseScenarioBytes(bytes, 'x.yaml');
    expect(result.ok ? [] : result.issues[0]).toMatchObject({ line: 2, col: 15 });
  });
});
