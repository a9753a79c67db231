/** The grid: every combination, in a fixed order, each validated before any run. */
import { describe, expect, it } from 'vitest';
import { MAX_CELLS } from '../../src/explore/grid.js';
import { parisGrid } from './fixtures.js';

describe('buildGrid', () => {
  it('crosses the options, the last varying fastest', () => {
    const grid = parisGrid(['mechanism.enabled=true,false', 'fog.misattribution=0,0.1,0.3']);
    expect(grid.cells.map((c) => c.texts)).toEqual([
      ['true', '0'], ['true', '0.1'], ['true', '0.3'],
      ['false', '0'], ['false', '0.1'], ['false', '0.3'],
    ]);
    expect(grid.cells.map((c) => [c.scenario.mechanism.enabled, c.scenario.fog.misattribution])).toEqual([
      [true, 0], [true, 0.1], [true, 0.3], [false, 0], [false, 0.1], [false, 0.3],
    ]);
    expect(grid.cells[4]?.overrides).toEqual([
      { path: 'mechanism.enabled', value: false },
      { path: 'fog.misattribution', value: 0.1 },
    ]);
  });

  it('is one cell, the scenario as written, without --set', () => {
    const grid = parisGrid();
    expect(grid.cells).toHaveLength(1);
    expect(grid.cells[0]?.overrides).toEqual([]);
  });

  it.each([
    [['fog.misattribution=0.1,1.5'], /--set fog\.misattribution=1\.5: fog\.misattribution: .*at most 1/],
    [['mechanism.ackDeadline=PT6H,P1M'], /--set mechanism\.ackDeadline=P1M: mechanism\.ackDeadline: .*months and years/],
    [['parties.israel.policy.kind=hawk,falcon'], /--set parties\.israel\.policy\.kind=falcon/],
    [['fog.misattribution=0.1', 'fog.misattribution=0.2'], /given twice/],
  ])('refuses %j before any run', (sets, message) => {
    expect(() => parisGrid(sets)).toThrow(message);
  });

  it(`refuses a grid of more than ${MAX_CELLS} cells`, () => {
    const values = Array.from({ length: 40 }, (_, i) => i / 100).join(',');
    expect(() => parisGrid([`fog.misattribution=${values}`, `fog.severityNoise=${values}`])).toThrow(/1600 cells/);
  });
});
