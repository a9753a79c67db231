/**
 * `parley step`: the plain-text steps when not on a terminal, the interactive session driven
 * in-process by a scripted key source, time travel equal to `parley replay --until-seq`,
 * and bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { stateToJSON } from '../../src/core/state.js';
import { readEvents } from '../../src/log/readEvents.js';
import { formatStep } from '../../src/report/stepper/frame.js';
import { Stepper } from '../../src/report/stepper/stepper.js';
import { stepCommand } from '../../src/cli/step.js';
import { decodeKeys, type Terminal } from '../../src/cli/terminal.js';
import { tempDir } from '../fixtures/logs/build.js';
import { cli, hasStackTrace } from './inProcess.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const temp = tempDir('parley-step-');
let events: Recorded[] = [];

beforeAll(async () => {
  const r = await cli(['run', PARIS, '--out', 'paris.jsonl', '--quiet'], { cwd: temp.dir });
  expect(r.code).toBe(0);
  for await (const e of readEvents(join(temp.dir, 'paris.jsonl'))) events.push(e);
  expect(events.length).toBeGreaterThan(100);
});
afterAll(() => temp.cleanup());

const plain = [stepCommand(() => undefined)];

/** A terminal whose keys are `keys`, recording whether it was closed. */
function scripted(keys: readonly string[]): Terminal & { closed: boolean } {
  const t = {
    closed: false,
    keys: (async function* () {
      yield* keys;
    })(),
    rows: 40,
    columns: 160,
    close: () => {
      t.closed = true;
    },
  };
  return t;
}

/** The seq each screen drawn in `out` shows (`seq N of M`). */
function screens(out: string): number[] {
  return [...out.matchAll(/seq (\d+) of \d+/g)].map(([, n]) => Number(n));
}

describe('parley step, not on a terminal', () => {
  it('prints each step as plain text, from --at-seq, --count steps', async () => {
    const r = await cli(['step', 'paris.jsonl', '--at-seq', '9', '--count', '3'], { cwd: temp.dir, commands: plain });
    const s = new Stepper(events);
    const expected = [9, 10, 11].map((seq) => {
      s.goTo(seq);
      return formatStep(s.current()!);
    });
    expect(r).toEqual({ code: 0, stdout: expected.join(''), stderr: '' });
    expect(r.stdout).toContain('#10 ');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('gives the same steps from the scenario as from its log, to --until-seq', async () => {
    const fromLog = await cli(['step', 'paris.jsonl', '--until-seq', '40'], { cwd: temp.dir, commands: plain });
    const fromScenario = await cli(['step', PARIS, '--until-seq', '40'], { cwd: temp.dir, commands: plain });
    expect(fromScenario).toEqual(fromLog);
    expect(fromLog.stdout.match(/^#\d+ /gm)).toHaveLength(40);
  });
});

describe('parley step, interactive (scripted keys)', () => {
  it('moves with next, back, jump, search and dispute keys, and quits', async () => {
    const keys = ['n', 'space', 'right', 'left', 'b', 'g', '5', '0', 'enter', '/', 'R', 'u', 'l', 'e', 'd', 'enter', 'd', '?', '?', 'q', 'n'];
    const terminal = scripted(keys);
    const r = await cli(['step', 'paris.jsonl'], { cwd: temp.dir, commands: [stepCommand(() => terminal)] });
    expect(r.code).toBe(0);
    const s = new Stepper(events);
    s.goTo(50);
    s.find((e) => e.type.toLowerCase().includes('ruled'));
    const ruled = s.seq;
    s.nextDisputeChange();
    const dispute = s.seq;
    // One screen first, then one per key until q (the n after it is never read).
    expect(screens(r.stdout)).toEqual([1, 2, 3, 4, 3, 2, 2, 2, 2, 50, 50, 50, 50, 50, 50, 50, ruled, dispute, dispute, dispute]);
    expect(ruled).toBeGreaterThan(50);
    expect(events[ruled - 1]?.type).toBe('SupervisorRuled');
    expect(r.stdout).toContain('go to seq: 50_');
    expect(r.stdout).toContain('search event type: Ruled_');
    expect(r.stdout).toContain('q, Ctrl-C     quit');
    expect(terminal.closed).toBe(true);
  });

  it('says so at the ends, for a seq outside the history and a search that finds nothing', async () => {
    const last = events.length;
    const keys = ['b', 'b', 'g', '9', '9', '9', '9', '9', 'enter', 'g', String(last).slice(0, 1), ...String(last).slice(1), 'enter', 'n', '/', 'x', 'y', 'z', 'enter', 'escape', 'q'];
    const r = await cli(['step', 'paris.jsonl', '--at-seq', '1'], { cwd: temp.dir, commands: [stepCommand(() => scripted(keys))] });
    expect(r.stdout).toContain('at the start of the history');
    expect(r.stdout).toContain(`no seq 99999: the history runs from 0 to ${last}`);
    expect(r.stdout).toContain('at the end of the history');
    expect(r.stdout).toContain(`no event type containing "xyz" after seq ${last}`);
  });
});

describe('time travel equals parley replay --until-seq', () => {
  it('back N then forward N from seq p gives the state `parley replay --until-seq p --json` prints', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: events.length }), fc.double({ min: 0, max: 1, noNaN: true }), async (p, f) => {
        const n = Math.floor(f * p);
        const stepper = new Stepper(events, { snapshotEvery: 16 });
        stepper.goTo(p);
        for (let i = 0; i < n; i++) stepper.back();
        for (let i = 0; i < n; i++) stepper.next();
        const r = await cli(['replay', 'paris.jsonl', '--until-seq', String(p), '--json'], { cwd: temp.dir });
        expect(r.code).toBe(0);
        expect(JSON.parse(JSON.stringify(stateToJSON(stepper.state())))).toEqual(JSON.parse(r.stdout));
      }),
      { numRuns: 12 },
    );
  });
});

describe('parley step, bad input', () => {
  it.each([
    [['--at-seq', '0'], /^parley: --at-seq: 0 is outside the history \(seq 1 to \d+\)\n$/],
    [['--at-seq', '100000'], /^parley: --at-seq: 100000 is outside the history/],
    [['--until-seq', 'x'], /^parley: --until-seq: expected a whole number/],
    [['--seed', '3'], /^parley: --seed applies to a scenario; the log paris\.jsonl records its own seed\n$/],
    [['--max-events', '10'], /^parley: paris\.jsonl: more than 10 events; raise --max-events/],
  ])('%j: one line, exit 2', async (extra, message) => {
    const r = await cli(['step', 'paris.jsonl', ...extra], { cwd: temp.dir, commands: plain });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });

  it('reports a log that fails verification (exit 1) and shows nothing', async () => {
    const text = readFileSync(join(temp.dir, 'paris.jsonl'), 'utf8').replace('"severity":0.6', '"severity":0.7');
    writeFileSync(join(temp.dir, 'tampered.jsonl'), text);
    const r = await cli(['step', 'tampered.jsonl'], { cwd: temp.dir, commands: plain });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^parley: tampered\.jsonl:\d+: hash-mismatch: .*\(the log fails verification; nothing is shown\)\n$/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('reports a missing file and a bad scenario on one line, exit 2', async () => {
    const missing = await cli(['step', 'nope.jsonl'], { cwd: temp.dir, commands: plain });
    expect([missing.code, missing.stderr.split('\n').length]).toEqual([2, 2]);
    temp.file('bad.yaml', 'parley: 1\nname: x\n');
    const bad = await cli(['step', 'bad.yaml'], { cwd: temp.dir, commands: plain });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parley: bad\.yaml/);
  });

  it('has --help naming the keys', async () => {
    const r = await cli(['step', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('g N Enter go to seq N');
  });
});

describe('decodeKeys (raw terminal input)', () => {
  it('names arrows, Enter, Backspace, Esc and Ctrl-C, drops other escape sequences, keeps characters whole', () => {
    expect(decodeKeys('n\u001b[Cg12\r')).toEqual(['n', 'right', 'g', '1', '2', 'enter']);
    expect(decodeKeys('\u001b[D\u001bOC \u007f\b\u0003')).toEqual(['left', 'right', 'space', 'backspace', 'backspace', 'ctrl-c']);
    expect(decodeKeys('\u001b')).toEqual(['escape']);
    expect(decodeKeys('\u001b[15~\u001b[1;5Aq')).toEqual(['q']);
    expect(decodeKeys('é😀\u0001')).toEqual(['é', '😀']);
  });
});
