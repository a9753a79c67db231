/** Open disputes are listed exactly as iterating `state.disputes` would list them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisputeView } from '../../src/core/state.js';
import { OpenDisputes } from '../../src/sim/openDisputes.js';

const view = (id: string, closed: boolean): DisputeView =>
  ({ id, ...(closed ? { closedAt: '2026-01-06T00:00:00Z' } : {}) }) as DisputeView;

/** Ids as scenarios may write them, digit-only ones included (an object would list those first). */
const id = fc.oneof(
  fc.nat({ max: 50 }).map((n) => `dispute-${n}`),
  fc.nat({ max: 50 }).map(String),
  fc.constantFrom('4294967294', '4294967295', '4294967296', '007', '0', 'x1'),
);

describe('OpenDisputes', () => {
  it('lists the open disputes in the order they were raised, across raises and closures', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (ids, closures) => {
        const disputes = new Map<string, DisputeView>();
        const open = new OpenDisputes();
        // Raise them in order, closing some and listing after each step, as meetings do.
        ids.forEach((raised, i) => {
          disputes.set(raised, view(raised, false));
          open.add(raised);
          const closing = ids[(closures[i] ?? 0) % (i + 1)] as string;
          if ((closures[i] ?? 0) % 3 === 0) disputes.set(closing, view(closing, true));
          const expected = [...disputes.values()].filter((d) => d.closedAt === undefined).map((d) => d.id);
          expect(open.list(disputes)).toEqual(expected);
          expect(expected).toEqual(ids.slice(0, i + 1).filter((x) => disputes.get(x)?.closedAt === undefined));
        });
      }),
    );
  });
});
