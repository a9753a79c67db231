/**
 * In-memory replay, three variants on the same log, interleaved round by round: ours
 * (`Replayer.push`: compiled machines + read models), the ceiling (a hand-written switch
 * reducer with the same bookkeeping, baselines/) and the naive fold (ours with every machine
 * step through xstate's pure `transition()`, in a child process, on a prefix because it is
 * about a thousand times slower). Before any timing, all three folds must agree on the key
 * numbers (baselines/agreement.ts): a baseline only counts if it computed the same thing.
 */
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import { differences, keyNumbersOf, keyNumbersOfCeiling } from '../baselines/agreement.js';
import { ceilingApply, ceilingInitial } from '../baselines/switchReducer.js';
import { int, ratio, timingHeader, timingJson, timingRow } from '../lib/format.js';
import { cpuRate, rate, timeSettled, timing, type Sample } from '../lib/measure.js';
import { note } from '../lib/progress.js';
import type { Suite } from '../lib/suite.js';
import { DEFAULT_SPEC, logFor, unitFor } from '../lib/workload.js';
import { NaiveChild } from '../lib/naiveChild.js';

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
  if (diffs.length > 0) throw new Error(`${what} disagree, the comparison would be meaningless:\n  ${diffs.join('\n  ')}`);
}

/** Share of each event type in `log`, largest first. */
function mixOf(log: readonly Recorded[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of log) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => [t, Number((n / log.length).toFixed(4))]),
  );
}

export const suite: Suite = {
  name: 'inMemory',
  title: 'in-memory replay beside the switch ceiling and xstate transition()',
  async run({ options }) {
    note(`generating the workload (${int(options.events)} events)`);
    const unit = unitFor(DEFAULT_SPEC);
    const log = logFor(DEFAULT_SPEC, options.events);
    note('validating: ours, the ceiling and the naive fold must agree on the key numbers');
    const keys = keyNumbersOf(foldOurs(log).peek());
    mustAgree('ours and the switch ceiling', differences(keys, keyNumbersOfCeiling(foldCeiling(log))));
    const naiveEvents = Math.min(options.naiveEvents, log.length);
    const { child, keys: naiveKeys } = await NaiveChild.start(DEFAULT_SPEC, naiveEvents);
    try {
      const prefix = log.slice(0, naiveEvents);
      mustAgree('ours and the naive fold', differences(keyNumbersOf(foldOurs(prefix).peek()), naiveKeys));
      const t = { ours: [] as Sample[], ceiling: [] as Sample[], naive: [] as Sample[], oursPrefix: [] as Sample[] };
      for (let round = 1; round <= options.rounds; round++) {
        t.ours.push(await timeSettled(() => foldOurs(log)));
        t.ceiling.push(await timeSettled(() => foldCeiling(log)));
        t.naive.push(await child.run());
        t.oursPrefix.push(await timeSettled(() => foldOurs(prefix)));
        note(`in-memory round ${round}/${options.rounds}`);
      }
      const ours = timing(log.length, t.ours);
      const ceiling = timing(log.length, t.ceiling);
      const naive = timing(naiveEvents, t.naive);
      const oursPrefix = timing(naiveEvents, t.oursPrefix);
      const vsCeiling = rate(ours) / rate(ceiling);
      const vsNaive = rate(oursPrefix) / rate(naive);
      const vsCeilingCpu = cpuRate(ours) / cpuRate(ceiling);
      const vsNaiveCpu = cpuRate(oursPrefix) / cpuRate(naive);
      return {
        lines: [
          `1. In-memory replay — ${int(log.length)} events: LogStarted, the cell's bootstrap, then a ${int(unit.body.length)}-event`,
          `   episode (seed ${DEFAULT_SPEC.seed}, ${int(DEFAULT_SPEC.unitSteps)} random commands through decide) repeated with fresh ids; median of ${options.rounds}.`,
          timingHeader('variant'),
          timingRow('ours (Replayer.push)', ours),
          timingRow('(a) ceiling: hand-written switch reducer', ceiling),
          timingRow(`ours, first ${int(naiveEvents)} events`, oursPrefix),
          timingRow('(b) naive: xstate transition() per step', naive),
          `   ours / ceiling ${ratio(vsCeiling)} (by CPU ${ratio(vsCeilingCpu)}); ours / naive ${ratio(vsNaive)} (by CPU ${ratio(vsNaiveCpu)}).`,
        ],
        json: {
          events: log.length,
          mix: mixOf(log),
          ours: timingJson(ours),
          ceiling: timingJson(ceiling),
          oursPrefix: timingJson(oursPrefix),
          naive: timingJson(naive),
          oursVsCeiling: Number(vsCeiling.toFixed(3)),
          oursVsCeilingCpu: Number(vsCeilingCpu.toFixed(3)),
          oursVsNaive: Number(vsNaive.toFixed(2)),
          oursVsNaiveCpu: Number(vsNaiveCpu.toFixed(2)),
        },
      };
    } finally {
      child.close();
    }
  },
};
