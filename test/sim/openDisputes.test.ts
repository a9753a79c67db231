/** Open disputes are listed exactly as `Object.values(state.disputes)` would list them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisputeView } from '../../src/core/state.js';
import { isArrayIndex, OpenDisputes } from '../../src/sim/openDisputes.js';

const view = (id: string, closed: boolean): DisputeView =>
  ({ id, ...(closed ? { closedAt: '2026-01-06T00:00:00Z' } : {}) }) as DisputeView;

/** Ids as scenarios may write them, including digit-only ones (array indices and not). */
const id = fc.oneof(
  fc.nat({ max: 50 }).map((n) => `dispute-${n}`),
  fc.nat({ max: 50 }).map(String),
  fc.constantFrom('4294967294', '4294967295', '4294967296', '007', '0', 'x1'),
);

describe('OpenDisputes', () => {
  it('lists the open disputes in Object.values order, across raises and closures', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (ids, closures) => {
        const disputes: Record<string, DisputeView> = {};
        const open = new OpenDisputes();
        // Raise them in order, closing some and listing after each step, as meetings do.
        ids.forEach((raised, i) => {
          disputes[raised] = view(raised, false);
          open.add(raised);
          const closing = ids[(closures[i] ?? 0) % (i + 1)] as string;
          if ((closures[i] ?? 0) % 3 === 0) disputes[closing] = view(closing, true);
          const expected = Object.values(disputes).filter((d) => d.closedAt === undefined).map((d) => d.id);
          expect(open.list(disputes)).toEqual(expected);
        });
      }),
    );
  });

  it('knows which keys are array indices', () => {
    expect(['0', '17', '4294967294'].map(isArrayIndex)).toEqual([true, true, true]);
    expect(['007', '-1', '1.5', '4294967295', '99999999999', 'd-1', ''].map(isArrayIndex)).toEqual([false, false, false, false, false, false, false]);
  });
});
