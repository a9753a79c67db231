/**
 * `formatInstant` for the simulation's clock. A run formats an instant for nearly every event
 * (the time of each command, deadlines), almost always on a day it has just formatted: the
 * date part is kept per day and only the time of day is assembled, from a table of two-digit
 * strings. The text is exactly `formatInstant`'s (a property test checks it).
 */
import { DAY_MS, formatInstant, HOUR_MS } from '../core/time.js';

const MINUTE_MS = 60_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Formats epoch ms like `formatInstant`, remembering the date part of the last day seen. */
export class InstantFormatter {
  private day = Number.NaN;
  /** `YYYY-MM-DDT` of `day`. */
  private prefix = '';

  format(ms: number): string {
    // Whole milliseconds only: anything else (never produced by the agenda) goes the long way.
    if (!Number.isSafeInteger(ms)) return formatInstant(ms);
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      const text = formatInstant(day * DAY_MS);
      this.day = day;
      this.prefix = text.slice(0, text.indexOf('T') + 1);
    }
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / HOUR_MS);
    rest -= h * HOUR_MS;
    const mi = Math.floor(rest / MINUTE_MS);
    rest -= mi * MINUTE_MS;
    const s = Math.floor(rest / 1000);
    const milli = rest - s * 1000;
    const time = `${TWO_DIGITS[h] as string}:${TWO_DIGITS[mi] as string}:${TWO_DIGITS[s] as string}`;
    return milli === 0 ? `${this.prefix}${time}Z` : `${this.prefix}${time}.${String(milli).padStart(3, '0')}Z`;
  }
}
