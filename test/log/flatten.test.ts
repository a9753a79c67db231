import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/log/flatten.js';

async function* batches(log: string[], fail?: Error): AsyncGenerator<number[]> {
  try {
    yield [1, 2];
    yield [];
    yield [3];
    if (fail) throw fail;
    yield [4, 5];
  } finally {
    log.push('closed');
  }
}

async function drain<T>(it: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const x of it) items.push(x);
  } catch (error) {
    return { items, error };
  }
  return { items };
}

describe('flatten', () => {
  it('yields every item in order, skipping empty batches', async () => {
    const log: string[] = [];
    expect(await drain(flatten(batches(log)))).toEqual({ items: [1, 2, 3, 4, 5] });
    expect(log).toEqual(['closed']);
  });

  it('surfaces a source error after the items received before it', async () => {
    const boom = new Error('boom');
    expect(await drain(flatten(batches([], boom)))).toEqual({ items: [1, 2, 3], error: boom });
  });

  it('closes the source on break and then stays done', async () => {
    const log: string[] = [];
    const it = flatten(batches(log));
    for await (const x of it) if (x === 2) break;
    expect(log).toEqual(['closed']);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
