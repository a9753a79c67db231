/**
 * `parley fork`: what a fork changes and from when, and every kind of bad input refused in
 * one line with its exit code and nothing written.
 */
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectsOf, resealed, tempDir } from '../fixtures/logs/build.js';
import { SCENARIO_DIR } from '../scenarios/run.js';
import { cli, hasStackTrace } from './inProcess.js';

const temp = tempDir('parley-fork-cli-');
const paris = join(SCENARIO_DIR, 'paris-2026.yaml');
const V1 = new URL('../fixtures/logs/v1/late-warning-il20.jsonl', import.meta.url).pathname;
let lines: string[] = [];
afterAll(() => temp.cleanup());
beforeAll(async () => {
  await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd: temp.dir });
  lines = readFileSync(join(temp.dir, 'p.jsonl'), 'utf8').split('\n').slice(0, -1);
});

type Line = { seq: number; at: string; type: string; actor: string; data: Record<string, unknown> };
const parse = (text: string): Line[] => text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as Line);
const fork = (args: readonly string[]) => cli(['fork', 'p.jsonl', ...args], { cwd: temp.dir });
const hours = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 3_600_000;

/** Runs a fork that must fail: its one-line error and exit code, and nothing written. */
async function refused(args: readonly string[], code: number, message: RegExp): Promise<void> {
  const before = readdirSync(temp.dir).sort();
  const r = await cli(['fork', ...args], { cwd: temp.dir });
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code, stdout: '' });
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n').every((l) => l.startsWith('parley: '))).toBe(true);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(readdirSync(temp.dir).sort()).toEqual(before);
}

describe('parley fork', () => {
  it('keeps the first N lines, records the change, and gives later messages the new deadline', async () => {
    const r = await fork(['--at-seq', '100', '--set', 'mechanism.ackDeadline=PT6H', '--out', 'six.jsonl', '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const report = JSON.parse(r.stdout);
    const out = readFileSync(join(temp.dir, 'six.jsonl'), 'utf8');
    expect(report).toMatchObject({ file: 'p.jsonl', atSeq: 100, kept: 100, changed: true, out: 'six.jsonl', endedBy: 'horizon' });
    expect(out.split('\n').slice(0, 100)).toEqual(lines.slice(0, 100));
    const events = parse(out);
    expect(events[100]).toMatchObject({ seq: 101, type: 'ParametersChanged', actor: 'sim', at: events[99]?.at, data: { overrides: [{ path: 'mechanism.ackDeadline', value: 'PT6H' }], rules: { ackDeadline: 'PT6H' } } });
    const sent = events.filter((e) => e.type === 'MessageSent');
    expect(sent.some((e) => e.seq > 100)).toBe(true);
    for (const e of sent) expect(hours(e.at, e.data.ackBy as string)).toBe(e.seq > 100 ? 6 : 24);
    expect((await cli(['verify', '--deep', 'six.jsonl'], { cwd: temp.dir })).code).toBe(0);
  });

  it('adds injected timeline entries at their instants, from a list or a timeline: key, and they may name what the log recorded', async () => {
    const at = parse(`${lines.join('\n')}\n`)[149]?.at as string;
    const incident = parse(`${lines.slice(0, 150).join('\n')}\n`).filter((e) => e.type === 'IncidentOccurred').at(-1)?.data.incidentId as string;
    writeFileSync(join(temp.dir, 'list.yaml'), `- at: ${at}\n  dispute: { id: injected-dispute, by: syria, against: israel, over: ${incident} }\n`);
    writeFileSync(join(temp.dir, 'keyed.yaml'), `timeline:\n  - { at: 2026-06-01T00:00:00Z, incident: { id: injected-strike, kind: airstrike, by: israel, against: syria } }\n`);
    for (const [file, id] of [['list.yaml', 'injected-dispute'], ['keyed.yaml', 'injected-strike']]) {
      const r = await fork(['--at-seq', '150', '--inject', file as string, '--out', `${file}.jsonl`]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/^forked p\.jsonl at seq 150 \(.*\) with the changes recorded \(ParametersChanged\): kept 150 events, added \d+; wrote .*\n$/);
      const events = parse(readFileSync(join(temp.dir, `${file}.jsonl`), 'utf8'));
      const first = events.find((e) => Object.values(e.data).includes(id));
      expect(first?.seq).toBeGreaterThan(151);
      expect((await cli(['verify', '--deep', `${file}.jsonl`], { cwd: temp.dir })).code).toBe(0);
    }
  });

  it('with --seed, the same past and another future', async () => {
    const r = await fork(['--at-seq', '60', '--seed', '99', '--out', 'reseeded.jsonl', '--quiet']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const out = readFileSync(join(temp.dir, 'reseeded.jsonl'), 'utf8').split('\n');
    expect(out.slice(0, 60)).toEqual(lines.slice(0, 60));
    expect(JSON.parse(out[60] as string)).toMatchObject({ type: 'ParametersChanged', data: { seed: 99, overrides: [], timeline: [] } });
    expect(out.slice(61).map((l) => l.replace(/"hash":"\w+"/, '')).join('\n')).not.toBe(lines.slice(60).map((l) => l.replace(/"hash":"\w+"/, '')).join('\n'));
  });

  it('forks a log written before LogStarted v2 given its scenario file, and says it needs one otherwise', async () => {
    const r = await cli(['fork', V1, '--at-seq', '30', '--scenario', join(SCENARIO_DIR, 'late-warning-il20.yaml'), '--out', 'v1.jsonl'], { cwd: temp.dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    // Its first 30 lines as they were; the rest is today's simulator continuing that run
    // (which has since learnt retaliation plans: not the v1 log's own continuation).
    const forked = readFileSync(join(temp.dir, 'v1.jsonl'), 'utf8').split('\n');
    expect(forked.slice(0, 30)).toEqual(readFileSync(V1, 'utf8').split('\n').slice(0, 30));
    expect(forked.length).toBeGreaterThan(31);
    expect((await cli(['verify', '--deep', 'v1.jsonl'], { cwd: temp.dir })).code).toBe(0);
    await refused([V1, '--at-seq', '30', '--out', 'x.jsonl'], 2, /does not record its scenario \(written before LogStarted v2\): give it with --scenario/);
  });

  it.each([
    [['--at-seq', '0'], /--at-seq 0: the log has events 1 to \d+/],
    [['--at-seq', '100000'], /--at-seq 100000: the log has events 1 to \d+/],
    [['--at-seq', 'ten'], /--at-seq: expected a whole number/],
    [['--set', 'mechanism.ackDeadlin=PT6H'], /--set: mechanism\.ackDeadlin: mechanism has no key "ackDeadlin"; did you mean "ackDeadline"\?/],
    [['--set', 'horizon=P10D'], /--set: horizon: cannot change in the middle of a run/],
    [['--set', 'parties.syria.name=Damascus'], /parties\.syria\.name: cannot change in the middle of a run/],
    [['--set', 'mechanism.ackDeadline=soon'], /--set mechanism\.ackDeadline=soon: mechanism\.ackDeadline: "soon" is not an ISO-8601 duration/],
    [['--set', 'fog.misattribution=0,0.5'], /fog\.misattribution: a fork takes one value per --set/],
    [['--scenario', join(SCENARIO_DIR, 'iprm-monthly.yaml')], /iprm-monthly\.yaml: its SHA-256 \w+… is not the one p\.jsonl records/],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const seq = args.includes('--at-seq') ? [] : ['--at-seq', '100'];
    await refused(['p.jsonl', ...seq, ...args, '--out', 'x.jsonl'], 2, message);
  });

  it('refuses the end of the run as a fork point, and an injection after the run\'s last step', async () => {
    await refused(['p.jsonl', '--at-seq', String(lines.length), '--out', 'x.jsonl'], 2, /that is the end of the run \(SimulationEnded\)/);
    // The event before SimulationEnded is the ladder's cooling up to the horizon, after every step.
    const last = parse(`${lines.join('\n')}\n`).at(-2) as Line;
    expect(last.type).toBe('LadderCooled');
    writeFileSync(join(temp.dir, 'late.yaml'), `- { at: ${last.at}, deescalation: { id: late-step, by: syria, kind: deescalation } }\n`);
    const seq = String(last.seq);
    await refused(['p.jsonl', '--at-seq', seq, '--inject', 'late.yaml', '--out', 'x.jsonl'], 2, /^parley: late\.yaml: only the run's end follows event \d+ .*fork at an earlier event\n$/);
    // A change of parameters there is allowed (nothing follows to change).
    expect((await fork(['--at-seq', seq, '--set', 'fog.misattribution=0', '--out', 'late.jsonl', '--quiet'])).code).toBe(0);
  });

  it('locates a bad injected entry in its file: before the fork instant, a typo, an unknown incident, an id in use', async () => {
    const forkAt = parse(`${lines.join('\n')}\n`)[199]?.at as string;
    writeFileSync(
      join(temp.dir, 'bad.yaml'),
      [
        '- at: 2026-01-07T00:00:00Z',
        '  deescalation: { id: early, by: syria, kind: deescalation }',
        `- at: ${forkAt}`,
        '  incidnt: { id: typo, kind: raid, by: syria, against: israel }',
        `- at: ${forkAt}`,
        '  dispute: { id: d-x, by: syria, against: israel, over: nowhere }',
        `- at: ${forkAt}`,
        '  incident: { id: quneitra-incursion, kind: raid, by: syria, against: israel }',
        '',
      ].join('\n'),
    );
    const before = readdirSync(temp.dir).sort();
    const r = await fork(['--at-seq', '200', '--inject', 'bad.yaml', '--out', 'x.jsonl']);
    expect(r.code).toBe(2);
    const problems = r.stderr.trimEnd().split('\n');
    expect(problems[0]).toMatch(/^parley: bad\.yaml:1:7: \[0\]\.at: 2026-01-07T00:00:00Z is before the fork instant .* \(the instant of seq 200\)$/);
    expect(problems.some((p) => /^parley: bad\.yaml:4:3: \[1\]\.incidnt: unknown key "incidnt"; did you mean "incident"\?/.test(p))).toBe(true);
    expect(problems.some((p) => /^parley: bad\.yaml:6:\d+: \[2\]\.dispute\.over: no incident "nowhere" in the timeline/.test(p))).toBe(true);
    expect(problems.some((p) => /^parley: bad\.yaml:8:\d+: \[3\]\.incident\.id: id "quneitra-incursion" is already used/.test(p))).toBe(true);
    expect(readdirSync(temp.dir).sort()).toEqual(before);
    writeFileSync(join(temp.dir, 'map.yaml'), 'incidents: []\n');
    await refused(['p.jsonl', '--at-seq', '10', '--inject', 'map.yaml', '--out', 'x.jsonl'], 2, /^parley: map\.yaml:1:1: expected a list of timeline entries/);
  });

  it('refuses an output that is the log itself or not a regular file', async () => {
    await refused(['p.jsonl', '--at-seq', '10', '--out', 'p.jsonl'], 2, /--out: is also an input of this command \(p\.jsonl\)/);
    symlinkSync(join(temp.dir, 'elsewhere.jsonl'), join(temp.dir, 'link.jsonl'));
    await refused(['p.jsonl', '--at-seq', '10', '--out', 'link.jsonl'], 2, /--out: is a symbolic link/);
    expect(existsSync(join(temp.dir, 'elsewhere.jsonl'))).toBe(false);
  });

  it('refuses a log that fails verify --deep (exit 2), and one this version does not re-simulate identically (exit 1)', async () => {
    const objects = objectsOf(`${lines.join('\n')}\n`);
    writeFileSync(join(temp.dir, 'edited.jsonl'), resealed(objects.map((o, i) => (i === 9 ? { ...o, actor: 'world' } : o))));
    await refused(['edited.jsonl', '--at-seq', '50', '--out', 'x.jsonl'], 2, /^parley: edited\.jsonl:10: NOT_ALLOWED: .* \(a fork starts from a log that passes verify --deep\)\n$/);
    // Another seed recorded: a log that verifies, but not the run its first event describes.
    const first = objects[0] as { data: Record<string, unknown> };
    writeFileSync(join(temp.dir, 'reseeded-log.jsonl'), resealed([{ ...first, data: { ...first.data, seed: 4242 } }, ...objects.slice(1)]));
    expect((await cli(['verify', '--deep', 'reseeded-log.jsonl'], { cwd: temp.dir })).code).toBe(0);
    await refused(['reseeded-log.jsonl', '--at-seq', '200', '--out', 'x.jsonl'], 1, /^parley: reseeded-log\.jsonl:\d+: re-simulated, event \d+ \(\w+\) is not the log's: the log was not produced by this Parley version from the plan it records/);
  });

  it('has help', async () => {
    const r = await cli(['fork', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--at-seq', '--inject', '--set', '--seed', '--scenario', '--out', '--json']) expect(r.stdout).toContain(option);
  });
});
