/**
 * One "episode" of realistic traffic, generated through the real rules, that can be repeated
 * back to back to build logs of any length.
 *
 * `StreamGenerator` plays random commands through `decide`, so its output is valid by
 * construction, but it rescans the whole state on every step (quadratic: 16k events take
 * 8 s). So we generate one episode of a few thousand events, then close it with a short tail
 * (again through `decide`): every open dispute is withdrawn, an open meeting is closed and the
 * cell is suspended and resumed. Resuming re-enters `active` afresh, so after the tail the
 * cell machine and the per-track open-dispute counts are exactly as right after
 * `CellActivated`, and a renamed copy of the episode is valid again (see copies.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Fact, Recorded } from '../../src/core/catalogue.js';
import { command, type Command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { StreamGenerator } from '../../src/testing/streamGenerator.js';
import { XorshiftChooser } from '../lib/xorshift.js';

/** The pieces a long log is built from. */
export interface Unit {
  /** `LogStarted` … `CellActivated`: appears once, at the start of the log. */
  readonly bootstrap: readonly Recorded[];
  /** The episode plus its closing tail; repeated (renamed, shifted in time). */
  readonly body: readonly Recorded[];
  /** Milliseconds from the first to the last event of `body`. */
  readonly spanMs: number;
}

/** How a unit is generated. */
export interface UnitOptions {
  readonly seed: number;
  /** Commands attempted by the generator (about a quarter are accepted). */
  readonly steps: number;
}

/** Builds the unit; throws if the tail could not restore the post-activation state. */
export function generateUnit(options: UnitOptions): Unit {
  // A dissolved cell cannot be brought back to "just activated": the episode never dissolves it.
  const g = new StreamGenerator(new XorshiftChooser(options.seed), { steps: options.steps, decide: withoutDissolution });
  const bootstrapLength = g.log.length;
  const replayer = new Replayer();
  for (const e of g.log.slice(0, bootstrapLength)) replayer.push(e);
  const activated = structuredClone(replayer.peek().cell?.machine.value);
  for (let i = 0; i < options.steps; i++) g.next();
  const events: Recorded[] = [...g.log];
  for (const e of events.slice(bootstrapLength)) replayer.push(e);
  const last = events[events.length - 1] as Recorded;
  for (const cmd of closingTail(replayer, last.at)) {
    const result = decide(cmd, replayer.peek());
    if (result instanceof DomainError) throw new Error(`bench workload: closing tail refused ${cmd.type}: ${result.message}`);
    for (const f of result) {
      const e = { ...f, seq: replayer.seq + 1 } as Recorded;
      replayer.push(e);
      events.push(e);
    }
  }
  const end = replayer.peek();
  const reset = isDeepStrictEqual(end.cell?.machine.value, activated) && Object.values(end.openDisputes).every((n) => n === 0);
  if (!reset) throw new Error('bench workload: the closing tail did not restore the post-activation cell state');
  // Copies renumber seqs; a `cause` would need renumbering too, and the generator sets none.
  if (events.some((e) => e.cause !== undefined)) throw new Error('bench workload: events with a cause are not supported');
  const body = events.slice(bootstrapLength);
  const first = Date.parse((body[0] as Recorded).at);
  return { bootstrap: events.slice(0, bootstrapLength), body, spanMs: Date.parse(last.at) - first };
}

/** `decide`, except that the cell is never dissolved (what the closing tail could not undo). */
function withoutDissolution(cmd: Command, s: ParleyState): readonly Fact[] | DomainError {
  return cmd.type === 'DissolveCell' ? new DomainError('NOT_ALLOWED', '[bench] the workload never dissolves the cell: its copies continue it') : decide(cmd, s);
}

/** Commands that bring the cell back to "just activated", computed from the current state. */
function* closingTail(replayer: Replayer, at: string): Generator<Command> {
  const s = replayer.peek();
  for (const d of s.disputes.values()) {
    if (d.closedAt === undefined) yield command('WithdrawDispute', { actor: d.by, at }, { disputeId: d.id });
  }
  const cell = replayer.peek().cell?.machine.value;
  const meeting = typeof cell === 'object' && cell !== null && 'active' in cell ? (cell.active as Record<string, string>).meetings : undefined;
  if (meeting === 'regular' || meeting === 'extraordinary') {
    const open = [...s.meetings.values()].filter((m) => m.closedAt === undefined).pop();
    if (open) yield command('CloseMeeting', { actor: 'cell', at }, { meetingId: open.id });
  }
  if (typeof replayer.peek().cell?.machine.value === 'object') {
    yield command('SuspendCell', { actor: 'us', at }, { reason: 'episode boundary' });
  }
  yield command('ResumeCell', { actor: 'us', at }, { reason: 'episode boundary' });
}
