/**
 * A fast path for `parseInstant` on the exact form Parley writes (`2026-01-06T00:00:00Z`,
 * optionally with `.sss`): the writer and the verifier parse one instant per event, and the
 * general regex-based parser costs several times more. Any other form falls back to
 * `parseInstant`, so the two always agree (a property test checks it).
 */
import { parseInstant } from '../core/time.js';

const MS_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of a UTC instant, or `undefined` when `text` is not one (same as `parseInstant`). */
export function instantMs(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || n === 21 || n > 24 || text.charCodeAt(n - 1) !== 0x5a /* Z */) return parseInstant(text);
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a ||
    (n > 20 && text.charCodeAt(19) !== 0x2e)
  ) {
    return parseInstant(text);
  }
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  // Fractions are 1–3 digits, right-padded: ".5" is 500 ms.
  const ms = n > 20 ? digits(text, 20, n - 21) * 10 ** (24 - n) : 0;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) {
    return undefined;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number))) return undefined;
  return daysFromCivil(y, mo, d) * MS_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** The number in `count` ASCII digits at `from`, or -1 if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
