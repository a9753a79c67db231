/// <reference lib="dom" />
/**
 * Each machine's diagram (an SVG laid out by Graphviz, its states carrying their state ids)
 * with the states of the followed instance at the current seq lit and the states it has
 * visited so far marked. Messages and disputes are many: a select picks one, or follows
 * whichever changed last.
 */
import type { PageContext } from './boot.js';

/** Sets up the diagrams. */
export function diagrams(ctx: PageContext): (seq: number) => void {
  const updates = ctx.data.machines.map((machine) => {
    const figure = ctx.doc.querySelector(`figure[data-machine="${machine.name}"]`);
    if (!figure) return () => undefined;
    const states = Array.from(figure.querySelectorAll('.state'));
    const caption = figure.querySelector('.status') as HTMLElement;
    const select = figure.querySelector('select');
    if (select) {
      for (const inst of machine.instances) {
        const o = ctx.make('option', inst.label) as HTMLOptionElement;
        o.value = inst.id;
        select.append(o);
      }
      select.addEventListener('change', () => update(ctx.seq()));
    }
    const followed = (seq: number): (typeof machine.instances)[number] | undefined => {
      const chosen = select?.value ?? '';
      if (chosen !== '') return machine.instances.find((i) => i.id === chosen);
      let best: (typeof machine.instances)[number] | undefined;
      let bestSeq = 0;
      for (const inst of machine.instances) {
        const k = ctx.entryAt(inst.history, seq);
        const at = k < 0 ? 0 : (inst.history[k] as number);
        if (at > bestSeq) [best, bestSeq] = [inst, at];
      }
      return best;
    };
    const update = (seq: number): void => {
      const inst = followed(seq);
      const k = inst ? ctx.entryAt(inst.history, seq) : -1;
      const lit = new Set<string>();
      const visited = new Set<string>();
      if (inst && k >= 0) {
        for (let j = 0; j <= k; j += 2) for (const id of machine.configs[inst.history[j + 1] as number] ?? []) visited.add(id);
        for (const id of machine.configs[inst.history[k + 1] as number] ?? []) lit.add(id);
      }
      for (const el of states) {
        el.classList.toggle('lit', lit.has(el.id));
        el.classList.toggle('visited', visited.has(el.id) && !lit.has(el.id));
      }
      const label = inst && k >= 0 ? machine.labels[inst.history[k + 1] as number] : undefined;
      const none = machine.instances.length === 0 ? `no ${machine.name} in this run` : `no ${machine.name} yet at this event`;
      caption.textContent = inst === undefined ? none : label === undefined ? `${inst.label}: not created yet` : `${inst.label}: ${label}`;
    };
    return update;
  });
  return (seq) => {
    for (const update of updates) update(seq);
  };
}
