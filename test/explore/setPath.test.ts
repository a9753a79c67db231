/**
 * --set paths: parsing, and resolution against the scenario schema and document, with a
 * did-you-mean for typos and refusal of prototype keys.
 */
import { describe, expect, it } from 'vitest';
import { parseSetPath, resolveSetPath, SetPathError } from '../../src/explore/setPath.js';
import { scenarioDocument } from '../../src/explore/prepare.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { PARIS_FILE, source } from './fixtures.js';

const doc = scenarioDocument(source(PARIS_FILE).source);
const resolve = (path: string) => resolveSetPath(scenarioSchema, doc, parseSetPath(path));

describe('parseSetPath', () => {
  it('reads keys, list indices and quoted keys', () => {
    expect(parseSetPath('mechanism.ackDeadline')).toEqual(['mechanism', 'ackDeadline']);
    expect(parseSetPath('generators[0].every')).toEqual(['generators', 0, 'every']);
    expect(parseSetPath('parties["a.b"].policy')).toEqual(['parties', 'a.b', 'policy']);
    expect(parseSetPath('timeline[2][0]')).toEqual(['timeline', 2, 0]);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[', 'a[x]', 'a[0]b', 'fog.__proto__', 'constructor', 'a.prototype.b'])('refuses %j', (text) => {
    expect(() => parseSetPath(text)).toThrow(SetPathError);
  });
});

describe('resolveSetPath', () => {
  it('accepts what the schema knows, present in the file or not', () => {
    expect(resolve('mechanism.ackDeadline').text).toBe('mechanism.ackDeadline');
    expect(resolve('fog.misattribution').text).toBe('fog.misattribution');
    // Paris has no suspension block and no game: the schema still knows both.
    expect(resolve('mechanism.suspension.onSeverityAbove').text).toBe('mechanism.suspension.onSeverityAbove');
    expect(resolve('supervisor.policy.intervene').text).toBe('supervisor.policy.intervene');
    expect(resolve('parties.israel.policy.kind').text).toBe('parties.israel.policy.kind');
    expect(resolve('generators.1.every').segments).toEqual(['generators', 1, 'every']);
    expect(resolve('weights.195').text).toBe('weights.195');
  });

  it('lists the fields each policy kind takes when the kind is set', () => {
    const r = resolve('parties.syria.policy.kind');
    expect(r.variants?.get('hawk')?.has('generosity')).toBe(false);
    expect(r.variants?.get('generous-tit-for-tat')?.has('generosity')).toBe(true);
  });

  it.each([
    ['fog.misatribution', /fog has no key "misatribution"; did you mean "misattribution"\?/],
    ['mechanizm.enabled', /a scenario has no key "mechanizm"; did you mean "mechanism"\?/],
    ['parties.isreal.policy.kind', /parties has no key "isreal"; did you mean "israel"\?/],
    ['generators[9].every', /generators has 4 items; index 9 is out of range \(0 to 3\)/],
    ['generators.first', /generators is a list: use an index/],
    ['fog.misattribution.x', /fog\.misattribution is a number: it has no key "x"/],
    ['parties.israel.policy.generositee', /did you mean "generosity"\?/],
  ])('refuses %s with a one-line reason', (path, message) => {
    expect(() => resolve(path)).toThrow(message);
  });
});
