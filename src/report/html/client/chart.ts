/// <reference lib="dom" />
/**
 * The escalation ladder over time, drawn by uPlot (inlined in the page): the level as a
 * step line, the current event's time as a vertical marker.
 */
import type { PageContext } from './boot.js';

/** Sets up the ladder chart. */
export function chart(ctx: PageContext): (seq: number) => void {
  const { data } = ctx;
  const box = ctx.el('p-chart');
  const plot = ctx.uPlot;
  const ladder = data.machines.find((m) => m.name === 'ladder')?.instances[0];
  const levels = data.ladder.levels;
  if (!plot || !ladder || ctx.last === 0) {
    box.textContent = 'no ladder in this run';
    return () => undefined;
  }
  const labels = data.machines.find((m) => m.name === 'ladder')?.labels ?? [];
  const seconds = (seq: number): number => (data.startMs + (data.events.at[seq - 1] ?? 0)) / 1000;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < ladder.history.length; k += 2) {
    xs.push(seconds(ladder.history[k] as number));
    ys.push(levels.indexOf(labels[ladder.history[k + 1] as number] ?? ''));
  }
  // Hold the last level to the end of the run.
  xs.push(Math.max(seconds(ctx.last), (xs[xs.length - 1] ?? 0) + 1));
  ys.push(ys[ys.length - 1] ?? 0);
  let markerAt = seconds(ctx.last);
  const u = new plot(
    {
      width: Math.max(300, box.clientWidth),
      height: 220,
      tzDate: (ts) => plot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: [-0.2, Math.max(1, levels.length - 1) + 0.2] } },
      series: [{}, { label: 'ladder level', stroke: '#b23c17', width: 2, points: { show: false }, ...(plot.paths.stepped ? { paths: plot.paths.stepped({ align: 1 }) } : {}), value: (_u, v) => levels[v] ?? '' }],
      axes: [{}, { size: 110, splits: () => levels.map((_l, i) => i), values: (_u, splits) => splits.map((v) => levels[v] ?? '') }],
      legend: { show: false },
      hooks: {
        draw: [
          (self) => {
            const x = self.valToPos(markerAt, 'x', true);
            const c = self.ctx;
            c.save();
            c.strokeStyle = '#1565c0';
            c.lineWidth = 2;
            c.beginPath();
            c.moveTo(x, self.bbox.top);
            c.lineTo(x, self.bbox.top + self.bbox.height);
            c.stroke();
            c.restore();
          },
        ],
      },
    },
    [xs, ys],
    box,
  );
  ctx.doc.defaultView?.addEventListener('resize', () => u.setSize({ width: Math.max(300, box.clientWidth), height: 220 }));
  return (seq) => {
    markerAt = seconds(seq);
    u.redraw(false);
  };
}
