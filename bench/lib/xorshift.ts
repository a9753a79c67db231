/**
 * A tiny seeded chooser for workload generation (xorshift32). Benchmarks must be comparable
 * run to run, so nothing here touches Math.random; the same seed always yields the same log.
 */
import type { Chooser } from '../../src/testing/streamGenerator.js';

/** Xorshift32 behind the `Chooser` interface that `StreamGenerator` draws from. */
export class XorshiftChooser implements Chooser {
  private state: number;

  constructor(seed: number) {
    // Xorshift has one fixed point (0); map it away so every seed is usable.
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** An integer in `[0, n)`; the modulo bias is irrelevant for workload shaping. */
  int(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x % n;
  }
}
