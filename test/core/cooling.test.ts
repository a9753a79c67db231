/**
 * The ladder cooling down: the decay rule (core/cooling.ts), `decide` computing each
 * `LadderCooled` delta from the rule recorded in LogStarted and the instant the pressure was
 * last recorded, and the fold moving the level down with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { coolingDelta, coolsBelowAt } from '../../src/core/cooling.js';
import { DAY_MS, formatInstant, parseInstant } from '../../src/core/time.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import { given, incident, started, T0, time } from './given.js';

const HALF = { halfLife: 'P30D' } as const;
const t0 = parseInstant(T0) as number;
const cool = (at: string, data: object = {}) => command('CoolLadder', { actor: 'sim', at }, data as never);
const cooled = (at: string, delta: number) => fact('LadderCooled', { actor: 'sim', at }, { delta });

describe('the decay rule', () => {
  it('halves the pressure every half-life, to the thousandth, rounded down', () => {
    expect(coolingDelta(HALF, 40, t0, t0 + 30 * DAY_MS)).toBe(-20);
    expect(coolingDelta(HALF, 40, t0, t0 + 60 * DAY_MS)).toBe(-30);
    expect(coolingDelta(HALF, 10, t0, t0 + DAY_MS)).toBe(-0.229);
    expect(coolingDelta('none', 40, t0, t0 + 30 * DAY_MS)).toBe(0);
    expect(coolingDelta(HALF, 0, t0, t0 + DAY_MS)).toBe(0);
    expect(coolingDelta(HALF, 40, t0, t0)).toBe(0);
  });

  it('is memoryless: decaying in two steps lands where one step does, within the rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 90 * 24 }), fc.integer({ min: 1, max: 90 * 24 }), (p, a, b) => {
        const mid = p + coolingDelta(HALF, p, t0, t0 + a * 3_600_000);
        const two = mid + coolingDelta(HALF, mid, t0 + a * 3_600_000, t0 + (a + b) * 3_600_000);
        const one = p + coolingDelta(HALF, p, t0, t0 + (a + b) * 3_600_000);
        expect(Math.abs(two - one)).toBeLessThanOrEqual(0.002);
        expect(two).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('finds the first whole second at which the pressure is below a threshold, and only then', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }), (p, threshold) => {
        const at = coolsBelowAt(HALF, p, t0, threshold);
        expect(at === undefined).toBe(p < threshold);
        if (at === undefined) return;
        const when = at as number;
        expect(when % 1000).toBe(0);
        expect(p + coolingDelta(HALF, p, t0, when)).toBeLessThan(threshold);
        expect(p * 2 ** (-(when - 1000 - t0) / (30 * DAY_MS))).toBeGreaterThanOrEqual(threshold - 1e-9);
      }),
    );
    expect(coolsBelowAt('none', 50, t0, 45)).toBeUndefined();
    expect(coolsBelowAt(HALF, 50, t0, 0)).toBeUndefined();
  });
});

describe('decide: CoolLadder', () => {
  // Two incursions (weight -7.2, severity 0.5: 3.6 each), an hour apart: pressure 7.2, calm.
  const struck = [started(), incident('inc-1', 'israel', 'syria'), incident('inc-2', 'israel', 'syria', undefined, { at: time(1) })];

  it('records the decay since the pressure was last recorded, computed from the rule in LogStarted', () => {
    const before = given(struck).when(cool(time(1))).thenError('INVALID_TRANSITION', /nothing has cooled since/);
    expect(before.message).toContain(time(1));
    const pressure = 2 * 3.6;
    const delta = coolingDelta(DEFAULT_LADDER.cooling, pressure, parseInstant(time(1)) as number, parseInstant(time(24 * 30 + 1)) as number);
    expect(delta).toBe(-3.6);
    const s = given(struck).when(cool(time(24 * 30 + 1))).then([cooled(time(24 * 30 + 1), delta)]);
    expect(s.ladder?.machine.context.pressure).toBeCloseTo(3.6, 10);
    expect(s.ladder?.pressureAt).toBe(time(24 * 30 + 1));
  });

  it('moves the level down when the pressure falls below its threshold', () => {
    const hot = [started(), incident('inc-1', 'israel', 'syria'), fact('IncidentOccurred', { actor: 'israel', at: T0 }, { ...incident('inc-2', 'israel', 'syria').data, weight: -10, severity: 1 })];
    const at = coolsBelowAt(DEFAULT_LADDER.cooling, 13.6, t0, 10) as number;
    const s = given(hot).when(cool(formatInstant(at))).then([cooled(formatInstant(at), coolingDelta(DEFAULT_LADDER.cooling, 13.6, t0, at))]);
    expect(s.ladder).toMatchObject({ level: 'calm', downs: 1, levelsDown: 1 });
  });

  it('refuses a delta in the command, a ladder that does not cool, and anyone but the clock', () => {
    given(struck).when(cool(time(48), { delta: -1 })).thenError('INVALID_DATA', /delta is not given: it follows from the ladder's cooling rule/);
    const still = [started({ ladder: { ...DEFAULT_LADDER, cooling: 'none' } }), incident('inc-1', 'israel', 'syria')];
    given(still).when(cool(time(48))).thenError('NOT_ALLOWED', /does not cool/);
    given(struck).when(command('CoolLadder', { actor: 'us', at: time(48) }, {} as never)).thenError('NOT_ALLOWED', /a supervisor/);
  });
});
