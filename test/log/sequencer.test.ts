import { describe, expect, it } from 'vitest';
import { fact, type Fact } from '../../src/core/catalogue.js';
import { FactError } from '../../src/log/errors.js';
import { EMPTY_POSITION, Sequencer } from '../../src/log/sequencer.js';
import { logStarted, sampleFacts } from '../fixtures/logs/build.js';

const delivered = (at: string, extra: Partial<{ actor: string; cause: number }> = {}): Fact =>
  fact('MessageDelivered', { at, actor: extra.actor ?? 'cell', cause: extra.cause }, { messageId: 'm-1' });

function sealError(seq: Sequencer, f: unknown): FactError {
  try {
    seq.seal(f as Fact);
  } catch (e) {
    expect(e).toBeInstanceOf(FactError);
    return e as FactError;
  }
  throw new Error('expected a FactError');
}

describe('Sequencer', () => {
  it('assigns gapless seqs from 1 and tracks the end position', () => {
    const s = new Sequencer();
    expect(s.position).toEqual(EMPTY_POSITION);
    const lines = sampleFacts(4).map((f) => JSON.parse(s.seal(f)) as { seq: number; hash: string; at: string });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(s.position).toEqual({ seq: 4, hash: lines[3]?.hash, at: lines[3]?.at });
  });

  it('continues a chain from a given position', () => {
    const whole = new Sequencer();
    const facts = sampleFacts(6);
    const all = facts.map((f) => whole.seal(f));
    const first = new Sequencer();
    facts.slice(0, 3).forEach((f) => first.seal(f));
    const rest = new Sequencer(first.position);
    expect(facts.slice(3).map((f) => rest.seal(f))).toEqual(all.slice(3));
  });

  it('requires LogStarted first', () => {
    expect(sealError(new Sequencer(), delivered('2026-01-06T00:00:00Z')).message).toBe(
      'event 1: the first event must be LogStarted, not MessageDelivered',
    );
  });

  it.each([
    ['time going backwards', delivered('2026-01-05T23:59:59.999Z'), 'at', /before the previous event/],
    ['an invalid instant', delivered('2026-02-30T00:00:00Z'), 'at', /not an ISO-8601 UTC instant/],
    ['an unknown type', { ...delivered('2026-01-06T01:00:00Z'), type: 'Nope' }, 'type', /unknown event type "Nope"/],
    ['a wrong version', { ...delivered('2026-01-06T01:00:00Z'), v: 2 }, 'v', /schema version 1, not 2/],
    ['a bad actor', delivered('2026-01-06T01:00:00Z', { actor: 'no spaces' }), 'actor', /not an id/],
    ['a cause in the future', delivered('2026-01-06T01:00:00Z', { cause: 2 }), 'cause', /earlier event/],
    ['NaN in data', { ...delivered('2026-01-06T01:00:00Z'), data: { messageId: 'm', n: NaN } }, 'data.n', /NaN/],
    ['array data', { ...delivered('2026-01-06T01:00:00Z'), data: [] }, 'data', /must be an object/],
  ])('refuses %s and stays where it was', (_name, bad, field, message) => {
    const s = new Sequencer();
    s.seal(logStarted());
    const before = s.position;
    const error = sealError(s, bad);
    expect(error.code).toBe('LOG_FACT');
    expect(error.seq).toBe(2);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(s.position).toEqual(before);
  });

  it('seals a batch all or nothing', () => {
    const s = new Sequencer();
    s.seal(logStarted());
    const before = s.position;
    expect(() => s.sealAll([delivered('2026-01-06T01:00:00Z'), delivered('2026-01-06T00:30:00Z')])).toThrow(FactError);
    expect(s.position).toEqual(before);
    expect(s.sealAll([])).toEqual([]);
  });
});
