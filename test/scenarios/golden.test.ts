/**
 * Every shipped scenario runs as a golden test: its outcome summary (every flattened metric)
 * and the SHA-256 of the log it writes are compared with test/golden/<scenario>.json, its
 * `expect:` list must hold, the log must replay (hash chain checked) to exactly the state the
 * simulation ended with, and every invariant must hold at the end.
 *
 * After an intended change of behaviour, regenerate the goldens and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/scenarios/golden.test.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/core/invariants.js';
import { Replayer } from '../../src/core/replay.js';
import { readEvents } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';
import { flattenOutcomes } from '../../src/report/metrics.js';
import { runScenarioFile, SCENARIO_DIR } from './run.js';

const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;
const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('shipped scenarios', () => {
  it('there are at least seven, each opening with a comment that says what it shows and what it borrows', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const text = readFileSync(`${SCENARIO_DIR}${f}`, 'utf8');
      const header = text.slice(0, text.indexOf('\nparley:'));
      expect(header, f).toMatch(/\$schema=\.\.\/schema\/scenario\.schema\.json/);
      expect(header, f).toMatch(/What it shows:/);
      expect(header, f).toMatch(/Procedures? borrowed/);
    }
  });

  for (const file of files) {
    it(`${file}: summary and log match the golden run, expectations hold, the log replays to the same state`, async () => {
      const run = await runScenarioFile(file);
      const golden = { outcomes: flattenOutcomes(run.outcomes), events: run.result.events, logSha256: run.logSha256, refused: run.result.refused.length };
      const path = `${GOLDEN_DIR}${file.replace(/\.yaml$/, '.json')}`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, `${JSON.stringify(golden, null, 2)}\n`);
      expect(existsSync(path), `no golden for ${file}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(golden).toEqual(JSON.parse(readFileSync(path, 'utf8')));
      expect(run.expectations.results.filter((r) => !r.ok)).toEqual([]);

      expect(await verifyLog(run.logPath)).toMatchObject({ ok: true, events: run.result.events });
      const replayer = new Replayer();
      for await (const e of readEvents(run.logPath, { verifyHashes: true })) replayer.push(e);
      expect(replayer.state()).toEqual(run.result.state);
      expect(checkInvariants(run.result.state)).toEqual([]);
    });
  }
});
