/**
 * How `parley run` judges a run that stopped before its horizon: always said, and a failure
 * (exit 1) unless the user's own --max-events stopped it. (The default safety limit of
 * 5,000,000 events is too large to reach in a test run, so the verdict is tested here.)
 */
import { describe, expect, it } from 'vitest';
import { stopVerdict } from '../../src/cli/run.js';
import type { RunResult } from '../../src/sim/simulation.js';

const result = (endedBy: RunResult['endedBy']): RunResult =>
  ({ endedBy, reachedAt: '2026-02-01T00:00:00Z', events: 5_000_003, refused: [], refusedCount: 0 }) as unknown as RunResult;

describe('stopVerdict', () => {
  it('says nothing of a run that reached its horizon', () => {
    expect(stopVerdict(result('horizon'), 5_000_000, false)).toBeUndefined();
  });

  it('fails a run the safety limit stopped, and says how to raise it', () => {
    expect(stopVerdict(result('stopped'), 5_000_000, false)).toEqual({
      notice: 'the run stopped early at 2026-02-01T00:00:00Z with 5000003 events recorded, at the safety limit of 5,000,000 events (raise it with --max-events): the outcomes cover only the part simulated',
      failed: true,
    });
  });

  it('does not fail a run the user stopped with --max-events', () => {
    expect(stopVerdict(result('stopped'), 100, true)).toMatchObject({ failed: false, notice: expect.stringMatching(/at --max-events 100:/) });
  });
});
