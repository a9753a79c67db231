/**
 * Rows: columns fixed before the first run cover every outcome of every run; a row reads back
 * from CSV and JSON Lines with its types; the outcomes rebuilt from a row are the run's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeColumns, outcomesOf, rowValues, type CellValue } from '../../src/explore/columns.js';
import { decodeRow, encodeRow, parseCsvLine, type Row, type RowLayout } from '../../src/explore/rowFormat.js';
import { computeOutcomes, flattenOutcomes, type Outcomes } from '../../src/report/metrics.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { runPlan } from '../../src/sim/simulation.js';
import { PARIS_FILE, SCENARIOS, source } from './fixtures.js';

const planOf = (file: string) => {
  const s = source(file);
  return compileScenario(s.scenario, { hash: s.hash, parleyVersion: 'test' });
};

describe('outcome columns', () => {
  it.each(['paris-2026.yaml', 'paris-2026-no-cell.yaml', 'noise-tit-for-tat-cell.yaml', 'suspension-2017.yaml'])(
    '%s: every run fits the columns, and its outcomes come back from its row (property over seeds)',
    (name) => {
      const plan = planOf(`${SCENARIOS}${name}`);
      const columns = outcomeColumns([plan]);
      fc.assert(
        fc.property(fc.nat({ max: 0xffffffff }), (seed) => {
          const outcomes = computeOutcomes(runPlan({ ...plan, seed }).state);
          const values = rowValues(outcomes, columns);
          expect(values).toHaveLength(columns.names.length);
          // The values read along the columns' paths are flattenOutcomes's, by name: every
          // flattened outcome has its column; a column the run lacks is a count of 0.
          const flat = flattenOutcomes(outcomes);
          for (const key of Object.keys(flat)) expect(columns.names).toContain(key);
          expect(Object.fromEntries(columns.names.map((n, i) => [n, values[i]]))).toEqual(
            Object.fromEntries(columns.names.map((n) => [n, Object.hasOwn(flat, n) ? flat[n] : 0])),
          );
          // Rebuilt outcomes equal the run's, up to incident kinds that did not occur (0 in the row)
          // and the races' rows (not in a row).
          const back = outcomesOf(values, columns);
          expect(flattenOutcomes(back)).toEqual(Object.fromEntries(columns.names.map((n, i) => [n, values[i]])));
          expect(back.races.rows).toEqual([]);
          expect({ ...back, incidents: { ...back.incidents, byKind: {}, byParty: {} } }).toEqual({
            ...outcomes,
            incidents: { ...outcomes.incidents, byKind: {}, byParty: {} },
            races: { ...outcomes.races, rows: [] },
          });
        }),
        { numRuns: 15 },
      );
    },
  );

  it('names incident kinds and actors the plan can produce, with 0 where none occurred', () => {
    const columns = outcomeColumns([planOf(PARIS_FILE)]);
    for (const kind of ['airstrike', 'armedGroupAttack', 'demand', 'incursion']) expect(columns.names).toContain(`incidents.byKind.${kind}`);
    expect(columns.names).toContain('incidents.byParty.world');
    const values = rowValues({ incidents: { total: 0, byKind: {}, byParty: {} } } as unknown as Outcomes, columns);
    expect(values[columns.names.indexOf('incidents.byKind.demand')]).toBe(0);
    expect(values[columns.names.indexOf('ladder.peak')]).toBeNull();
  });

  it('refuses an outcome no column was made for (a bug, never silently dropped)', () => {
    const columns = outcomeColumns([planOf(PARIS_FILE)]);
    const outcomes = computeOutcomes(runPlan({ ...planOf(PARIS_FILE), seed: 1 }).state);
    expect(() => rowValues(outcomes, columns)).not.toThrow();
    const nuclear = { ...outcomes, incidents: { ...outcomes.incidents, byKind: { ...outcomes.incidents.byKind, nuclear: 1 } } };
    expect(() => rowValues(nuclear, columns)).toThrow(/outcome without a column: incidents\.byKind\.nuclear$/);
    const mars = { ...outcomes, incidents: { ...outcomes.incidents, byParty: { mars: 1 } } };
    expect(() => rowValues(mars, columns)).toThrow(/without a column: incidents\.byParty\.mars$/);
  });
});

describe('row format', () => {
  const layout = (format: 'csv' | 'jsonl'): RowLayout => ({
    format,
    setPaths: ['fog.misattribution', 'parties.syria.policy.kind'],
    outcomes: { names: ['a', 'b.c', 'd'], paths: [['a'], ['b', 'c'], ['d']] },
  });
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string().filter((s) => !/[\n\r]/.test(s)),
  );
  const row: fc.Arbitrary<Row> = fc.record({
    run: fc.nat(),
    cell: fc.nat(1000),
    seed: fc.nat({ max: 0xffffffff }),
    set: fc.tuple(fc.string().filter((s) => !/[\n\r]/.test(s)), fc.string().filter((s) => !/[\n\r]/.test(s))),
    values: fc.tuple(cell, cell, cell),
    error: fc.option(fc.string().filter((s) => !/[\n\r]/.test(s)), { nil: null }),
    reproduce: fc.string().filter((s) => !/[\n\r]/.test(s)),
  });

  it.each(['csv', 'jsonl'] as const)('%s: a row reads back as itself, on one line (property)', (format) => {
    fc.assert(
      fc.property(row, (r) => {
        const line = encodeRow(layout(format), r);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        // -0 is written as 0: the one value that does not keep its bits.
        const same = { ...r, values: r.values.map((v) => (Object.is(v, -0) ? 0 : v)) };
        expect(decodeRow(layout(format), line.slice(0, -1))).toEqual(same);
      }),
      { numRuns: 300 },
    );
  });

  it('types CSV fields: quoted text, bare numbers, empty null', () => {
    expect(parseCsvLine('1,"1","a,""b""",,2.5e-7')).toEqual([1, '1', 'a,"b"', null, 2.5e-7]);
    expect(parseCsvLine('1,"open')).toBeUndefined();
    expect(parseCsvLine('1,x')).toBeUndefined();
    expect(parseCsvLine('01')).toBeUndefined();
  });

  it('refuses a line that is not a row of the layout', () => {
    expect(decodeRow(layout('csv'), '1,2,3')).toBeUndefined();
    expect(decodeRow(layout('jsonl'), '{"run":1}')).toBeUndefined();
    expect(decodeRow(layout('jsonl'), 'not json')).toBeUndefined();
  });
});
