/**
 * In-memory replay, three variants on the same log, interleaved round by round:
 * ours (`Replayer.push`: compiled machines + read models), the ceiling (hand-written switch
 * reducer, same bookkeeping) and the naive fold (ours with xstate's pure `transition()`, in a
 * child process, on a prefix because it is ~1000× slower). Before any timing, all three folds
 * are checked to agree on the key numbers; those validating folds double as the warm-up and
 * are timed in blocks to check that replay cost stays linear in the log length.
 */
import type { Recorded } from '../../src/core/catalogue.js';
import { replay, Replayer } from '../../src/core/replay.js';
import { differences, keyNumbersOf, keyNumbersOfCeiling, type KeyNumbers } from '../baselines/agreement.js';
import { ceilingApply, ceilingInitial } from '../baselines/switchReducer.js';
import { timeSettled, timing, type Sample, type Timing } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { WorkloadSpec } from '../lib/workload.js';
import { NaiveChild } from './naiveChild.js';
import { foldInBlocks, type Scaling } from './scaling.js';

/** Options of the in-memory suite. */
export interface InMemoryOptions {
  readonly spec: WorkloadSpec;
  readonly rounds: number;
  readonly naiveEvents: number;
  /** Deadline of each validating fold, ms. */
  readonly deadlineMs: number;
}

/** What the suite measured. */
export interface InMemoryResult {
  readonly ours: Timing;
  readonly ceiling: Timing;
  readonly naive: Timing;
  /** Ours on the naive variant's prefix: the like-for-like comparison with it. */
  readonly oursPrefix: Timing;
  /** `replay(events)` once: the fold plus the final `state()` deep copy. */
  readonly replayWithSnapshotMs: number;
  /** Key numbers of our final state (the file suite checks its fold against them). */
  readonly keys: KeyNumbers;
  readonly scaling: { readonly ours: Scaling; readonly ceiling: Scaling };
}

function foldOurs(log: readonly Recorded[]): Replayer {
  const r = new Replayer();
  for (let i = 0; i < log.length; i++) r.push(log[i] as Recorded);
  return r;
}

function foldCeiling(log: readonly Recorded[]): ReturnType<typeof ceilingInitial> {
  const s = ceilingInitial();
  for (let i = 0; i < log.length; i++) ceilingApply(s, log[i] as Recorded);
  return s;
}

function mustAgree(what: string, diffs: string[]): void {
  if (diffs.length > 0) throw new Error(`bench: ${what} disagree, the comparison would be meaningless:\n  ${diffs.join('\n  ')}`);
}

/** Runs the suite on `log` (which must be valid: the first fold below throws otherwise). */
export async function runInMemory(log: readonly Recorded[], options: InMemoryOptions): Promise<InMemoryResult> {
  note(`validating the ${log.length.toLocaleString('en-US')}-event log with Replayer and checking the ceiling agrees`);
  const replayer = new Replayer();
  const oursScaling = foldInBlocks('ours', log, (e) => replayer.push(e), options.deadlineMs);
  const ours = keyNumbersOf(replayer.peek());
  const ceilingState = ceilingInitial();
  const ceilingScaling = foldInBlocks('ceiling', log, (e) => ceilingApply(ceilingState, e), options.deadlineMs);
  mustAgree('ours and the switch ceiling', differences(ours, keyNumbersOfCeiling(ceilingState)));
  const naiveEvents = Math.min(options.naiveEvents, log.length);
  note(`starting the naive child (xstate transition() per machine event) on the first ${naiveEvents.toLocaleString('en-US')} events`);
  const { child, keys } = await NaiveChild.start(options.spec, naiveEvents);
  try {
    const prefix = log.slice(0, naiveEvents);
    mustAgree('ours and the naive fold', differences(keyNumbersOf(foldOurs(prefix).peek()), keys));
    const t = { ours: [] as Sample[], ceiling: [] as Sample[], naive: [] as Sample[], oursPrefix: [] as Sample[] };
    for (let round = 1; round <= options.rounds; round++) {
      t.ours.push(await timeSettled(() => foldOurs(log)));
      t.ceiling.push(await timeSettled(() => foldCeiling(log)));
      t.naive.push(await child.run());
      t.oursPrefix.push(await timeSettled(() => foldOurs(prefix)));
      const last = (xs: Sample[]): string => (xs[xs.length - 1] as Sample).ms.toFixed(0);
      note(`round ${round}/${options.rounds}: ours ${last(t.ours)} ms, ceiling ${last(t.ceiling)} ms, naive ${last(t.naive)} ms (${naiveEvents} ev)`);
    }
    const replayWithSnapshotMs = (await timeSettled(() => replay(log))).ms;
    const result = {
      ours: timing(log.length, t.ours),
      ceiling: timing(log.length, t.ceiling),
      naive: timing(naiveEvents, t.naive),
      oursPrefix: timing(naiveEvents, t.oursPrefix),
      replayWithSnapshotMs,
      keys: ours,
      scaling: { ours: oursScaling, ceiling: ceilingScaling },
    };
    return result;
  } finally {
    child.close();
  }
}
