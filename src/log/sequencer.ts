/**
 * Turns facts into log lines: assigns the next seq, chains the hash, and refuses any fact
 * that would make the log fail verification (see factGate.ts for what is checked).
 */
import type { Fact } from '../core/catalogue.js';
import { FactGate } from './factGate.js';
import { chainHash, GENESIS_HASH } from './chain.js';
import { bodyText, lineText } from './lineText.js';

/** Where a log ends: the last seq, its hash and time (`at` is absent for an empty log). */
export interface LogPosition {
  readonly seq: number;
  readonly hash: string;
  readonly at?: string | undefined;
}

/** The position of a log with no events yet. */
export const EMPTY_POSITION: LogPosition = { seq: 0, hash: GENESIS_HASH };

/** Assigns seq and hash to facts, one after another, from a given log position. */
export class Sequencer {
  private seq: number;
  private hash: string;
  private readonly gate: FactGate;

  constructor(start: LogPosition = EMPTY_POSITION) {
    this.seq = start.seq;
    this.hash = start.hash;
    this.gate = new FactGate(start.at);
  }

  /** The position after the last sealed fact. */
  get position(): LogPosition {
    return { seq: this.seq, hash: this.hash, at: this.gate.at };
  }

  /**
   * Sequences one fact and returns its line, newline included.
   * @throws {FactError} when the fact cannot be recorded; the position is then unchanged.
   */
  seal(fact: Fact): string {
    const seq = this.seq + 1;
    const dataJson = this.gate.admit(fact, seq);
    const { at, type, v, actor, cause } = fact;
    const hash = chainHash(this.hash, bodyText(seq, at, type, v, actor, cause, dataJson));
    this.seq = seq;
    this.hash = hash;
    return lineText(seq, at, type, v, actor, cause, dataJson, hash);
  }

  /**
   * Seals a batch all-or-nothing.
   * @returns one line per fact, newlines included.
   * @throws {FactError} for the first bad fact; the position is then unchanged.
   */
  sealAll(facts: readonly Fact[]): string[] {
    const seq = this.seq;
    const hash = this.hash;
    const mark = this.gate.mark();
    try {
      return facts.map((f) => this.seal(f));
    } catch (e) {
      this.seq = seq;
      this.hash = hash;
      this.gate.reset(mark);
      throw e;
    }
  }
}
