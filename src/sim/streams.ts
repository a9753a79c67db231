/**
 * The simulation's named random streams, each created on first use and then kept, so every
 * draw for one name advances the same stream. A stream's sequence depends only on the run
 * seed and its name (see rng.ts), never on when it was created.
 *
 * Streams are looked up by a purpose (a constant path such as `fog/observe`, compared by
 * identity) and an optional key (a party id, a generator index): two map lookups instead of
 * building and hashing a joined name on every draw, which the hot path would otherwise do
 * several times per event.
 */
import type { Rng } from './rng.js';

/** The path of a family of streams under the run's root, e.g. `['fog', 'observe']`. */
export type Purpose = readonly string[];

/** Every stream name the simulation draws from. */
export const STREAM = {
  generator: ['generator'],
  fogLoss: ['fog', 'loss'],
  fogDelay: ['fog', 'delay'],
  fogObserve: ['fog', 'observe'],
  supervisor: ['supervisor'],
  ack: ['ack'],
  delay: ['delay'],
  ruling: ['ruling'],
  dispute: ['dispute'],
  retaliation: ['retaliation'],
  settle: ['settle'],
  escalate: ['escalate'],
} as const satisfies Record<string, Purpose>;

/** Keyless streams are stored under this key: no id or index is empty. */
const NO_KEY = '';

/** The streams of one run. */
export class Streams {
  private readonly byPurpose = new Map<Purpose, Map<string, Rng>>();

  constructor(private readonly root: Rng) {}

  /** The stream `root/<purpose…>[/<key>]`. */
  get(purpose: Purpose, key?: string): Rng {
    let byKey = this.byPurpose.get(purpose);
    if (byKey === undefined) this.byPurpose.set(purpose, (byKey = new Map()));
    const k = key ?? NO_KEY;
    let r = byKey.get(k);
    if (r === undefined) {
      r = purpose.reduce((acc, name) => acc.split(name), this.root);
      if (key !== undefined) r = r.split(key);
      byKey.set(k, r);
    }
    return r;
  }
}
