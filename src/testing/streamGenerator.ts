/**
 * Generates event streams by playing random commands through a decider (`decide` unless told
 * otherwise): every event in the output was accepted by the decider and folded by the real
 * fold, so with Parley's own `decide` the streams are valid by construction, whatever the
 * choices. Choices come from a `Chooser`, which fast-check drives in property tests (so
 * failures shrink) and a seeded PRNG drives in benchmarks.
 *
 * With a decider that accepts something the machines forbid (a deliberately broken variant,
 * say), the offending event ends the stream: it is kept as the last event, so a check of the
 * stream finds it, and nothing more is generated (the fold cannot go past it).
 *
 * This file holds the generator and what it records; the commands it attempts are the menu
 * of stepMenu.ts, built from choices a `StreamPicker` (streamPicker.ts) draws.
 */
import type { Fact, Recorded, Track } from '../core/catalogue.js';
import { TRACKS } from '../core/catalogue.js';
import type { Command } from '../core/commands.js';
import { decide } from '../core/decide.js';
import { DomainError, ReplayError } from '../core/errors.js';
import { Replayer } from '../core/replay.js';
import type { ParleyState } from '../core/state.js';
import { parseInstant } from '../core/time.js';
import type { Deadlines } from './build.js';
import { DEFAULT_DEADLINES, SUPERVISOR, make, startLog } from './build.js';
import { type MenuEntry, stepMenu } from './stepMenu.js';
import { StreamPicker } from './streamPicker.js';

/** Source of choices: `int(n)` returns an integer in `[0, n)`. */
export interface Chooser {
  int(n: number): number;
}

/** A decider: Parley's `decide`, or a variant of it under test. */
export type Decider = (command: Command, state: ParleyState) => readonly Fact[] | DomainError;

/**
 * The procedures a generated stream may exercise.
 * @example eventStreamArbitrary({ procedures: PROCEDURES.filter((p) => p !== 'game') })
 */
export const PROCEDURES = ['incidents', 'messages', 'disputes', 'meetings', 'cell', 'game'] as const;
/** One procedure of the mechanism (see {@link PROCEDURES}). */
export type Procedure = (typeof PROCEDURES)[number];

/** Options of `generateStream` and `StreamGenerator`. */
export interface StreamOptions {
  /** How many commands to attempt (refused ones are skipped). */
  readonly steps: number;
  /** Party ids (default `alpha`, `bravo`); the supervisor is `us`. */
  readonly parties?: readonly string[];
  /** The cell's tracks (default all four). */
  readonly tracks?: readonly Track[];
  /** Whether the run has a cell; without one, only incidents and rounds happen. */
  readonly mechanism?: boolean;
  /** Include repeated-interaction rounds (same as listing `game` in `procedures`). */
  readonly game?: boolean;
  /** Which procedures to exercise (default all but `game`, which `game` switches on). */
  readonly procedures?: readonly Procedure[];
  /** End the stream with `SimulationEnded`. */
  readonly end?: boolean;
  readonly start?: string;
  /** The mechanism's deadlines (default a day to acknowledge, a week to respond). */
  readonly deadlines?: Deadlines;
  /** The decider commands go through (default Parley's `decide`). */
  readonly decide?: Decider;
}

/**
 * A stream generator over one run; `next()` attempts one command.
 * @example
 * const g = new StreamGenerator(seededChooser(7), { steps: 0, procedures: ['messages'] });
 * while (g.log.length < 1000) g.next();
 */
export class StreamGenerator {
  private readonly replayer = new Replayer();
  private readonly events: Recorded[] = [];
  private readonly picker: StreamPicker;
  private readonly deadlines: Deadlines;
  private readonly decider: Decider;
  private readonly menu: readonly MenuEntry[];
  /** Commands the decider refused so far. */
  refused = 0;
  /** Set once the decider accepted a fact the fold refuses: the stream ends there. */
  broken = false;

  constructor(choose: Chooser, options: StreamOptions) {
    const start = parseInstant(options.start ?? '2026-01-06T00:00:00Z') as number;
    this.picker = new StreamPicker(choose, options.parties ?? ['alpha', 'bravo'], options.tracks ?? TRACKS, () => this.replayer.peek(), start);
    this.deadlines = options.deadlines ?? DEFAULT_DEADLINES;
    this.decider = options.decide ?? decide;
    const mechanism = options.mechanism ?? true;
    const wanted = new Set<Procedure>(options.procedures ?? PROCEDURES.filter((p) => p !== 'game'));
    if (options.game) wanted.add('game');
    // Without a cell, only incidents and rounds can happen: the rest would only be refused.
    if (!mechanism) for (const p of ['messages', 'disputes', 'meetings', 'cell'] as const) wanted.delete(p);
    this.menu = stepMenu(this.picker, wanted.has('disputes')).filter(([p]) => wanted.has(p));
    this.bootstrap(mechanism, wanted.has('game'));
  }

  /** The events generated so far (the array grows; do not modify it). */
  get log(): readonly Recorded[] {
    return this.events;
  }

  /** The state after the last event (live view; do not modify; unreliable once `broken`). */
  get state(): ParleyState {
    return this.replayer.peek();
  }

  /** Attempts one random command; returns the events it produced (none if refused). */
  next(): readonly Recorded[] {
    if (this.broken || this.menu.length === 0) return [];
    // The procedure first: shrinking a step's choices towards 0 simplifies the command itself.
    const [, build] = this.picker.pick(this.menu) as MenuEntry;
    const cmd = build(this.picker.tick());
    return cmd ? this.submit(cmd) : [];
  }

  /** Ends the run with `SimulationEnded` (what the simulator writes last). */
  end(): readonly Recorded[] {
    return this.broken ? [] : this.submit(make('EndSimulation', 'sim', this.picker.at(), { reason: 'stopped' }));
  }

  private bootstrap(mechanism: boolean, game: boolean): void {
    const at = this.picker.at();
    const { parties, tracks } = this.picker;
    this.submit(startLog({ parties, tracks, mechanism, game, start: at, deadlines: this.deadlines }));
    if (!mechanism) return;
    this.submit(make('ProposeCell', SUPERVISOR, at, { tracks: [...tracks] }));
    this.submit(make('EstablishCell', SUPERVISOR, at, {}));
    this.submit(make('ActivateCell', 'cell', at, {}));
  }

  private submit(cmd: Command): readonly Recorded[] {
    const result = this.decider(cmd, this.replayer.peek());
    if (result instanceof DomainError) {
      this.refused += 1;
      return [];
    }
    const out: Recorded[] = [];
    for (const f of result) {
      const e = { ...f, seq: this.replayer.seq + 1 } as Recorded;
      this.events.push(e);
      out.push(e);
      try {
        this.replayer.push(e);
      } catch (error) {
        if (!(error instanceof ReplayError)) throw error;
        this.broken = true;
        break;
      }
      this.picker.remember(e);
    }
    return out;
  }
}

/**
 * Generates one stream: `options.steps` attempted commands, then `SimulationEnded` if asked.
 * @example const events = generateStream(seededChooser(1), { steps: 200, parties: ['syria', 'israel'] });
 */
export function generateStream(choose: Chooser, options: StreamOptions): Recorded[] {
  const g = new StreamGenerator(choose, options);
  for (let i = 0; i < options.steps && !g.broken; i++) g.next();
  if (options.end) g.end();
  return [...g.log];
}

/**
 * Strips seq/hash: the facts of a stream, e.g. to append them to a log file.
 * @example log.append(factsOf(events));
 */
export function factsOf(events: readonly Recorded[]): Fact[] {
  return events.map(({ seq: _seq, hash: _hash, ...f }) => f as Fact);
}
