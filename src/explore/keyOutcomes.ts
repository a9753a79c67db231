/**
 * The outcomes a summary prints (every numeric column is in `--json`) and a comparison
 * pairs: the ladder, incidents, misunderstandings, disputes, suspension, and the repeated
 * game's rates when there is one. Times are shown in days or hours, not milliseconds.
 */

/** One outcome column shown in text, with its unit. */
export interface KeyOutcome {
  readonly column: string;
  readonly label: string;
  /** Multiply a value by this to get the shown unit. */
  readonly scale: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The fixed key outcomes, in print order. */
export const KEY_OUTCOMES: readonly KeyOutcome[] = [
  { column: 'ladder.peakIndex', label: 'ladder peak (level index)', scale: 1 },
  { column: 'incidents.total', label: 'incidents', scale: 1 },
  { column: 'incidents.retaliations', label: 'retaliations', scale: 1 },
  { column: 'accidentalEscalations', label: 'accidental escalations', scale: 1 },
  { column: 'consequentialMisunderstandingsCaught', label: 'consequential misunderstandings caught', scale: 1 },
  { column: 'misunderstandingsCaught', label: 'misunderstandings caught', scale: 1 },
  { column: 'disputes.raised', label: 'disputes raised', scale: 1 },
  { column: 'disputes.resolved', label: 'disputes resolved', scale: 1 },
  { column: 'disputes.escalated', label: 'disputes escalated', scale: 1 },
  { column: 'ladder.timeToCrisisMs', label: 'days to first crisis (runs reaching it)', scale: 1 / DAY },
  { column: 'ackTime.median', label: 'median hours to acknowledge', scale: 1 / HOUR },
  { column: 'cell.suspendedShare', label: 'share of time suspended', scale: 1 },
  { column: 'game.mutualRestraintRate', label: 'mutual restraint rate (game)', scale: 1 },
];

/** The key outcomes present in `names`, with each party's mean payoff in a game. */
export function keyOutcomes(names: readonly string[]): KeyOutcome[] {
  const fixed = KEY_OUTCOMES.filter((k) => names.includes(k.column));
  const payoffs = names
    .filter((n) => n.startsWith('game.meanPayoff.'))
    .map((column) => ({ column, label: `mean payoff per round: ${column.slice('game.meanPayoff.'.length)}`, scale: 1 }));
  return [...fixed, ...payoffs];
}

/** A number for a table: integers as they are, others to 4 significant digits. */
export function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(4)));
}

/** `[lo, hi]`, or `–` when there is no interval. */
export function formatInterval(ci: readonly [number, number] | null, scale = 1): string {
  return ci ? `[${formatNumber(ci[0] * scale)}, ${formatNumber(ci[1] * scale)}]` : '–';
}
