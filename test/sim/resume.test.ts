/**
 * A suspension holds every dispute in the cell where it stands (the cell refuses the next
 * step); when the cell resumes, each is taken up again from that step instead of staying open
 * for good.
 */
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { runPlan } from '../../src/sim/simulation.js';

/** A dispute under fact-finding when a strike suspends the cell for three days. */
const SCENARIO = {
  parley: 1,
  name: 'dispute caught by a suspension',
  start: '2026-03-01T00:00:00Z',
  horizon: 'P30D',
  seed: 7,
  parties: {
    syria: { name: 'Syria', policy: { kind: 'dove', ackDelay: 'PT1H' } },
    israel: { name: 'Israel', policy: { kind: 'dove', ackDelay: 'PT1H' } },
  },
  supervisor: { id: 'us', name: 'United States', mediation: { factFinding: 'P2D' } },
  mechanism: {
    enabled: true,
    meetings: { every: 'P60D' },
    suspension: { by: ['syria'], onSeverityAbove: 0.85, resumeAfter: 'P3D' },
  },
  timeline: [
    { at: '2026-03-02T00:00:00Z', dispute: { id: 'd-1', by: 'syria', against: 'israel', claim: 'Buffer-zone patrol' } },
    {
      at: '2026-03-02T12:00:00Z',
      incident: { id: 'strike-1', kind: 'airstrike', by: 'israel', against: 'syria', blamed: 'israel', severity: 0.95 },
    },
  ],
};

function run(): Recorded[] {
  const v = validateScenario(SCENARIO);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const events: Recorded[] = [];
  runPlan(compileScenario(v.scenario, { hash: '0'.repeat(64), parleyVersion: 'test' }), { onEvent: (e) => events.push(e) });
  return events;
}

describe('resuming the cell', () => {
  it('takes up a dispute the suspension caught mid-procedure and brings it to an end', () => {
    const events = run();
    const at = (type: string) => events.find((e) => e.type === type);
    const suspended = at('CellSuspended');
    const resumed = at('CellResumed');
    const opened = events.find((e) => e.type === 'FactFindingOpened');
    expect(suspended && resumed && opened).toBeTruthy();
    // The dispute was under fact-finding when the cell was suspended…
    expect((opened as Recorded).seq).toBeLessThan((suspended as Recorded).seq);
    const reported = events.find((e) => e.type === 'FactFindingReported');
    // …the findings could not be reported while suspended, and were after the resumption…
    expect(reported && reported.seq > (resumed as Recorded).seq).toBe(true);
    // …and the dispute came to an end.
    const closing = ['SettlementReached', 'RulingAccepted', 'DisputeWithdrawn', 'DisputeEscalated', 'DisputeLapsed'];
    const ended = events.filter((e) => closing.includes(e.type) && (e.data as { disputeId?: string }).disputeId === 'd-1');
    expect(ended.length).toBeGreaterThan(0);
  });
});
