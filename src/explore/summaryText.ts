/**
 * Summaries as text: a sweep's, per grid cell (the key outcomes' means with 95 % t intervals,
 * the rates with 95 % Wilson intervals, the probability expectations), and a comparison's
 * side-by-side table.
 */
import { COMPARISON_METHODS, type ComparisonLine, type Estimate } from './compare.js';
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

/** `estimate [lo, hi]` scaled for display, a difference with its sign. */
function estimateText(e: Estimate, scale: number, signed = false): string {
  if (e.estimate === null) return '–';
  const value = formatNumber(e.estimate * scale);
  return `${signed && e.estimate > 0 ? '+' : ''}${value} ${formatInterval(e.ci95, scale)}`;
}

/** A comparison as a table: baseline, variant and their paired difference per outcome. */
export function formatComparison(lines: readonly ComparisonLine[]): string {
  const out = [`${pad('outcome', 42)}${pad('baseline', 30)}${pad('variant', 30)}variant − baseline (paired)`];
  for (const l of lines) {
    if (l.pairs === 0) continue;
    out.push(`${pad(l.label, 42)}${pad(estimateText(l.baseline, l.scale), 30)}${pad(estimateText(l.variant, l.scale), 30)}${estimateText(l.difference, l.scale, true)}`);
  }
  out.push('', `intervals (95 %): means: ${COMPARISON_METHODS.means}; rates: ${COMPARISON_METHODS.rates}.`);
  return `${out.join('\n')}\n`;
}
