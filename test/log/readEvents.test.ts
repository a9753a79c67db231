import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { LogFormatError } from '../../src/log/errors.js';
import { events$ } from '../../src/log/observable.js';
import { readEventBatches, readEvents, type ReadEventsOptions } from '../../src/log/readEvents.js';
import { linesOf, logText, objectsOf, resealed, sampleFacts, tempDir } from '../fixtures/logs/build.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const good = logText(sampleFacts(10));

async function collect(path: string, options?: ReadEventsOptions): Promise<{ events: Recorded[]; error?: LogFormatError }> {
  const events: Recorded[] = [];
  try {
    for await (const e of readEvents(path, options)) events.push(e);
  } catch (error) {
    expect(error).toBeInstanceOf(LogFormatError);
    return { events, error: error as LogFormatError };
  }
  return { events };
}

describe('readEvents', () => {
  it('yields the recorded events with seq and hash', async () => {
    const { events, error } = await collect(tmp.file('log.jsonl', good));
    expect(error).toBeUndefined();
    expect(events).toEqual(objectsOf(good));
  });

  it('checks data schemas', async () => {
    const os = objectsOf(good);
    os[3] = { ...os[3], data: { messageId: 'm-0', extra: 1 } };
    const path = tmp.file('log.jsonl', resealed(os));
    const full = await collect(path);
    expect([full.error?.kind, full.error?.line, full.error?.field, full.events.length]).toEqual(['schema', 4, 'data', 3]);
    expect(full.error?.message).toBe(`${path}:4: schema: data: Unrecognized key: "extra"`);
  });

  it('checks the envelope, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ seq: 0 }, 'seq'],
      [{ at: 'yesterday' }, 'at'],
      [{ type: 'Nope' }, 'type'],
      [{ v: 2 }, 'v'],
      [{ actor: 'a b' }, 'actor'],
      [{ data: [] }, 'data'],
      [{ cause: 1.5 }, 'cause'],
      [{ hash: 'XYZ' }, 'hash'],
      [{ extra: true }, '(root)'],
    ];
    for (const [patch, field] of cases) {
      const os = objectsOf(good);
      os[2] = { ...os[2], ...patch };
      const { error } = await collect(tmp.file('log.jsonl', `${linesOf(good).slice(0, 2).join('\n')}\n${JSON.stringify(os[2])}\n`));
      expect([error?.kind, error?.line, error?.field]).toEqual(['schema', 3, field]);
    }
  });

  it('always enforces seq order, but checks hashes only on request', async () => {
    const edited = good.replace('flight 0', 'flight 7');
    expect((await collect(tmp.file('edited.jsonl', edited))).error).toBeUndefined();
    const verified = await collect(tmp.file('edited.jsonl', edited), { verifyHashes: true });
    expect([verified.error?.kind, verified.error?.line]).toEqual(['hash-mismatch', 2]);
    const gap = linesOf(good).filter((_, i) => i !== 5);
    const { events, error } = await collect(tmp.file('gap.jsonl', `${gap.join('\n')}\n`));
    expect([error?.kind, error?.line, events.length]).toEqual(['seq-gap', 6, 5]);
  });

  it('throws `empty` for an empty file', async () => {
    const { error } = await collect(tmp.file('empty.jsonl', ''));
    expect([error?.kind, error?.line]).toEqual(['empty', 1]);
  });
});

describe('events$', () => {
  it('emits every event and completes', async () => {
    const path = tmp.file('log.jsonl', good);
    const all = await firstValueFrom(events$(path).pipe(toArray()));
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('is cold and stops reading when unsubscribed', async () => {
    const path = tmp.file('log.jsonl', good);
    const stream = events$(path);
    expect((await firstValueFrom(stream.pipe(take(2), toArray()))).map((e) => e.type)).toEqual([
      'LogStarted',
      'MessageSent',
    ]);
    expect((await firstValueFrom(stream.pipe(toArray()))).length).toBe(10);
  });

  it('errors with the typed error', async () => {
    const path = tmp.file('log.jsonl', good.slice(0, -1));
    await expect(firstValueFrom(events$(path).pipe(toArray()))).rejects.toMatchObject({ kind: 'torn-line', line: 10 });
  });
});

describe('readEventBatches', () => {
  it('yields the good events of a batch before the error', async () => {
    const lines = linesOf(good);
    const path = tmp.file('log.jsonl', `${[...lines.slice(0, 4), 'oops', ...lines.slice(4)].join('\n')}\n`);
    const batches: number[][] = [];
    const error = await (async () => {
      try {
        for await (const batch of readEventBatches(path)) batches.push(batch.map((e) => e.seq));
      } catch (e) {
        return e as LogFormatError;
      }
      return undefined;
    })();
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect([error?.kind, error?.line]).toEqual(['json', 5]);
  });
});
