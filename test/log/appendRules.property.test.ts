/**
 * `appendToLog` refuses what `verify --deep` would refuse, in the same words, and writes
 * nothing (issue 11.4). The facts are those of the edits verify --deep is tested with
 * (deepLogs.ts): a log cut just before an edited line, and the edited fact appended to it.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/catalogue.js';
import { appendToLog } from '../../src/log/append.js';
import { FactError, LogFormatError } from '../../src/log/errors.js';
import { verifyLog } from '../../src/log/verify.js';
import { logText, resealed, sampleFacts, soundFacts, tempDir } from '../fixtures/logs/build.js';
import { tamperedArbitrary } from './deepLogs.js';

const temp = tempDir('parley-append-rules-');
afterAll(() => temp.cleanup());
let n = 0;

/** A fact as a caller hands it to appendToLog: no seq, no hash. */
const factOf = ({ seq: _seq, hash: _hash, ...f }: Record<string, unknown>): Fact => f as unknown as Fact;

describe('appendToLog and the rules', () => {
  it('refuses a fact verify --deep refuses, with the same words, and leaves the log as it was', async () => {
    await fc.assert(
      fc.asyncProperty(tamperedArbitrary, async ({ source, tampered }) => {
        n += 1;
        const context = `${tampered.what} in ${source.from}`;
        const whole = temp.file(`whole-${n}.jsonl`, resealed(tampered.objects));
        const deep = await verifyLog(whole, { deep: true });
        if (deep.ok) throw new Error(`${context}: verify --deep passed the edited log`);
        expect(deep.line, context).toBe(tampered.line);

        const prefix = tampered.objects.slice(0, tampered.line - 1);
        const path = temp.file(`prefix-${n}.jsonl`, resealed(prefix));
        const before = readFileSync(path);
        const error = await appendToLog(path, [factOf(tampered.objects[tampered.line - 1] as Record<string, unknown>)], { expectedSeq: prefix.length }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, context).toBeInstanceOf(FactError);
        const e = error as FactError;
        expect(e.message, context).toBe(`event ${tampered.line}: ${deep.rule === undefined ? '' : `${deep.rule}: `}${deep.message}`);
        expect([e.seq, e.rule, e.field], context).toEqual([tampered.line, deep.rule, deep.field]);
        expect(readFileSync(path), context).toEqual(before);
        expect(readdirSync(temp.dir).filter((f) => f.includes(`prefix-${n}.jsonl.`) || f.startsWith(`.prefix-${n}.`)), context).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('appends facts the rules allow, and the log still passes verify --deep', async () => {
    const all = soundFacts(12);
    const path = temp.file('sound.jsonl', logText(all.slice(0, 6)));
    await appendToLog(path, all.slice(6), { expectedSeq: 6 });
    expect(readFileSync(path, 'utf8')).toBe(logText(all));
    expect(await verifyLog(path, { deep: true })).toMatchObject({ ok: true, events: 12 });
  });

  it('refuses a batch as a whole when a later fact of it breaks the rules', async () => {
    const all = soundFacts(12);
    const path = temp.file('batch.jsonl', logText(all.slice(0, 7)));
    const before = readFileSync(path);
    // Seq 8 sends a message, seq 10 acknowledges it: without the delivery between them, it was never received.
    const withoutDelivery = [all[7] as Fact, all[9] as Fact];
    expect(withoutDelivery.map((f) => f.type)).toEqual(['MessageSent', 'MessageAcknowledged']);
    await expect(appendToLog(path, withoutDelivery, { expectedSeq: 7 })).rejects.toThrow(/^event 9: MESSAGE_NOT_DELIVERED: \[message\] m-1 was never received by israel$/);
    expect(readFileSync(path)).toEqual(before);
  });

  it('refuses to extend a log whose content breaks the rules, naming the line as verify --deep does', async () => {
    // The sample log without a cell: its first message needs an active cell.
    const path = temp.file('no-cell.jsonl', logText(sampleFacts(5)));
    const deep = await verifyLog(path, { deep: true });
    expect(deep).toMatchObject({ ok: false, line: 2, rule: 'CELL_NOT_ACTIVE' });
    const before = readFileSync(path);
    const error = await appendToLog(path, [], { expectedSeq: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LogFormatError);
    expect(error).toMatchObject({ kind: 'rule', line: 2, rule: 'CELL_NOT_ACTIVE', detail: deep.ok ? '' : deep.message });
    expect(readFileSync(path)).toEqual(before);
  });
});
