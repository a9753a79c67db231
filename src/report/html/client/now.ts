/// <reference lib="dom" />
/** Where things stand at the current seq: the ladder level and every dispute raised so far. */
import type { PageContext } from './boot.js';

/** Sets up the "at this seq" panel. */
export function now(ctx: PageContext): (seq: number) => void {
  const { data } = ctx;
  const ladder = data.machines.find((m) => m.name === 'ladder');
  const disputes = data.machines.find((m) => m.name === 'dispute');
  const level = ctx.el('p-level');
  const body = ctx.el('p-disputes');
  const label = (m: typeof ladder, history: readonly number[], seq: number): string | undefined => {
    const k = ctx.entryAt(history, seq);
    return k < 0 || !m ? undefined : m.labels[history[k + 1] as number];
  };
  return (seq) => {
    const history = ladder?.instances[0]?.history ?? [];
    level.textContent = label(ladder, history, seq) ?? '(no ladder yet)';
    level.setAttribute('data-level', level.textContent);
    const rows: HTMLElement[] = [];
    for (const d of disputes?.instances ?? []) {
      const state = label(disputes, d.history, seq);
      if (state === undefined) continue;
      const row = ctx.make('tr');
      row.setAttribute('data-dispute-id', d.id);
      row.setAttribute('data-state', state);
      row.append(ctx.make('td', d.label), ctx.make('td', state, 'state'));
      rows.push(row);
    }
    if (rows.length === 0) {
      const row = ctx.make('tr');
      const cell = ctx.make('td', 'no disputes raised yet');
      cell.setAttribute('colspan', '2');
      row.append(cell);
      rows.push(row);
    }
    body.replaceChildren(...rows);
  };
}
