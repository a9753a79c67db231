/**
 * The escalation ladder's part of the fold: the ladder set up from the configuration the
 * first event records, and every change of pressure (incidents, de-escalation steps, dispute
 * outcomes) moving it through the compiled ladder machine, with the read model that outcome
 * metrics use (level, peak, time at each level, moves up and down).
 */
import { isDraft, original } from 'immer';
import { compiledLadder } from '../machines/index.js';
import { levelIndex } from '../machines/ladder.js';
import type { Mover } from './apply.js';
import type { FactOf, Recorded } from './catalogue.js';
import { ReplayError } from './errors.js';
import { own } from './ids.js';
import type { Mutable, ParleyState } from './state.js';
import { parseInstant } from './time.js';

type Draft = Mutable<ParleyState>;

/**
 * The snapshot itself, not an immer draft of it: under `evolve` the compiled machines would
 * otherwise read (and so copy) the draft's value tree on every transition.
 */
export function plain<T extends object>(value: T): T {
  return isDraft(value) ? (original(value as never) as T) : value;
}

function ms(at: string): number {
  return parseInstant(at) as number;
}

/** Sets the ladder up at its lowest level, from the configuration the first event records. */
export function startLadder(s: Draft, e: FactOf<'LogStarted'>): void {
  const config = e.data.ladder;
  if (config.levels.length !== config.thresholds.length || config.thresholds[0] !== 0) {
    throw new ReplayError(e.seq, '[ladder] thresholds must match levels and start at 0');
  }
  const machine = compiledLadder(config).initial();
  const level = config.levels[0] as string;
  s.ladder = {
    machine,
    level,
    levelIndex: 0,
    peak: level,
    peakIndex: 0,
    sinceMs: ms(e.at),
    pressureAt: e.at,
    timeAtMs: Object.fromEntries(config.levels.map((l) => [l, 0])),
    firstAt: { [level]: e.at },
    ups: 0,
    downs: 0,
    levelsUp: 0,
    levelsDown: 0,
  };
}

/** Moves the ladder's pressure by `delta` at the time of `e`, and its level with it. */
export function pressure(s: Draft, e: Recorded, delta: number, mv: Mover): void {
  const meta = s.meta;
  const ladder = s.ladder;
  if (!meta || !ladder || delta === 0) return;
  const config = meta.ladder;
  mv(compiledLadder(plain(config)), ladder, { type: 'PRESSURE', delta });
  ladder.pressureAt = e.at;
  const index = levelIndex(config, ladder.machine.context.pressure);
  if (index === ladder.levelIndex) return;
  const now = ms(e.at);
  if (index > ladder.levelIndex) {
    ladder.ups += 1;
    ladder.levelsUp += index - ladder.levelIndex;
  } else {
    ladder.downs += 1;
    ladder.levelsDown += ladder.levelIndex - index;
  }
  ladder.timeAtMs[ladder.level] = (ladder.timeAtMs[ladder.level] ?? 0) + (now - ladder.sinceMs);
  ladder.level = config.levels[index] as string;
  ladder.levelIndex = index;
  ladder.sinceMs = now;
  if (!own(ladder.firstAt, ladder.level)) ladder.firstAt[ladder.level] = e.at;
  if (index > ladder.peakIndex) {
    ladder.peakIndex = index;
    ladder.peak = ladder.level;
  }
}
