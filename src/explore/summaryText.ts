/**
 * A sweep's summary as text: per grid cell, the key outcomes' means with 95 % t intervals,
 * the rates with 95 % Wilson intervals, and the probability expectations.
 */
import { formatInterval, formatNumber, keyOutcomes } from './keyOutcomes.js';
import type { CellReport } from './summary.js';
import { INTERVAL_METHODS } from './summary.js';

const pad = (text: string, width: number): string => (text.length >= width ? `${text} ` : text.padEnd(width));

/** One cell's block of the summary. */
function cellText(c: CellReport, names: readonly string[], cells: number, judged: boolean): string[] {
  const lines = [''];
  const failed = c.failed > 0 ? `, ${c.failed} failed` : '';
  lines.push(`${cells > 1 ? `cell ${c.cell}: ` : ''}${c.label} — ${c.runs.toLocaleString('en-US')} runs${failed}`);
  lines.push(`  ${pad('outcome', 42)}${pad('mean', 12)}95 % interval`);
  for (const k of keyOutcomes(names)) {
    const m = c.means[k.column];
    if (!m || m.mean === null) continue;
    const n = m.n < c.runs - c.failed ? ` (n=${m.n})` : '';
    lines.push(`  ${pad(k.label, 42)}${pad(formatNumber(m.mean * k.scale), 12)}${formatInterval(m.ci95, k.scale)}${n}`);
  }
  lines.push(`  ${pad('rate', 42)}${pad('share', 12)}95 % interval`);
  for (const r of c.rates) lines.push(`  ${pad(r.label, 42)}${pad(formatNumber(r.share), 12)}${formatInterval(r.ci95)}`);
  if (judged) for (const e of c.expectations) lines.push(`  ${e.ok ? 'ok  ' : 'FAIL'} ${e.expectation}: ${e.actual}`);
  return lines;
}

/**
 * The summary of every cell, after a heading the caller writes; probability expectations
 * only when `judged` (a whole, finished sweep).
 */
export function formatCells(cells: readonly CellReport[], names: readonly string[], judged = true): string {
  const lines = cells.flatMap((c) => cellText(c, names, cells.length, judged));
  lines.push('', `intervals: means ${INTERVAL_METHODS.means}; rates ${INTERVAL_METHODS.rates}.`);
  return `${lines.join('\n')}\n`;
}
