/**
 * `parley verify --deep`: the one semantic check of a log (it replaced `replay --check`).
 * Every shipped scenario's log passes it at several seeds; a content edit is named at its
 * own line with the rule it breaks, in the one-line form and in `--json`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventType } from '../../src/core/catalogue.js';
import { EVENT_COMMANDS } from '../../src/core/commandFor.js';
import { verifyLog } from '../../src/log/verify.js';
import { objectsOf, resealed, tempDir } from '../fixtures/logs/build.js';
import { SCENARIO_DIR } from '../scenarios/run.js';
import { cli, hasStackTrace } from './inProcess.js';

const temp = tempDir('parley-verify-deep-');
afterAll(() => temp.cleanup());
const paris = join(SCENARIO_DIR, 'paris-2026.yaml');

describe('parley verify --deep', () => {
  it("every shipped scenario's log passes it, at several seeds", async () => {
    const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      for (const seed of [1, 42, 31337]) {
        const out = `${file}-${seed}.jsonl`;
        const run = await cli(['run', join(SCENARIO_DIR, file), '--seed', String(seed), '--out', out, '--quiet'], { cwd: temp.dir });
        expect(run.stderr.includes('internal error'), `${file} at seed ${seed}`).toBe(false);
        const report = await verifyLog(join(temp.dir, out), { deep: true });
        expect(report, `${file} at seed ${seed}`).toMatchObject({ ok: true });
      }
    }
  });

  it('names an edit at line 10 at line 10, with its seq, the rule and decide\'s words; exit 1', async () => {
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd: temp.dir });
    const objects = objectsOf(readFileSync(join(temp.dir, 'p.jsonl'), 'utf8'));
    const line10 = objects[9] as Record<string, unknown>;
    expect(line10.type).not.toBe('IncidentOccurred');
    // Re-hashed: only the content is wrong, and a plain verify passes it.
    writeFileSync(join(temp.dir, 'edited.jsonl'), resealed(objects.map((o, i) => (i === 9 ? { ...o, actor: 'world' } : o))));
    expect((await cli(['verify', 'edited.jsonl'], { cwd: temp.dir })).code).toBe(0);
    const r = await cli(['verify', '--deep', 'edited.jsonl'], { cwd: temp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`parley: edited.jsonl:10 (seq 10): NOT_ALLOWED: [${commandOf(line10.type as string)}] a world (world) may not do this\n`);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const j = await cli(['verify', '--deep', '--json', 'edited.jsonl'], { cwd: temp.dir });
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({
      file: 'edited.jsonl',
      ok: false,
      line: 10,
      seq: 10,
      kind: 'rule',
      rule: 'NOT_ALLOWED',
      message: `[${commandOf(line10.type as string)}] a world (world) may not do this`,
      eventsBefore: 9,
    });
  });

  it('names the field of a deadline the recorded rules do not give', async () => {
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd: temp.dir });
    const objects = objectsOf(readFileSync(join(temp.dir, 'p.jsonl'), 'utf8'));
    const i = objects.findIndex((o) => o.type === 'MessageSent');
    const sent = objects[i] as { data: { ackBy: string } };
    const later = new Date(Date.parse(sent.data.ackBy) + 3_600_000).toISOString().replace('.000Z', 'Z');
    writeFileSync(join(temp.dir, 'late.jsonl'), resealed(objects.map((o, j) => (j === i ? { ...o, data: { ...sent.data, ackBy: later } } : o))));
    const r = await cli(['verify', '--deep', '--json', 'late.jsonl'], { cwd: temp.dir });
    expect(JSON.parse(r.stdout)).toMatchObject({
      line: i + 1,
      kind: 'rule',
      rule: 'DIFFERS_FROM_RULES',
      field: 'data.ackBy',
      message: `[log] MessageSent differs from what the rules give: ackBy is ${later}, but the acknowledgement deadline (P1D) gives ${sent.data.ackBy}`,
    });
  });

  it('prints OK and what it checked for a sound log', async () => {
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd: temp.dir });
    const r = await cli(['verify', '--deep', 'p.jsonl'], { cwd: temp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK p\.jsonl: \d+ events, last seq \d+ at .*, hash [0-9a-f]{12}…, every fact as the rules give it\n$/);
  });

  it('replay --check is gone: verify --deep is the one semantic check, and replay --help says so', async () => {
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd: temp.dir });
    const r = await cli(['replay', 'p.jsonl', '--check'], { cwd: temp.dir });
    // One line, exit 2, nothing printed on stdout: the option says where the check went.
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'parley: --check: replay no longer checks the rules; run parley verify --deep p.jsonl\n']);
    const help = (await cli(['replay', '--help'])).stdout;
    expect(help).toMatch(/parley verify --deep <log> \(it replaced replay --check\)/);
    expect(help).not.toMatch(/^\s+--check/m);
    expect((await cli(['verify', '--help'])).stdout).toContain('--deep');
  });
});

/** The command behind an event type, as decide's messages name it. */
const commandOf = (type: string): string => EVENT_COMMANDS[type as EventType];
