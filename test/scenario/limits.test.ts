/**
 * Limits are stated and checked before anything runs (src/scenario/limits.ts): instants a
 * log can record, game rounds that fit the horizon, and the event budget. Each problem names
 * the field to change and the limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { DEFAULT_EVENT_BUDGET, estimateEvents, EVENTS_PER_INCIDENT } from '../../src/scenario/limits.js';
import { formatIssue, parseScenario } from '../../src/scenario/load.js';
import { runPlan } from '../../src/sim/simulation.js';

const DIR = new URL('../../scenarios/', import.meta.url).pathname;
const IL20 = readFileSync(`${DIR}late-warning-il20.yaml`, 'utf8');
const PARIS = readFileSync(`${DIR}paris-2026.yaml`, 'utf8');
const problems = (text: string, budget?: number) => {
  const r = parseScenario(text, 's.yaml', budget === undefined ? {} : { eventBudget: budget });
  return r.ok ? [] : r.issues.map(formatIssue);
};
const lineOf = (text: string, key: string) => text.split('\n').findIndex((l) => l.startsWith(key)) + 1;

describe('the horizon', () => {
  it('must end by the last instant a log can record, whatever its size', () => {
    const line = lineOf(IL20, 'horizon:');
    for (const horizon of ['P10000000D', 'P99999999999999999999D']) {
      expect(problems(IL20.replace(/^horizon: .*$/m, `horizon: ${horizon}`))).toEqual([
        `s.yaml:${line}:10: horizon: the run would end after 9999-12-31T23:59:59.999Z, the last instant a log can record: from this start the horizon may be at most P2915116D`,
      ]);
    }
  });

  it('leaves room for the deadlines of the last instant', () => {
    const text = IL20.replace(/^horizon: .*$/m, 'horizon: P2915116D').replace(/^ {2}ackDeadline: .*$/m, '  ackDeadline: P300D');
    expect(problems(text)).toEqual([
      `s.yaml:${lineOf(IL20, '  ackDeadline:')}:16: mechanism.ackDeadline: a deadline set at the end of the run (9999-12-26T00:00:00Z) would fall after 9999-12-31T23:59:59.999Z, the last instant a log can record: at most P5DT23H59M59.999S`,
    ]);
  });
});

describe('the repeated game', () => {
  const game = readFileSync(`${DIR}noise-tit-for-tat.yaml`, 'utf8');

  it('is refused when its rounds do not fit the horizon, saying how many do', () => {
    const s = parseScenario(game, 'g.yaml');
    if (!s.ok) throw new Error('noise-tit-for-tat.yaml does not load');
    const { rounds } = s.scenario.game as { rounds: number };
    const more = game.replace(new RegExp(`rounds: ${rounds}\\b`), `rounds: ${rounds + 1}`);
    expect(more).not.toBe(game);
    const found = problems(more);
    expect(found).toHaveLength(1);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(found[0]).toMatch(new RegExp(`^s\\.yaml:\\d+:\\d+: game\\.rounds: ${n(rounds + 1)} rounds, one every P1D, need P4001D, but the horizon is P4000D: at most ${n(rounds)} rounds fit`));
    // Exactly the rounds that fit are played, all of them.
    const plan = compileScenario(s.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' });
    expect(runPlan(plan).state.game?.rounds).toBe(rounds);
  });
});

describe('the event budget', () => {
  it('refuses a generator whose rate would exceed it, at that generator, with the budget', () => {
    const text = PARIS.replace('every: P12D', 'every: PT1M');
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^s\.yaml:\d+:\d+: generators\[0\]\.every: the run would record about [\d,]+ events \(this: about 259,200 incidents × 40\), more than the event budget of 5,000,000/);
  });

  it('refuses meetings or rounds that would exceed it, at their field', () => {
    const meetings = PARIS.replace(/^horizon: .*$/m, 'horizon: P1000D').replace('meetings: { every: P30D', 'meetings: { every: PT10S');
    expect(problems(meetings).join('\n')).toMatch(/mechanism\.meetings\.every: the run would record about [\d,]+ events \(this: 8,640,000 regular meetings\)/);
    const game = readFileSync(`${DIR}noise-tit-for-tat.yaml`, 'utf8').replace(/^horizon: .*$/m, 'horizon: P10000D').replace(/rounds: \d+/, 'rounds: 9000000').replace(/every: P\w+/, 'every: PT1M');
    expect(problems(game).join('\n')).toMatch(/game\.rounds: the run would record about [\d,]+ events \(this: 9,000,000 rounds × 3\)/);
  });

  it('can be raised by the caller (parley run --max-events)', () => {
    const text = PARIS.replace('every: P12D', 'every: PT1M');
    expect(problems(text)).toHaveLength(1);
    expect(problems(text, 20_000_000)).toEqual([]);
  });

  it('is an upper estimate for every shipped scenario, and well within the default budget', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
      const loaded = parseScenario(readFileSync(`${DIR}${file}`, 'utf8'), file);
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const estimate = estimateEvents(compileScenario(loaded.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' })).total;
      expect(estimate, file).toBeLessThan(DEFAULT_EVENT_BUDGET / 100);
      for (const seed of [1, 2, 3, 4, 5]) {
        const plan = compileScenario(loaded.scenario, { hash: '0'.repeat(64), parleyVersion: 'test', seed });
        expect(runPlan(plan).events, `${file} seed ${seed}`).toBeLessThanOrEqual(estimate);
      }
    }
  });

  it('counts each source as the formula says', () => {
    const loaded = parseScenario(PARIS, 'p.yaml');
    if (!loaded.ok) throw new Error('paris does not load');
    const plan = compileScenario(loaded.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' });
    const parts = Object.fromEntries(estimateEvents(plan).parts.map((p) => [p.path.join('.'), p.events]));
    // 180 days: 6 meetings with 4 tracks; the first generator every 12 days.
    expect(parts['mechanism.meetings.every']).toBe(6 * (2 + 4));
    expect(parts['generators.0.every']).toBe(15 * EVENTS_PER_INCIDENT);
    expect(parts['timeline']).toBe(plan.timeline.length * EVENTS_PER_INCIDENT);
    expect(parts['']).toBe(5);
  });
});
