/// <reference lib="dom" />
/** The page's header and the outcome summary (they do not change with the seq). */
import type { PageContext } from './boot.js';

/** Fills the title, the parties and the outcome summary. */
export function header(ctx: PageContext): (seq: number) => void {
  const { data } = ctx;
  ctx.doc.title = `Parley report: ${data.title}`;
  ctx.el('p-title').textContent = data.title;
  ctx.el('p-subtitle').textContent = data.subtitle;
  const list = ctx.el('p-parties');
  for (const p of data.parties) {
    const item = ctx.make('li');
    item.append(ctx.make('strong', p.name), ` (${p.id})`);
    item.setAttribute('data-party', p.id);
    list.append(item);
  }
  ctx.el('p-summary').textContent = data.summary;
  return () => undefined;
}
