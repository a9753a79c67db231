/// <reference lib="dom" />
/**
 * The report page's script, in parts. Each part is a self-contained function: the report
 * inlines each one's source text (`Function.prototype.toString`), so a part may use only its
 * parameter, its own locals and browser globals, never anything imported or defined at the
 * top of a module. `boot` reads the embedded data, gives every part a {@link PageContext} and
 * moves the page to the last event; a part returns what to do when the page moves to a seq.
 *
 * Text from the run reaches the page only through `textContent`, attribute setters and
 * `<option>` text: never through HTML parsing.
 */
import type uPlot from 'uplot';
import type { ReportData } from '../types.js';

/** What each part of the page gets. */
export interface PageContext {
  readonly doc: Document;
  readonly data: ReportData;
  /** uPlot, when its script loaded. */
  readonly uPlot: typeof uPlot | undefined;
  /** The last seq of the run. */
  readonly last: number;
  /** The element with this id (throws if the page has none). */
  el(id: string): HTMLElement;
  /** A new element with the given text (as text, never HTML) and class. */
  make(tag: string, text?: string, className?: string): HTMLElement;
  /** Moves the whole page to `seq` (clamped to 1 … last). */
  go(seq: number): void;
  /** The seq the page shows. */
  seq(): number;
  /** Index (into the flat pairs) of the last entry of `history` at or before `seq`; -1 if none. */
  entryAt(history: readonly number[], seq: number): number;
  /** The event's time as `YYYY-MM-DD HH:MM` (UTC), from its offset in ms. */
  time(offsetMs: number): string;
}

/** A part of the page: set up, then return what to do when the page moves to a seq. */
export type Part = (ctx: PageContext) => (seq: number) => void;

/** Starts the page. */
export function boot(doc: Document, parts: readonly Part[], plot: typeof uPlot | undefined): void {
  const source = doc.getElementById('p-data');
  const data = JSON.parse(source?.textContent ?? '{}') as ReportData;
  const last = data.events.text.length;
  let current = 0;
  const updates: Array<(seq: number) => void> = [];
  const ctx: PageContext = {
    doc,
    data,
    uPlot: plot,
    last,
    el(id) {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`the page has no #${id}`);
      return found;
    },
    make(tag, text, className) {
      const e = doc.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (className !== undefined) e.className = className;
      return e;
    },
    go(seq) {
      const next = Math.min(last, Math.max(1, Math.round(seq)));
      if (next === current || last === 0) return;
      current = next;
      for (const update of updates) update(next);
    },
    seq: () => current,
    entryAt(history, seq) {
      let lo = 0;
      let hi = history.length / 2 - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((history[mid * 2] as number) <= seq) {
          found = mid * 2;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    },
    time(offsetMs) {
      return new Date(data.startMs + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
    },
  };
  for (const part of parts) updates.push(part(ctx));
  ctx.go(last);
  doc.body.setAttribute('data-ready', 'true');
}
