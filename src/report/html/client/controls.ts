/// <reference lib="dom" />
/**
 * The scrubber: a range input over the seqs, previous/next buttons, the keys ← → Home End
 * (anywhere but in a form field), and the current event in words with the machines it moved.
 */
import type { PageContext } from './boot.js';

/** Sets up the scrubber and the current-event panel. */
export function controls(ctx: PageContext): (seq: number) => void {
  const { data } = ctx;
  const range = ctx.el('p-scrub') as HTMLInputElement;
  range.min = '1';
  range.max = String(Math.max(1, ctx.last));
  range.addEventListener('input', () => ctx.go(Number(range.value)));
  ctx.el('p-prev').addEventListener('click', () => ctx.go(ctx.seq() - 1));
  ctx.el('p-next').addEventListener('click', () => ctx.go(ctx.seq() + 1));
  ctx.doc.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const tag = target?.tagName ?? '';
    // The range input moves itself with these keys; other fields keep them for their own use.
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
    const moves: Record<string, number> = { ArrowLeft: ctx.seq() - 1, ArrowRight: ctx.seq() + 1, Home: 1, End: ctx.last };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    ctx.go(to);
  });
  const position = ctx.el('p-position');
  const what = ctx.el('p-event');
  const changes = ctx.el('p-changes');
  return (seq) => {
    const i = seq - 1;
    range.value = String(seq);
    position.textContent = `seq ${seq} of ${ctx.last} · ${ctx.time(data.events.at[i] ?? 0)} UTC`;
    what.replaceChildren(
      ctx.make('span', data.strings[data.events.type[i] ?? 0] ?? '', 'type'),
      ' ',
      ctx.make('span', data.events.text[i] ?? ''),
    );
    const moved = data.events.changes[i] ?? [];
    changes.replaceChildren(...(moved.length === 0 ? [ctx.make('li', 'no machine moved', 'none')] : moved.map((c) => ctx.make('li', c))));
  };
}
