/**
 * `verify --deep` catches content that is wrong at the line where it is wrong. Valid logs
 * (real simulator runs and generated streams) are edited into invalid ones and re-hashed, so
 * that only the content is wrong: a plain verify passes them, and the deep one must name the
 * edited line (an edit at line 10 is reported at line 10, not where a replay would trip).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/log/verify.js';
import { resealed, tempDir } from '../fixtures/logs/build.js';
import { EDITS, sourceLogArbitrary, tamperedArbitrary } from './deepLogs.js';

const temp = tempDir('parley-deep-');
afterAll(() => temp.cleanup());
let n = 0;

/** Writes objects as a re-hashed log and returns its path. */
function logFile(objects: readonly Record<string, unknown>[]): string {
  n += 1;
  return temp.file(`log-${n}.jsonl`, resealed(objects));
}

describe('verify --deep on edited logs', () => {
  it('a valid log passes, plain and deep', async () => {
    await fc.assert(
      fc.asyncProperty(sourceLogArbitrary, async ({ from, events }) => {
        const path = logFile(events);
        expect(await verifyLog(path, { deep: true }), from).toMatchObject({ ok: true, events: events.length });
      }),
      { numRuns: 40 },
    );
  });

  it('an edit is reported at the edited line, with the rule it breaks, while a plain verify sees nothing wrong', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(tamperedArbitrary, async ({ source, tampered }) => {
        seen.add(tampered.what.split(' (')[0] as string);
        const path = logFile(tampered.objects);
        const deep = await verifyLog(path, { deep: true });
        const context = `${tampered.what} in ${source.from}`;
        expect(deep, context).toMatchObject({
          ok: false,
          line: tampered.line,
          seq: tampered.line,
          kind: tampered.kind,
          ...(tampered.rule === undefined ? {} : { rule: tampered.rule }),
          ...(tampered.field === undefined ? {} : { field: tampered.field }),
        });
        // Everything before the edited line is sound: the report counts it.
        expect(deep.ok === false && deep.eventsBefore, context).toBe(tampered.line - 1);
        // Only the content is wrong: the chain is intact (a cause after its event is a malformed envelope).
        const plain = await verifyLog(path);
        if (tampered.kind === 'rule') expect(plain, context).toMatchObject({ ok: true });
        else expect(plain, context).toMatchObject({ ok: false, line: tampered.line, kind: 'schema' });
      }),
      { numRuns: 150 },
    );
    // Every kind of edit was tried: the arbitrary draws the edit first, uniformly among 12, so
    // missing one in 150 runs has odds of about 1 in 40,000.
    expect([...seen].sort()).toEqual(EDITS.map((e) => e.name).sort());
  });
});
