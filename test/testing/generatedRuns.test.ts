/**
 * Generated scenarios at scale, end to end: each one simulated into a log file as `parley
 * run` does (`simulateToFile`), the file read back and replayed with every invariant checked
 * after every event, and verified (seq, time, schemas, hash chain). Small horizons and few
 * parties keep 200 runs to a few seconds.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateToFile } from '../../src/cli/simulateToFile.js';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { readEvents } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { checkEveryPrefix, describeFailure } from '../../src/testing/checkEveryPrefix.js';
import { scenarioArbitrary } from '../../src/testing/scenarioArbitrary.js';

const RUNS = 200;
const dir = mkdtempSync(join(tmpdir(), 'parley-generated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated scenarios, end to end', () => {
  it(`${RUNS} scenarios: run → log file → replay with every invariant at every prefix → verify`, async () => {
    let run = 0;
    let events = 0;
    let max = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxDays: 30, maxParties: 3, maxGenerators: 3, maxTimeline: 8 }), async (input) => {
        const checked = validateScenario(input);
        if (!checked.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(checked.issues)}`);
        const plan = compileScenario(checked.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' });
        const path = join(dir, `run-${run++}.jsonl`);
        const { result, log } = await simulateToFile(plan, path);

        const read: Recorded[] = [];
        for await (const e of readEvents(path)) read.push(e);
        expect(read.length).toBe(log.seq);
        const report = checkEveryPrefix(read);
        if (!report.ok) throw new Error(describeFailure(report, read));
        const replayer = new Replayer();
        for (const e of read) replayer.push(e);
        expect(replayer.state()).toEqual(result.state);

        const verified = await verifyLog(path);
        expect(verified.ok && { events: verified.events, hash: verified.lastHash }).toEqual({ events: read.length, hash: log.hash });
        events += read.length;
        max = Math.max(max, read.length);
        rmSync(path);
      }),
      { numRuns: RUNS },
    );
    expect(run).toBeGreaterThanOrEqual(RUNS);
    // Not trivial runs: fast-check starts small, but on average they hold dozens of events,
    // and the longest a few hundred.
    expect(events / run).toBeGreaterThan(40);
    expect(max).toBeGreaterThan(300);
  });
});
