/**
 * `parley run`, `validate` and `replay` end to end, in-process: outputs, exit codes, the log
 * written atomically, one-line errors with positions, no stack traces, nothing written on
 * bad input.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace } from './inProcess.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const dir = () => mkdtempSync(join(tmpdir(), 'parley-cli-'));

describe('parley run', () => {
  it('simulates, writes the log and prints the outcome summary', async () => {
    const cwd = dir();
    const r = await cli(['run', paris, '--out', 'paris.jsonl'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Parley outcomes: Paris 2026 joint fusion mechanism/);
    expect(r.stdout).toMatch(/misunderstandings caught/);
    expect(r.stdout).toMatch(/expectations: all met/);
    const log = readFileSync(join(cwd, 'paris.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(log[0] as string)).toMatchObject({
      seq: 1,
      type: 'LogStarted',
      v: 3,
      data: { seed: 42, scenario: { source: readFileSync(paris, 'utf8') }, overrides: [], rules: { ackDeadline: 'P1D' }, ladder: { cooling: { halfLife: 'P30D' } } },
    });
    expect(r.stdout).toContain(`log: paris.jsonl (${log.length} events`);
    expect(readdirSync(cwd)).toEqual(['paris.jsonl']);
  });

  it('--json prints outcomes, expectations and the log summary; --seed changes the run', async () => {
    const cwd = dir();
    const a = JSON.parse((await cli(['run', paris, '--json', '--no-out'], { cwd })).stdout);
    const b = JSON.parse((await cli(['run', paris, '--json', '--no-out', '--seed', '7'], { cwd })).stdout);
    expect(a).toMatchObject({ seed: 42, log: null, endedBy: 'horizon', expectations: { ok: true } });
    expect(b.seed).toBe(7);
    expect(b.outcomes).not.toEqual(a.outcomes);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes <scenario>.jsonl by default and the same bytes on a second run', async () => {
    const cwd = dir();
    expect((await cli(['run', paris, '--quiet'], { cwd })).code).toBe(0);
    const first = readFileSync(join(cwd, 'paris-2026.jsonl'));
    expect((await cli(['run', paris, '--quiet'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'paris-2026.jsonl')).equals(first)).toBe(true);
  });

  it('exits 1 and lists the failed expectation when one does not hold', async () => {
    const cwd = dir();
    const text = readFileSync(paris, 'utf8').replace('ladderPeakAtMost: armedIncident', 'ladderPeakAtMost: calm');
    writeFileSync(join(cwd, 'strict.yaml'), text);
    const r = await cli(['run', 'strict.yaml', '--no-out'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAIL ladderPeakAtMost: calm \(peak \w+\)/);
  });

  it('bad input: one line per problem with file:line:col, exit 2, nothing written', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'bad.yaml'), 'parley: 1\nname: x\nstart: 2026-01-01T00:00:00Z\nhorizon: P1M\nparites: {}\n');
    const r = await cli(['run', 'bad.yaml', '--out', 'out.jsonl'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^parley: bad\.yaml:4:10: horizon: .*/m);
    expect(r.stderr).toMatch(/^parley: bad\.yaml:5:1: .*parites.*did you mean "parties"/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(cwd, 'out.jsonl'))).toBe(false);
    expect(readdirSync(cwd)).toEqual(['bad.yaml']);
  });

  it('missing file, bad --seed: one line, exit 2', async () => {
    const missing = await cli(['run', 'nope.yaml'], { cwd: dir() });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const seed = await cli(['run', paris, '--seed', '-3'], { cwd: dir() });
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/--seed/);
  });
});

describe('parley run: limits', () => {
  const il20 = readFileSync(join(SCENARIOS, 'late-warning-il20.yaml'), 'utf8');
  const horizonLine = il20.split('\n').findIndex((l) => l.startsWith('horizon:')) + 1;

  it('refuses, before running, a horizon past the last instant a log records: validate and run alike, nothing written', async () => {
    for (const horizon of ['P10000000D', 'P99999999999999999999D']) {
      const cwd = dir();
      writeFileSync(join(cwd, 'long.yaml'), il20.replace(/^horizon: .*$/m, `horizon: ${horizon}`));
      for (const args of [['validate', 'long.yaml'], ['run', 'long.yaml', '--out', 'long.jsonl'], ['run', 'long.yaml', '--no-out']]) {
        const r = await cli(args, { cwd });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toBe(`parley: long.yaml:${horizonLine}:10: horizon: the run would end after 9999-12-31T23:59:59.999Z, the last instant a log can record: from this start the horizon may be at most P2915116D\n`);
        expect(r.stdout).toBe('');
      }
      expect(readdirSync(cwd)).toEqual(['long.yaml']);
    }
  });

  it('refuses a scenario over the event budget, naming the field and the budget', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'busy.yaml'), il20.replace(/every: P6D/, 'every: PT1S'));
    const r = await cli(['run', 'busy.yaml', '--no-out', '--json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parley: busy\.yaml:\d+:\d+: generators\[0\]\.every: the run would record about [\d,]+ events .* more than the event budget of 5,000,000/);
    const v = await cli(['validate', 'busy.yaml', '--json'], { cwd });
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, problems: [{ what: expect.stringMatching(/^generators\[0\]\.every: /) }] });
  });

  it('refuses a game whose rounds do not fit the horizon, saying how many do', async () => {
    const cwd = dir();
    const game = readFileSync(join(SCENARIOS, 'noise-tit-for-tat.yaml'), 'utf8').replace(/rounds: \d+/, 'rounds: 5000');
    writeFileSync(join(cwd, 'g.yaml'), game);
    const r = await cli(['run', 'g.yaml', '--no-out'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/game\.rounds: 5,000 rounds, one every P1D, need P5000D, but the horizon is P4000D: at most 4,000 rounds fit/);
  });

  it('a run stopped by the user\'s --max-events says so everywhere, even --quiet, and exits 0', async () => {
    const cwd = dir();
    // The Paris scenario without its expectations, which a run cut at 100 events need not meet.
    const source = readFileSync(paris, 'utf8');
    const scenario = join(cwd, 'paris.yaml');
    writeFileSync(scenario, source.slice(0, source.indexOf('\nexpect:') + 1));
    const quiet = await cli(['run', scenario, '--no-out', '--max-events', '100', '--quiet'], { cwd });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/^parley: the run stopped early at (\S+) with \d+ events recorded, at --max-events 100: the outcomes cover only the part simulated\n$/);
    const reached = /stopped early at (\S+) /.exec(quiet.stderr)?.[1] as string;
    const text = await cli(['run', scenario, '--no-out', '--max-events', '100'], { cwd });
    expect(text.stdout).toMatch(/^STOPPED EARLY: the run stopped early at /);
    expect(text.stdout).toContain(`simulated 2026-01-06T00:00:00Z to ${reached}`);
    const json = await cli(['run', scenario, '--no-out', '--max-events', '100', '--json'], { cwd });
    expect(json.stderr).toMatch(/stopped early/);
    expect(JSON.parse(json.stdout)).toMatchObject({ endedBy: 'stopped', reachedAt: reached, maxEvents: 100, outcomes: { period: { end: reached } } });
    const full = JSON.parse((await cli(['run', scenario, '--no-out', '--json'], { cwd })).stdout);
    expect(full).toMatchObject({ endedBy: 'horizon', reachedAt: '2026-07-05T00:00:00Z', refusedCount: 0 });
  });
});

describe('parley validate', () => {
  it('accepts every shipped scenario', async () => {
    for (const f of readdirSync(SCENARIOS).filter((x) => x.endsWith('.yaml'))) {
      const r = await cli(['validate', join(SCENARIOS, f)]);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^OK /);
    }
  });

  it('reports every problem at once; --json lists them', async () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 's.yaml'),
      'parley: 1\nname: x\nstart: 2026-01-01T00:00:00Z\nhorizon: P10D\nparties:\n  a: { name: A, policy: { kind: hawk } }\n  b: { name: B, policy: { kind: dove } }\nsupervisor: { id: us, name: US }\ntimeline:\n  - { at: 2026-01-02T00:00:00Z, dispute: { id: d, by: a, against: zed } }\n  - { at: 2026-01-03T00:00:00Z, incident: { id: i, kind: airstrike, by: a, against: b, severity: 2 } }\n',
    );
    const r = await cli(['validate', 's.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.yaml:10:\d+: timeline\[0\]\.dispute\.against: unknown party "zed"/);
    expect(r.stderr).toMatch(/s\.yaml:11:\d+: timeline\[1\]\.incident\.severity/);
    const j = await cli(['validate', 's.yaml', '--json'], { cwd });
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false });
    expect(JSON.parse(j.stdout).problems).toHaveLength(2);
  });
});

describe('parley replay', () => {
  it('prints the state at the end and at a given seq; --json gives the state object', async () => {
    const cwd = dir();
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd });
    const end = await cli(['replay', 'p.jsonl'], { cwd });
    expect(end.code).toBe(0);
    expect((await cli(['verify', '--deep', 'p.jsonl'], { cwd })).code).toBe(0);
    expect(end.stdout).toMatch(/simulation ended/);
    expect(end.stdout).toMatch(/cell: active/);
    const early = await cli(['replay', 'p.jsonl', '--until-seq', '4', '--json'], { cwd });
    const state = JSON.parse(early.stdout);
    expect(state.seq).toBe(4);
    expect(state.cell.machine.value).toHaveProperty('active');
    const past = await cli(['replay', 'p.jsonl', '--until-seq', '999999'], { cwd });
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/only \d+ events/);
  });

  it('a tampered log is reported with its line and exit 1, never replayed', async () => {
    const cwd = dir();
    await cli(['run', paris, '--out', 'p.jsonl', '--quiet'], { cwd });
    const lines = readFileSync(join(cwd, 'p.jsonl'), 'utf8').split('\n');
    lines[9] = (lines[9] as string).replace('"actor":"', '"actor":"x');
    writeFileSync(join(cwd, 'p.jsonl'), lines.join('\n'));
    const r = await cli(['replay', 'p.jsonl'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^parley: p\.jsonl:10: hash-mismatch/);
  });

  it('every command has --help', async () => {
    for (const c of ['run', 'validate', 'replay', 'verify']) {
      const r = await cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: parley ${c}`));
    }
  });
});
