/**
 * A run's first event records the scenario itself (its text and hash), the overrides applied
 * to it, the mechanism's rules and the ladder's cooling rule, so that the log alone rebuilds
 * the run and its deadlines and cooling can be checked against it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES, type FactOf } from '../../src/core/catalogue.js';
import { createLogFile } from '../../src/log/writer.js';
import { verifyLog } from '../../src/log/verify.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runPlan } from '../../src/sim/simulation.js';

const PARIS = new URL('../../scenarios/paris-2026.yaml', import.meta.url).pathname;
const text = readFileSync(PARIS, 'utf8');

function firstEvent(source: string, options: { overrides?: { path: string; value: unknown }[]; withSource?: boolean } = {}) {
  const loaded = parseScenario(source, PARIS);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('; '));
  const plan = compileScenario(loaded.scenario, {
    hash: loaded.hash,
    parleyVersion: 'test',
    ...(options.withSource === false ? {} : { source: loaded.source }),
    ...(options.overrides ? { overrides: options.overrides as never } : {}),
  });
  let first: FactOf<'LogStarted'> | undefined;
  runPlan(plan, { onEvent: (e) => void (first ??= e as FactOf<'LogStarted'>) });
  return { first: first as FactOf<'LogStarted'>, loaded, plan };
}

describe('LogStarted v3', () => {
  it('records the scenario text verbatim with its hash, and the overrides as given', () => {
    const overrides = [{ path: 'fog.misattribution', value: 0.3 }, { path: 'parties.israel.policy.kind', value: 'hawk' }];
    const { first, loaded } = firstEvent(text, { overrides });
    expect(first).toMatchObject({ type: 'LogStarted', v: 3 });
    expect(first.data.scenario).toEqual({ name: 'Paris 2026 joint fusion mechanism', hash: loaded.hash, source: text });
    expect(first.data.overrides).toEqual(overrides);
    // Without them: the text is marked as not recorded, and there are no overrides.
    const bare = firstEvent(text, { withSource: false }).first;
    expect(bare.data.scenario.source).toBeNull();
    expect(bare.data.overrides).toEqual([]);
  });

  it("records the mechanism's rules as the scenario sets them", () => {
    const { first } = firstEvent(text);
    expect(first.data.rules).toEqual({
      ackDeadline: 'P1D',
      disputeResponseDeadline: 'P7D',
      referral: true,
      meetings: { every: 'P30D', extraordinaryOnRequest: true, standingIncidentAgenda: true },
      suspension: { by: [], onSeverityAbove: null, resumeAfter: null },
    });
    const changed = text
      .replace(/meetings: \{[^}]*\}/, 'meetings: { every: null }\n  suspension: { by: [israel, us], onSeverityAbove: 0.9, resumeAfter: P2W }')
      .replace('ackDeadline: PT24H', 'ackDeadline: PT90M');
    expect(firstEvent(changed).first.data.rules).toMatchObject({
      ackDeadline: 'PT1H30M',
      meetings: { every: null, extraordinaryOnRequest: true, standingIncidentAgenda: true },
      suspension: { by: ['israel', 'us'], onSeverityAbove: 0.9, resumeAfter: 'P14D' },
    });
  });

  it("records the ladder's cooling rule: the default half-life, another, or none", () => {
    expect(firstEvent(text).first.data.ladder.cooling).toEqual({ halfLife: 'P30D' });
    const slower = text.replace('ladder: { reliefOnSettlement: 8, reliefOnRuling: 6 }', 'ladder: { reliefOnSettlement: 8, reliefOnRuling: 6, cooling: { halfLife: P8W } }');
    expect(firstEvent(slower).first.data.ladder.cooling).toEqual({ halfLife: 'P8W' });
    const none = text.replace('ladder: { reliefOnSettlement: 8, reliefOnRuling: 6 }', 'ladder: { reliefOnSettlement: 8, reliefOnRuling: 6, cooling: none }');
    expect(firstEvent(none).first.data.ladder.cooling).toBe('none');
  });

  it('a scenario of the largest size, escaped as badly as JSON allows, still makes a log that verifies', async () => {
    // Quotes and backslashes take two characters each in JSON: the worst case for a comment.
    const padding = `#${'"\\'.repeat(40)}\n`;
    let big = text;
    while (Buffer.byteLength(big) + padding.length <= MAX_SCENARIO_BYTES) big += padding;
    big += '#'.repeat(MAX_SCENARIO_BYTES - Buffer.byteLength(big) - 1) + '\n';
    expect(Buffer.byteLength(big)).toBe(MAX_SCENARIO_BYTES);
    const { loaded } = firstEvent(text);
    const parsed = parseScenario(big, 'big.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = compileScenario(parsed.scenario, { hash: parsed.hash, source: big, parleyVersion: 'test' });
    const path = join(mkdtempSync(join(tmpdir(), 'parley-big-')), 'big.jsonl');
    const writer = await createLogFile(path);
    runPlan(plan, { onEvent: (e) => writer.append(e) });
    await writer.commit();
    expect(await verifyLog(path)).toMatchObject({ ok: true });
    expect(loaded.hash).not.toBe(parsed.hash);
    // One byte more and the loader refuses the file.
    expect(parseScenario(`${big}#`, 'big.yaml')).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/at most 262144 bytes/) }] });
  });
});
