/** Steps in plain words, the machines they move, and the screen the stepper draws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fact, type Fact, type Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { describeEvent, formatChange, glimpse, type StepDescription } from '../../src/report/stepper/describe.js';
import { pendingDeadlines, renderFrame } from '../../src/report/stepper/frame.js';
import { clean, narrate } from '../../src/report/stepper/narrate.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { cellUp, h, incident, logStarted, message, numbered, raise } from './fixtures.js';

/** Every step of `facts` described, with the replayer at the end. */
function steps(facts: readonly Fact[]): { steps: StepDescription[]; replayer: Replayer } {
  const replayer = new Replayer();
  const out = numbered(facts).map((e) => {
    const g = glimpse(replayer.peek(), e);
    replayer.push(e);
    return describeEvent(g, e, replayer.peek());
  });
  return { steps: out, replayer };
}

describe('describeEvent', () => {
  it('says who observed what, whom they blamed, and that it was misattributed', () => {
    const { steps: s } = steps([
      logStarted(),
      ...cellUp(),
      incident(h(1), 'world', 'israel', 'airstrike-3'),
      fact('IncidentObserved', { at: h(1), actor: 'israel' }, { incidentId: 'airstrike-3', attributedTo: 'syria', severity: 0.72 }),
    ]);
    expect(s.at(-1)?.text).toBe('israel observed incident airstrike-3 (true actor: world) and blamed syria, severity 0.72 (misattributed)');
    expect(s.at(-2)?.changes).toEqual([{ machine: 'ladder', from: 'calm', to: 'tension' }]);
  });

  it('lists each machine moved, before → after, and the new ones', () => {
    const { steps: s } = steps([
      logStarted(),
      ...cellUp(),
      ...message('m-1', h(1), h(3)),
      raise('d-1', h(4)),
      fact('DisputeAcknowledged', { at: h(5), actor: 'israel' }, { disputeId: 'd-1' }),
    ]);
    const changes = s.map((d) => d.changes.map(formatChange));
    expect(changes).toEqual([
      ['ladder: (new) calm'],
      ['cell: (new) proposed'],
      ['cell: proposed → established'],
      ['cell: established → active'],
      ['cell deescalation: dormant → engaged', 'message m-1: (new) sent'],
      ['message m-1: sent → delivered'],
      ['message m-1: delivered → acknowledged'],
      ['cell deescalation: engaged → strained', 'dispute d-1: (new) raised'],
      ['dispute d-1: raised → acknowledged'],
    ]);
    expect(s.at(-1)?.text).toBe('israel acknowledged dispute d-1 (syria vs israel)');
  });

  // Every type has a case (the switch in narrate.ts is exhaustive: TypeScript checks it).
  it('words the events of any stream without throwing, naming their subject', () => {
    fc.assert(
      fc.property(eventStreamArbitrary({ maxSteps: 120 }), (events: Recorded[]) => {
        const r = new Replayer();
        for (const e of events) {
          r.push(e);
          const text = narrate(e, r.peek());
          expect(text.length).toBeGreaterThan(10);
          const data = e.data as Record<string, unknown>;
          const subject = data.disputeId ?? data.messageId ?? data.incidentId ?? data.meetingId;
          if (typeof subject === 'string') expect(text).toContain(subject);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('shows control characters in scenario text as escapes, never raw', () => {
    expect(clean('a\u001b[31mb\nc\u2028')).toBe('a\\u{1b}[31mb\\u{a}c\\u{2028}');
    const { steps: s } = steps([
      logStarted(),
      ...cellUp(),
      fact('CellSuspended', { at: h(1), actor: 'us' }, { reason: 'strike\u001b[2J\u0007' }),
    ]);
    expect(s.at(-1)?.text).toBe('us suspended the cell: "strike\\u{1b}[2J\\u{7}"');
  });
});

describe('the stepper screen', () => {
  it('shows the ladder, open disputes and pending deadlines soonest first, with missed ones marked', () => {
    const { steps: s, replayer } = steps([
      logStarted(),
      ...cellUp(),
      raise('d-1', h(2)),
      fact('MessageSent', { at: h(3), actor: 'israel' }, { messageId: 'm-1', to: 'syria', track: 'intelligence', kind: 'warning', ackBy: h(5) }),
      fact('DeescalationStepTaken', { at: h(30), actor: 'israel' }, { stepId: 's-1', kind: 'hotlineCall', cameo: '036', weight: 4 }),
    ]);
    const state = replayer.peek();
    expect(pendingDeadlines(state)).toEqual([
      { at: h(5), what: 'acknowledge warning m-1 (israel → syria)', missed: true },
      { at: h(170), what: 'respond to dispute d-1 (syria vs israel)', missed: false },
    ]);
    const screen = renderFrame({ step: s.at(-1), state, last: 7, status: '', help: false, rows: 40 }).join('\n');
    expect(screen).toContain('seq 7 of 7');
    expect(screen).toContain('ladder    calm (pressure 0.0), peak so far calm');
    expect(screen).toContain('disputes  1 open of 1\n  d-1  syria vs israel  raised  respond by');
    expect(screen).toContain(`  ${h(5)}  acknowledge warning m-1 (israel → syria)  (missed)`);
  });
});
