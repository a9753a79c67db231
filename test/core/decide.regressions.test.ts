/**
 * Regression tests for defects found in decide (src/core/decide.ts) and the dispute machine
 * by the decider specifications: each was a command decide accepted although its fact could
 * not be folded or parsed (or one it could never accept), now fixed and pinned here.
 */
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/core/catalogue.js';
import type { Command } from '../../src/core/commands.js';
import { command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { DEFAULT_LADDER } from '../../src/machines/ladder.js';
import type { History } from './given.js';
import {
  activeCell,
  disputeAcknowledged,
  factFindingOpened,
  fold,
  given,
  meetingClosed,
  meetingOpened,
  raisedDispute,
  roundPlayed,
  started,
  T0,
} from './given.js';

/** The command must be refused, whatever the code: accepting it records an invalid log. */
function expectRefused(history: History, cmd: Command): void {
  expect(decide(cmd, fold(history))).toBeInstanceOf(DomainError);
}

describe('decide: known defects', () => {
  it('records findings of an open fact-finding (the dispute machine has REPORT_FINDINGS: {}, so it never can)', () => {
    const h = [started(), activeCell(), raisedDispute('d-1', 'syria', 'israel'), disputeAcknowledged('d-1', 'israel'), factFindingOpened('d-1')];
    const data = { disputeId: 'd-1', finding: 'the patrol crossed line A', attributedTo: 'israel' };
    given(h).when(command('ReportFindings', { actor: 'us', at: T0 }, data)).then([fact('FactFindingReported', { actor: 'us', at: T0 }, data)]);
  });

  it('refuses to close a meeting that is not the open one (accepted today; evolve then throws)', () => {
    expectRefused([started(), activeCell(), meetingOpened('mtg-1', 'regular')], command('CloseMeeting', { actor: 'cell', at: T0 }, { meetingId: 'mtg-9' }));
  });

  it('refuses to reopen a meeting id already used (accepted today; evolve then throws)', () => {
    const h = [started(), activeCell(), meetingOpened('mtg-1', 'regular'), meetingClosed('mtg-1')];
    expectRefused(h, command('OpenMeeting', { actor: 'cell', at: T0 }, { meetingId: 'mtg-1', kind: 'regular', agenda: { incidents: [], disputes: [] } }));
  });

  it('refuses StartLog from anyone but the clock (accepted today, even from an invalid id)', () => {
    expectRefused([], command('StartLog', { actor: 'no such actor!', at: T0 }, started().data));
  });

  it('refuses StartLog whose ladder thresholds do not match its levels (accepted today; evolve then throws)', () => {
    expectRefused([], command('StartLog', { actor: 'sim', at: T0 }, { ...started().data, ladder: { ...DEFAULT_LADDER, thresholds: [0, 10] } }));
  });

  it('refuses a cause that is not the seq of an earlier event (cause 0 is accepted today and fails parseEvent)', () => {
    const cmd = command('TakeDeescalationStep', { actor: 'syria', at: T0, cause: 0 }, { stepId: 'step-1', kind: 'k', cameo: '087', weight: 9 });
    expectRefused([started()], cmd);
  });

  it('refuses an accident clarification by the cell when the mechanism is switched off', () => {
    expectRefused([started({ mechanism: false, game: true }), roundPlayed(1)], command('ClarifyAccident', { actor: 'cell', at: T0 }, { round: 1, to: 'syria' }));
  });
});

describe('decide: the deadline a fact gets', () => {
  it('copies the command data key for key, an own __proto__ key included, and never touches the copy\'s prototype', () => {
    const data = JSON.parse('{"messageId":"m-1","to":"israel","track":"intelligence","kind":"notification","__proto__":{"polluted":true}}');
    const r = decide(command('SendMessage', { actor: 'syria', at: T0 }, data), fold([started(), activeCell()]), { validateData: false });
    if (!Array.isArray(r)) throw new Error('refused');
    const out = (r[0] as { data: Record<string, unknown> }).data;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['messageId', 'to', 'track', 'kind', '__proto__', 'ackBy']);
    expect(out.ackBy).toBe('2026-01-07T00:00:00Z');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // With the schema check on, the stray key is refused as before.
    const checked = decide(command('SendMessage', { actor: 'syria', at: T0 }, data), fold([started(), activeCell()]));
    expect(checked).toMatchObject({ code: 'INVALID_DATA' });
  });
});
