/**
 * Shipped claims hold across seeds: each shipped scenario's `expect:` checks and its header
 * claim (claims.ts) must hold for at least 19 of seeds 1–20, not just at the file's own seed
 * (the golden test checks that one). In-process and without a log: all scenarios × 20 seeds
 * take a few seconds.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS, type ClaimRun } from './claims.js';
import { runScenarioInMemory, SCENARIO_DIR } from './run.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
/** A claim may fail at one seed in twenty, no more. */
const AT_LEAST = 19;

const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('shipped claims over seeds 1–20', () => {
  it('every shipped scenario has its header claim written as checks', () => {
    expect(Object.keys(CLAIMS).sort()).toEqual(files);
  });

  for (const file of files) {
    it(`${file}: its expectations and header claim hold for at least ${AT_LEAST} of 20 seeds`, async () => {
      const held = new Map<string, number>();
      const count = (what: string, ok: boolean) => held.set(what, (held.get(what) ?? 0) + (ok ? 1 : 0));
      for (const seed of SEEDS) {
        const { result, events, outcomes, expectations } = await runScenarioInMemory(file, seed);
        const run: ClaimRun = { outcomes, state: result.state, events, refusedCount: result.refusedCount };
        for (const r of expectations.results) count(`expect ${r.expectation}`, r.ok);
        for (const c of CLAIMS[file] ?? []) count(`claim: ${c.says}`, c.holds(run));
      }
      expect(held.size).toBeGreaterThan(0);
      const short = [...held].filter(([, n]) => n < AT_LEAST).map(([what, n]) => `${what}: ${n}/20`);
      expect(short).toEqual([]);
    });
  }
});
