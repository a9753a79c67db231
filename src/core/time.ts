/**
 * Pure ISO-8601 time arithmetic. The core may not read a clock (or even touch `Date`), so
 * instants and durations are parsed here by hand: simulated time is plain data, epoch
 * milliseconds in UTC.
 */

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|\+00:00)$/;
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

const MS_MINUTE = 60_000;
const MS_HOUR = 3_600_000;
const MS_DAY = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Parses a UTC instant (`2026-01-06T00:00:00Z`, optional milliseconds) into epoch ms.
 * Returns `undefined` for anything else, including impossible dates such as 2026-02-30.
 *
 * Replay, the decider and the log parse one or more instants per event, so the exact form
 * Parley writes is read by hand (a few character comparisons); any other form goes through
 * the general regex parser, and a property test keeps the two in agreement.
 */
export function parseInstant(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || n === 21 || n > 24 || text.charCodeAt(n - 1) !== 0x5a /* Z */) return parseInstantGeneral(text);
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a ||
    (n > 20 && text.charCodeAt(19) !== 0x2e)
  ) {
    return parseInstantGeneral(text);
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
  if (d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d) * MS_DAY + h * MS_HOUR + mi * MS_MINUTE + s * 1000 + ms;
}

/**
 * Whether instant `a` is strictly later than instant `b` (both valid: see {@link parseInstant}).
 * Two instants in the form Parley writes (`YYYY-MM-DDTHH:MM:SSZ`, fixed width) compare as
 * text, which is what the decider does for almost every command; any other pair is parsed.
 */
export function isLater(a: string, b: string): boolean {
  if (a.length === 20 && b.length === 20) return a > b;
  return (parseInstant(a) as number) > (parseInstant(b) as number);
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

/** The general (regex) parser behind {@link parseInstant}: every accepted form, slower. */
export function parseInstantGeneral(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  return daysFromCivil(y, mo, d) * MS_DAY + h * MS_HOUR + mi * MS_MINUTE + s * 1000 + ms;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** `00` … `99`: the two-digit fields of an instant come from here rather than a new string each. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => pad(i));
const two = (n: number): string => TWO_DIGITS[n] ?? pad(n);

/** Formats epoch ms as the canonical instant Parley writes: seconds, plus `.sss` only when non-zero. */
export function formatInstant(epochMs: number): string {
  const days = Math.floor(epochMs / MS_DAY);
  let rest = epochMs - days * MS_DAY;
  const [y, mo, d] = civilFromDays(days);
  const h = Math.floor(rest / MS_HOUR);
  rest -= h * MS_HOUR;
  const mi = Math.floor(rest / MS_MINUTE);
  rest -= mi * MS_MINUTE;
  const s = Math.floor(rest / 1000);
  const ms = rest - s * 1000;
  const frac = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return `${pad(y, 4)}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${frac}Z`;
}

/**
 * Parses an ISO-8601 duration into ms. Weeks, days, hours, minutes and seconds only:
 * years and months have no fixed length, so `P1M` is rejected rather than guessed.
 * @example parseDuration('P2DT6H') // 194_400_000
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [w, d, h, mi] = [m[1], m[2], m[3], m[4]].map((x) => (x ? Number(x) : 0)) as [
    number, number, number, number,
  ];
  const s = m[5] ? Number(m[5]) : 0;
  return Math.round(w * 7 * MS_DAY + d * MS_DAY + h * MS_HOUR + mi * MS_MINUTE + s * 1000);
}

/** Formats ms as a compact ISO-8601 duration (`P1DT2H`, `PT0S`). */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  const d = Math.floor(rest / MS_DAY);
  rest -= d * MS_DAY;
  const h = Math.floor(rest / MS_HOUR);
  rest -= h * MS_HOUR;
  const mi = Math.floor(rest / MS_MINUTE);
  rest -= mi * MS_MINUTE;
  const s = rest / 1000;
  const date = d ? `${d}D` : '';
  const time = `${h ? `${h}H` : ''}${mi ? `${mi}M` : ''}${s ? `${s}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

export const HOUR_MS = MS_HOUR;
export const DAY_MS = MS_DAY;
