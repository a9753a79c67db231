/**
 * Forking a recorded history (src/explore/fork.ts): a fork that changes nothing writes the
 * log again byte for byte, at any seq and seed; a fork's log passes verify --deep; and a fork
 * of a fork that changes nothing more is the same fork again (the log alone rebuilds its
 * course, changes included).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import { forkLog } from '../../src/explore/fork.js';
import type { Cell } from '../../src/explore/grid.js';
import { prepareGrid } from '../../src/explore/prepare.js';
import { readInjected } from '../../src/explore/forkInject.js';
import { verifyLog } from '../../src/log/verify.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { tempDir } from '../fixtures/logs/build.js';
import { shipped } from '../log/deepLogs.js';

const temp = tempDir('parley-fork-');
afterAll(() => temp.cleanup());
let n = 0;
const file = (name: string): string => join(temp.dir, `${++n}-${name}`);

/** Shipped scenarios short enough for a property's every run (noise-tit-for-tat-cell cut to 40 rounds by a recorded override). */
const SCENARIOS = ['paris-2026.yaml', 'iprm-monthly.yaml', 'suspension-2017.yaml', 'late-warning-il20.yaml', 'paris-2026-no-cell.yaml', 'noise-tit-for-tat-cell.yaml'];

/** Writes a log of `scenario` at `seed` as `parley run` does, recording its text (and, for the long one, `--set` overrides that cut it). */
async function original(scenario: string, seed: number): Promise<{ path: string; events: number }> {
  const s = shipped(scenario);
  const sets = scenario.startsWith('noise') ? ['game.rounds=40'] : [];
  const cell = prepareGrid({ file: scenario, ...s }, sets).cells[0] as Cell;
  const plan = compileScenario(cell.scenario, { hash: s.hash, source: s.source, overrides: cell.overrides, parleyVersion: PARLEY_VERSION, seed });
  const path = file(`${scenario}.jsonl`);
  const { log } = await simulateToFile(plan, path);
  return { path, events: log.seq };
}

const place = fc.record({ scenario: fc.constantFrom(...SCENARIOS), seed: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) });
/** A seq in 1 … events - 1 (the last event is SimulationEnded): `at` is a fraction of the run. */
const seqAt = (events: number, at: number): number => 1 + Math.floor(at * (events - 1));

describe('parley fork, as a library', () => {
  it('a fork that changes nothing writes the log again, byte for byte, at any seq', async () => {
    await fc.assert(
      fc.asyncProperty(place, async ({ scenario, seed, at }) => {
        const { path, events } = await original(scenario, seed);
        const atSeq = seqAt(events, at);
        const out = file('fork.jsonl');
        const forked = await forkLog({ log: path, atSeq, out });
        expect(forked.changed).toBe(false);
        expect(readFileSync(out, 'utf8'), `${scenario} at seed ${seed}, seq ${atSeq}`).toBe(readFileSync(path, 'utf8'));
      }),
      { numRuns: 30 },
    );
  });

  it("a fork with changes keeps the first N lines, passes verify --deep, and forking it again with nothing changed gives it back", async () => {
    const changes = fc.record({
      set: fc.subarray(['fog.misattribution=0', 'mechanism.ackDeadline=PT6H', 'mechanism.disputeResponseDeadline=P2D', 'fog.messageLoss=0.5'], { minLength: 0 }),
      seed: fc.option(fc.nat(), { nil: undefined }),
      inject: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(place.filter((p) => !p.scenario.startsWith('noise')), changes, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), async (p, c, again) => {
        const { path, events } = await original(p.scenario, p.seed);
        // An injected entry needs a step of the run after the fork: not after the last (the
        // ladder's cooling up to the horizon, right before SimulationEnded; see the CLI test).
        const atSeq = seqAt(c.inject ? events - 1 : events, p.at);
        const s = shipped(p.scenario).scenario;
        const party = Object.keys(s.parties)[0] as string;
        // An injected step at the fork instant, by the scenario's first party.
        const lines = readFileSync(path, 'utf8').split('\n');
        const forkAt = (JSON.parse(lines[atSeq - 1] as string) as { at: string }).at;
        const injected = c.inject
          ? readInjected(new TextEncoder().encode(`- { at: ${forkAt}, deescalation: { id: injected-step, by: ${party}, kind: deescalation } }\n`), 'inject.yaml')
          : undefined;
        if (Array.isArray(injected)) throw new Error('inject fixture');
        const out = file('changed.jsonl');
        const forked = await forkLog({ log: path, atSeq, out, sets: c.set, ...(c.seed === undefined ? {} : { seed: c.seed }), ...(injected ? { inject: injected } : {}) });
        const context = `${p.scenario} at seed ${p.seed}, seq ${atSeq}, ${JSON.stringify(c)}`;
        const text = readFileSync(out, 'utf8');
        expect(text.split('\n').slice(0, atSeq), context).toEqual(lines.slice(0, atSeq));
        const anything = c.set.length > 0 || c.seed !== undefined || c.inject;
        expect(forked.changed, context).toBe(anything);
        if (anything) expect(JSON.parse(text.split('\n')[atSeq] as string), context).toMatchObject({ seq: atSeq + 1, type: 'ParametersChanged', actor: 'sim', at: forkAt });
        expect(await verifyLog(out, { deep: true }), context).toMatchObject({ ok: true });
        if (c.inject) expect(text, context).toContain('"stepId":"injected-step"');
        // The forked log alone rebuilds its course: forking it anywhere later, changing nothing, gives it back.
        const total = text.split('\n').length - 1;
        const later = Math.min(total - 1, atSeq + 1 + Math.floor(again * (total - atSeq - 1)));
        const twice = file('twice.jsonl');
        await forkLog({ log: out, atSeq: later, out: twice });
        expect(readFileSync(twice, 'utf8'), `${context}, again at ${later}`).toBe(text);
      }),
      { numRuns: 25 },
    );
  });
});
