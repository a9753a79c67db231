/**
 * The kit's invariants hold on real runs and catch what they claim to: valid streams edited
 * into invalid ones are reported at the edited event, by the invariant that forbids it.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { formatInstant, parseInstant } from '../../src/core/time.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runPlan } from '../../src/sim/simulation.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { checkEveryPrefix, describeFailure, type PrefixReport } from '../../src/testing/checkEveryPrefix.js';
import { PARLEY_INVARIANTS } from '../../src/testing/invariants.js';
import type { Invariant } from '../../src/testing/invariant.js';
import { acknowledgementsAfterDeliveryInvariant, countersMatchInvariant, disputesClosedOnceInvariant } from '../../src/testing/stateInvariants.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;

/** Events renumbered 1…n, as a log would hold them after an edit. */
const renumber = (events: readonly Recorded[]): Recorded[] => events.map((e, i) => ({ ...e, seq: i + 1 }) as Recorded);

const edited = (events: readonly Recorded[], k: number, change: (e: any) => unknown): Recorded[] =>
  events.map((e, i) => (i === k ? (change(structuredClone(e)) as Recorded) : e));

/** A stream with at least one event matching `where`, and the index of one such event. */
const streamAndIndex = (where: (e: Recorded) => boolean, constraints = {}) =>
  eventStreamArbitrary({ maxSteps: 80, mechanism: true, ...constraints })
    .filter((events) => events.some(where))
    .chain((events) => {
      const indices = events.flatMap((e, i) => (where(e) ? [i] : []));
      return fc.constantFrom(...indices).map((k) => ({ events, k }));
    });

function expectCaught(report: PrefixReport, seq: number, invariants: readonly string[]): void {
  if (report.ok) throw new Error(`not caught (expected at seq ${seq})`);
  expect({ seq: report.seq, invariant: invariants.includes(report.invariant) }).toEqual({ seq, invariant: true });
}

describe('the invariants', () => {
  it('have distinct names and one-sentence statements', () => {
    const names = PARLEY_INVARIANTS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { name, statement } of PARLEY_INVARIANTS) {
      expect(name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(statement).toMatch(/^[A-Z][^\n]*\.$/);
    }
  });

  it('hold at every prefix of every shipped scenario run', async () => {
    for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
      const loaded = await loadScenario(SCENARIOS + file);
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const events: Recorded[] = [];
      runPlan(compileScenario(loaded.scenario, { hash: loaded.hash, parleyVersion: 'test' }), { onEvent: (e) => events.push(e) });
      const report = checkEveryPrefix(events);
      expect(report.ok ? report : describeFailure(report, events), file).toEqual({ ok: true, events: events.length });
    }
  });
});

describe('edited streams are caught at the edited event', () => {
  it('a fact recorded by someone whose role does not allow it', () => {
    /** Who may record each of these facts, given the events before it. */
    const allowed = (e: Recorded, before: readonly Recorded[]): readonly string[] => {
      const sent = (id: string) => before.find((x) => x.type === 'MessageSent' && x.data.messageId === id) as any;
      const raised = (id: string) => before.find((x) => x.type === 'DisputeRaised' && x.data.disputeId === id) as any;
      switch (e.type) {
        case 'SupervisorRuled':
        case 'MediationFailed':
          return ['us'];
        case 'MessageDelivered':
          return ['cell'];
        case 'AckDeadlineMissed':
        case 'RoundPlayed':
          return ['sim'];
        case 'IncidentObserved':
          return ['alpha', 'bravo', 'charlie'];
        case 'MessageAcknowledged':
          return [sent(e.data.messageId).data.to];
        case 'DisputeAcknowledged':
          return [raised(e.data.disputeId).data.against];
        default:
          throw new Error(e.type);
      }
    };
    const restricted = new Set(['SupervisorRuled', 'MediationFailed', 'MessageDelivered', 'AckDeadlineMissed', 'DisputeAcknowledged', 'MessageAcknowledged', 'IncidentObserved', 'RoundPlayed']);
    fc.assert(
      fc.property(streamAndIndex((e) => restricted.has(e.type), { game: true }), fc.constantFrom('us', 'cell', 'sim', 'world', 'alpha', 'bravo'), ({ events, k }, actor) => {
        fc.pre(!allowed(events[k] as Recorded, events.slice(0, k)).includes(actor));
        const changed = edited(events, k, (e) => ({ ...e, actor }));
        expectCaught(checkEveryPrefix(changed), k + 1, ['actorsInRole', 'folds']);
      }),
      { numRuns: 100 },
    );
  });

  it('a reference to a party, incident, message or dispute that does not exist', () => {
    const fields = ['to', 'against', 'incidentId', 'retaliationFor', 'inReplyTo', 'attributedTo', 'party'] as const;
    const where = (e: Recorded) => e.type !== 'LogStarted' && fields.some((f) => typeof (e.data as Record<string, unknown>)[f] === 'string');
    fc.assert(
      fc.property(streamAndIndex(where), ({ events, k }) => {
        const changed = edited(events, k, (e) => {
          const f = fields.find((x) => typeof e.data[x] === 'string') as string;
          e.data[f] = 'nobody-1';
          return e;
        });
        expectCaught(checkEveryPrefix(changed), k + 1, ['referencesExist', 'folds']);
      }),
      { numRuns: 100 },
    );
  });

  it('business done while the cell is suspended', () => {
    fc.assert(
      fc.property(streamAndIndex((e) => e.type === 'CellSuspended'), ({ events, k }) => {
        const suspended = events[k] as Recorded;
        const message = { type: 'MessageSent', v: 1, at: suspended.at, actor: 'alpha', seq: 0, data: { messageId: 'late-1', to: 'bravo', track: 'diplomatic', kind: 'warning', ackBy: suspended.at } } as Recorded;
        const changed = renumber([...events.slice(0, k + 1), message, ...events.slice(k + 1)]);
        expectCaught(checkEveryPrefix(changed), k + 2, ['businessInActiveCell']);
      }),
      { numRuns: 60 },
    );
  });

  it('a deadline marked as missed before it passed', () => {
    fc.assert(
      fc.property(streamAndIndex((e) => e.type === 'AckDeadlineMissed'), ({ events, k }) => {
        const missed = events[k] as Recorded & { data: { messageId: string } };
        const sent = events.findIndex((e) => e.type === 'MessageSent' && e.data.messageId === missed.data.messageId);
        const changed = edited(events, sent, (e) => ({ ...e, data: { ...e.data, ackBy: formatInstant((parseInstant(missed.at) as number) + 1000) } }));
        expectCaught(checkEveryPrefix(changed), k + 1, ['deadlinesRespected']);
      }),
      { numRuns: 60 },
    );
  });

  it('time going backwards', () => {
    fc.assert(
      fc.property(streamAndIndex((e) => e.seq > 1), ({ events, k }) => {
        const previous = events[k - 1] as Recorded;
        const changed = edited(events, k, (e) => ({ ...e, at: formatInstant((parseInstant(previous.at) as number) - 60_000) }));
        expectCaught(checkEveryPrefix(changed), k + 1, ['timeInOrder', 'disputesClosedOnce', 'acknowledgementsAfterDelivery', 'deadlinesRespected']);
      }),
      { numRuns: 100 },
    );
  });

  it('anything after SimulationEnded', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 40, end: true }).filter((es) => es.length > 2), fc.nat(), (events, n) => {
        const extra = events[1 + (n % (events.length - 2))] as Recorded;
        const changed = renumber([...events, { ...extra, at: (events.at(-1) as Recorded).at }]);
        expectCaught(checkEveryPrefix(changed), changed.length, ['nothingAfterEnd', 'folds', 'countersMatch', 'disputesClosedOnce']);
      }),
      { numRuns: 60 },
    );
  });

  it('malformed data, and a fact the machines refuse', () => {
    fc.assert(
      fc.property(streamAndIndex((e) => e.type === 'MessageSent'), ({ events, k }) => {
        const bad = edited(events, k, (e) => ({ ...e, data: { ...e.data, track: 'weather' } }));
        expectCaught(checkEveryPrefix(bad), k + 1, ['wellFormed']);
        const id = (events[k] as Recorded & { data: { messageId: string } }).data.messageId;
        const ack = { type: 'MessageAcknowledged', v: 1, at: (events.at(-1) as Recorded).at, actor: (events[k] as any).data.to, seq: 0, data: { messageId: id } } as Recorded;
        const state = new Replayer();
        for (const e of events) state.push(e);
        fc.pre(!state.peek().messages.get(id)?.machine.context.delivered && !state.peek().ended);
        expectCaught(checkEveryPrefix(renumber([...events, ack])), events.length + 1, ['folds']);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the state invariants, on states the fold cannot produce', () => {
  /** A stream with a settlement, folded with `inv`'s check primed on every event. */
  const primed = (inv: Invariant) => {
    const [events] = fc.sample(eventStreamArbitrary({ maxSteps: 120, mechanism: true, procedures: ['disputes'] }).filter((es) => es.some((e) => e.type === 'SettlementReached')), { numRuns: 1, seed: 5 });
    const r = new Replayer();
    const check = inv.start();
    for (const e of events as Recorded[]) {
      r.push(e);
      expect(check(r.peek(), e)).toEqual([]);
    }
    return { check, state: r.state(), events: events as Recorded[] };
  };

  it('a dispute closed a second time, or closed without its machine being final', () => {
    const { check, state, events } = primed(disputesClosedOnceInvariant);
    const settled = events.find((e) => e.type === 'SettlementReached') as Recorded & { data: { disputeId: string } };
    expect(check(state, settled)).toEqual([]);
    const again = structuredClone(state) as any;
    again.disputes.get(settled.data.disputeId).closedAt = '2027-01-01T00:00:00Z';
    expect(check(again, settled).join()).toMatch(/closed twice/);
    const open = structuredClone(state) as any;
    const d = open.disputes.get(settled.data.disputeId);
    d.machine = { ...d.machine, status: 'active' };
    expect(check(open, settled).join()).toMatch(/does not match its machine/);
    // The whole-state form, run at the end of a stream, sees the same.
    expect(disputesClosedOnceInvariant.whole?.(state)).toEqual([]);
    expect(disputesClosedOnceInvariant.whole?.(open).join()).toMatch(/does not match its machine/);
  });

  it('counters that disagree with the events', () => {
    const { check, state, events } = primed(countersMatchInvariant);
    const wrong = structuredClone(state) as any;
    wrong.counters.byType.MessageSent += 1;
    expect(check(wrong, events.at(-1) as Recorded).join()).toMatch(/event counters/);
    expect(countersMatchInvariant.whole?.(state)).toEqual([]);
    expect(countersMatchInvariant.whole?.(wrong).join()).toMatch(/event counters/);
    const retaliations = structuredClone(state) as any;
    retaliations.counters.retaliations += 1;
    expect(countersMatchInvariant.whole?.(retaliations).join()).toMatch(/retaliations: 1 counted, 0 incidents/);
  });

  it('a message acknowledged without delivery, in the whole-state form', () => {
    const { state } = primed(acknowledgementsAfterDeliveryInvariant);
    const wrong = structuredClone(state) as any;
    wrong.messages.set('msg-x', { id: 'msg-x', acknowledgedAt: state.at, machine: { value: 'acknowledged', context: { delivered: false, lost: false } } });
    expect(acknowledgementsAfterDeliveryInvariant.whole?.(wrong).join()).toMatch(/msg-x: acknowledged but never delivered/);
  });
});
