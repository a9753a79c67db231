/// <reference lib="dom" />
/**
 * The timeline of events, filtered by party, track and type. It lists the matching events
 * in a window around the current seq (at most 200 rows, however long the run), marks the
 * current one, and moves the page to an event when its row is clicked.
 */
import type { PageContext } from './boot.js';

/** Sets up the filters and the event list. */
export function timeline(ctx: PageContext): (seq: number) => void {
  const { data } = ctx;
  const ev = data.events;
  const WINDOW = 200;
  const fill = (select: HTMLSelectElement, options: ReadonlyArray<readonly [string, string]>): void => {
    for (const [value, text] of options) {
      const o = ctx.make('option', text) as HTMLOptionElement;
      o.value = value;
      select.append(o);
    }
  };
  const party = ctx.el('p-filter-party') as HTMLSelectElement;
  const track = ctx.el('p-filter-track') as HTMLSelectElement;
  const type = ctx.el('p-filter-type') as HTMLSelectElement;
  const used = (column: readonly number[]): number[] => [...new Set(column.filter((i) => i >= 0))].sort((a, b) => ((data.strings[a] ?? '') < (data.strings[b] ?? '') ? -1 : 1));
  fill(party, [['', 'every party'], ...data.parties.map((p, i): [string, string] => [String(i), `${p.name} (${p.id})`])]);
  fill(track, [['', 'every track'], ...used(ev.track).map((i): [string, string] => [String(i), data.strings[i] ?? ''])]);
  fill(type, [['', 'every event type'], ...used(ev.type).map((i): [string, string] => [String(i), data.strings[i] ?? ''])]);
  const list = ctx.el('p-timeline');
  const count = ctx.el('p-timeline-count');
  let matching: number[] = [];
  const refilter = (): void => {
    const p = party.value === '' ? -1 : Number(party.value);
    const t = track.value === '' ? -1 : Number(track.value);
    const y = type.value === '' ? -1 : Number(type.value);
    matching = [];
    for (let i = 0; i < ev.text.length; i++) {
      if (p >= 0 && !(ev.parties[i] ?? []).includes(p)) continue;
      if (t >= 0 && ev.track[i] !== t) continue;
      if (y >= 0 && ev.type[i] !== y) continue;
      matching.push(i + 1);
    }
    render(ctx.seq());
  };
  const render = (seq: number): void => {
    // The window starts WINDOW/2 matches before the first match at or after the current seq.
    let at = matching.findIndex((s) => s >= seq);
    if (at < 0) at = matching.length;
    const from = Math.max(0, Math.min(at - WINDOW / 2, matching.length - WINDOW));
    const shown = matching.slice(from, from + WINDOW);
    count.textContent = `${matching.length} of ${ev.text.length} events match; showing ${shown.length} around seq ${seq}`;
    list.replaceChildren(
      ...shown.map((s) => {
        const i = s - 1;
        const row = ctx.make('li', undefined, s === seq ? 'current' : s > seq ? 'future' : 'past');
        row.setAttribute('data-seq', String(s));
        row.append(
          ctx.make('span', `#${s}`, 'seq'),
          ctx.make('span', ctx.time(ev.at[i] ?? 0), 'time'),
          ctx.make('span', data.strings[ev.type[i] ?? 0] ?? '', 'type'),
          ctx.make('span', ev.text[i] ?? '', 'text'),
        );
        row.addEventListener('click', () => ctx.go(s));
        return row;
      }),
    );
    // Scroll the list itself (scrollIntoView would scroll the whole page to the timeline).
    const current = list.querySelector('.current') as HTMLElement | null;
    if (current) list.scrollTop = current.offsetTop - list.clientHeight / 3;
  };
  for (const select of [party, track, type]) select.addEventListener('change', refilter);
  for (let i = 0; i < ev.text.length; i++) matching.push(i + 1);
  return render;
}
