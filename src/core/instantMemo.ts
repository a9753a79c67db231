/**
 * `parseInstant`, remembering the last few texts it parsed. Deciding one command parses the
 * command's time, the state's last time and the run's end, and folding or reacting to the
 * fact parses the same texts again: nearly every call repeats a recent one. A memo of a pure
 * function, so callers see exactly what `parseInstant` returns.
 */
import { parseInstant } from './time.js';

/** Recent texts kept; a handful covers one command's decide, fold and reactions. */
const SLOTS = 8;

const texts: string[] = new Array<string>(SLOTS).fill('');
const values: Array<number | undefined> = new Array<number | undefined>(SLOTS).fill(undefined);
let next = 0;

/**
 * Epoch ms of a UTC instant, or `undefined` when `text` is not one: the same as
 * `parseInstant(text)`.
 */
export function instantMs(text: string): number | undefined {
  for (let i = 0; i < SLOTS; i++) {
    if (texts[i] === text) return values[i];
  }
  const value = parseInstant(text);
  texts[next] = text;
  values[next] = value;
  next = (next + 1) % SLOTS;
  return value;
}
