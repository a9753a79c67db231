/**
 * --set values: YAML scalar rules, quoting, list values, rendering that reads back as the
 * same value, and applying a change to a scenario document without touching the original.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverride, parseSetOption, parseSetValues, renderSetValue } from '../../src/explore/overrides.js';
import { scenarioDocument } from '../../src/explore/prepare.js';
import { SetPathError } from '../../src/explore/setPath.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { PARIS_FILE, source } from './fixtures.js';

const paris = source(PARIS_FILE);
const doc = () => scenarioDocument(paris.source);

describe('parseSetValues', () => {
  it('types each value by YAML scalar rules', () => {
    expect(parseSetValues('0,0.1,0.3', 'x')).toEqual([0, 0.1, 0.3]);
    expect(parseSetValues('PT6H,PT24H', 'x')).toEqual(['PT6H', 'PT24H']);
    expect(parseSetValues('true,false', 'x')).toEqual([true, false]);
    expect(parseSetValues('hawk,tit-for-tat', 'x')).toEqual(['hawk', 'tit-for-tat']);
    expect(parseSetValues('2026-01-06T00:00:00Z', 'x')).toEqual(['2026-01-06T00:00:00Z']);
  });

  it('keeps a quoted comma and reads a bracketed list as one value', () => {
    expect(parseSetValues('"a,b",c', 'x')).toEqual(['a,b', 'c']);
    expect(parseSetValues('[intelligence,diplomatic]', 'x')).toEqual([['intelligence', 'diplomatic']]);
    expect(parseSetValues('[a],[b,c]', 'x')).toEqual([['a'], ['b', 'c']]);
  });

  it.each([
    ['', /no value given \(an empty grid\)/],
    ['a,,b', /cannot read/],
    ['{__proto__: 1}', /__proto__/],
    ['!!binary aGk=', /tag/],
  ])('refuses %j', (text, message) => {
    expect(() => parseSetValues(text, 'x')).toThrow(message);
  });
});

describe('renderSetValue', () => {
  const yamlish = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer(), { maxKeys: 3 }),
  );

  it('reads back as the same single value (property)', () => {
    fc.assert(
      fc.property(yamlish, (value) => {
        const text = renderSetValue(value);
        expect(text).not.toMatch(/[\n\r]/);
        expect(parseSetValues(text, 'x')).toEqual([value]);
      }),
      { numRuns: 500 },
    );
  });

  it('writes plain values plainly and quotes what would read back otherwise', () => {
    expect(renderSetValue('PT6H')).toBe('PT6H');
    expect(renderSetValue(0.1)).toBe('0.1');
    expect(renderSetValue('0.1')).toBe('"0.1"');
    expect(renderSetValue('a,b')).toBe('"a,b"');
    expect(renderSetValue(false)).toBe('false');
  });
});

describe('applyOverride', () => {
  it('changes a copy, creating missing mappings on the way', () => {
    const original = doc();
    const before = JSON.stringify(original);
    // Paris has no mechanism.suspension block.
    const spec = parseSetOption('mechanism.suspension.by=[us]', scenarioSchema, original);
    expect(spec.values).toEqual([['us']]);
    const changed = applyOverride(original, spec.path, ['us']) as { mechanism: { suspension: { by: string[] } } };
    expect(changed.mechanism.suspension).toEqual({ by: ['us'] });
    expect(JSON.stringify(original)).toBe(before);
    expect(validateScenario(changed).ok).toBe(true);
  });

  it('drops the fields a new policy kind does not take, and keeps the common ones', () => {
    const spec = parseSetOption('parties.syria.policy.kind=hawk', scenarioSchema, doc());
    const changed = applyOverride(doc(), spec.path, 'hawk') as { parties: { syria: { policy: Record<string, unknown> } } };
    expect(changed.parties.syria.policy).toEqual({ kind: 'hawk', ackDelay: 'PT6H', answerDelay: 'PT12H', retaliationDelay: 'P2D' });
    expect(validateScenario(changed).ok).toBe(true);
  });

  it('refuses an option without "="', () => {
    expect(() => parseSetOption('fog.misattribution', scenarioSchema, doc())).toThrow(SetPathError);
  });
});
