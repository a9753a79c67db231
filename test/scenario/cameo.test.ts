import { describe, expect, it } from 'vitest';
import { CAMEO, cameoEntry, goldsteinWeight } from '../../src/scenario/cameo.js';
import {
  BUILTIN_DEESCALATION_KINDS,
  BUILTIN_INCIDENT_KINDS,
  deescalationKind,
  incidentKind,
} from '../../src/scenario/kinds.js';

describe('goldsteinWeight', () => {
  it('reads exact codes from the table', () => {
    expect(goldsteinWeight('19')).toBe(-10);
    expect(goldsteinWeight('196')).toBe(-9.5);
    expect(goldsteinWeight('0871')).toBe(9);
    expect(goldsteinWeight('057')).toBe(8);
    expect(goldsteinWeight('01')).toBe(0);
  });

  it('falls back to the longest prefix in the table', () => {
    expect(goldsteinWeight('195')).toBe(-10);
    expect(goldsteinWeight('1951')).toBe(-10);
    expect(goldsteinWeight('152')).toBe(-7.2);
    expect(goldsteinWeight('0872')).toBe(9);
    expect(goldsteinWeight('0874')).toBe(9);
    expect(goldsteinWeight('0861')).toBe(5);
  });

  it('compares codes as strings: "010" and "10" differ', () => {
    expect(goldsteinWeight('10')).toBe(-5);
    expect(goldsteinWeight('010')).toBe(0);
    expect(cameoEntry('010')?.label).toBe('Make public statement');
  });

  it('lets overrides win at every step of the fallback', () => {
    expect(goldsteinWeight('195', { '195': -9.5 })).toBe(-9.5);
    expect(goldsteinWeight('195', { '19': -8 })).toBe(-8);
    expect(goldsteinWeight('195', { '1': 3 })).toBe(-10);
    expect(goldsteinWeight('1951', { '195': -9 })).toBe(-9);
    expect(goldsteinWeight('196', { '19': -8 })).toBe(-9.5);
    expect(goldsteinWeight('99', { '99': 2 })).toBe(2);
  });

  it('gives undefined for codes it cannot place', () => {
    expect(goldsteinWeight('99')).toBeUndefined();
    expect(goldsteinWeight('')).toBeUndefined();
    expect(goldsteinWeight('21')).toBeUndefined();
  });

  it('never reads the prototype chain', () => {
    expect(goldsteinWeight('constructor')).toBeUndefined();
    expect(goldsteinWeight('toString', {})).toBeUndefined();
    expect(cameoEntry('__proto__')).toBeUndefined();
  });

  it('holds the published table: 35 codes, weights in [-10, 10], quad classes by sign', () => {
    const entries = Object.entries(CAMEO);
    expect(entries).toHaveLength(35);
    for (const [code, entry] of entries) {
      expect(code).toMatch(/^\d{2,4}$/);
      expect(Math.abs(entry.goldstein)).toBeLessThanOrEqual(10);
      if (entry.quadClass.endsWith('conflict')) expect(Number(code.slice(0, 2))).toBeGreaterThanOrEqual(10);
      else expect(Number(code.slice(0, 2))).toBeLessThanOrEqual(9);
    }
    expect(Object.isFrozen(CAMEO)).toBe(true);
  });
});

describe('built-in kinds', () => {
  it('all resolve to a weight through the table', () => {
    const weights = Object.fromEntries(
      Object.entries(BUILTIN_INCIDENT_KINDS).map(([kind, spec]) => [kind, goldsteinWeight(spec.cameo)]),
    );
    expect(weights).toEqual({
      incursion: -7.2,
      buildup: -7.2,
      airstrike: -10,
      shelling: -10,
      raid: -9,
      detention: -7,
      threat: -6,
      demand: -5,
      protest: -6.5,
      ceasefireViolation: -9.5,
      aid: 7,
      statement: 0,
      intelligenceShared: 7,
    });
    for (const spec of Object.values(BUILTIN_DEESCALATION_KINDS)) {
      expect(goldsteinWeight(spec.cameo)).toBeGreaterThan(0);
    }
    for (const spec of Object.values(BUILTIN_INCIDENT_KINDS)) {
      expect(spec.severity).toBeGreaterThanOrEqual(0);
      expect(spec.severity).toBeLessThanOrEqual(1);
    }
  });

  it('are extended and overridden by a scenario’s own kinds', () => {
    const declared = {
      airstrike: { cameo: '190', weight: -8 },
      cyber: { cameo: '17', label: 'Cyber attack' },
    };
    expect(incidentKind('airstrike', declared)).toEqual({
      cameo: '190',
      weight: -8,
      severity: 0.8,
      label: 'Air strike',
    });
    expect(incidentKind('cyber', declared)).toEqual({ cameo: '17', severity: 0.5, label: 'Cyber attack' });
    expect(incidentKind('raid', declared)).toEqual(BUILTIN_INCIDENT_KINDS.raid);
    expect(incidentKind('hasOwnProperty', declared)).toBeUndefined();
    expect(deescalationKind('ceasefire')).toEqual({ cameo: '0871', label: 'Ceasefire declared' });
    expect(deescalationKind('cyber', declared)).toEqual({ cameo: '17', label: 'Cyber attack' });
    expect(deescalationKind('airstrike')).toBeUndefined();
  });
});
