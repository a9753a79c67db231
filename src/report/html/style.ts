/** The report page's stylesheet (inlined; allowed by its hash in the page's CSP). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5f6b76; --line: #d7dde3; --lit: #ffcf4d; --visited: #dbeafe; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
header, main, nav { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 1.5rem; margin: 0 0 2px; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
#p-subtitle { color: var(--muted); margin: 0 0 6px; }
#p-parties { display: flex; gap: 16px; list-style: none; padding: 0; margin: 0 0 10px; color: var(--muted); }
nav { position: sticky; top: 0; z-index: 2; background: #f6f8fa; padding-top: 8px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
.scrub { display: flex; align-items: center; gap: 8px; }
#p-scrub { flex: 1; accent-color: var(--accent); }
button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
#p-position { font-variant-numeric: tabular-nums; min-width: 22ch; text-align: right; color: var(--muted); }
#p-event { margin: 6px 0 2px; }
#p-event .type, #p-timeline .type { font-weight: 600; }
#p-changes { margin: 0; padding-left: 20px; color: var(--muted); font-size: 0.9rem; }
#p-changes .none { list-style: none; margin-left: -20px; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding-top: 14px; padding-bottom: 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
section.wide { grid-column: 1 / -1; }
#p-level { font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
td { border-top: 1px solid var(--line); padding: 3px 6px; }
td.state { font-weight: 600; }
.machines { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
figure[data-machine="cell"], figure[data-machine="dispute"] { grid-column: 1 / -1; }
figure[data-machine="dispute"] { order: 1; }
figure[data-machine="message"], figure[data-machine="ladder"] { order: 2; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; }
figcaption { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; margin-bottom: 6px; }
figcaption .status { flex-basis: 100%; color: var(--muted); font-size: 0.9rem; }
figure select { max-width: 60%; }
figure svg { max-width: 100%; height: auto; }
.state.visited > path, .state.visited > polygon, .state.visited > ellipse { fill: var(--visited); }
.state.lit > path, .state.lit > polygon, .state.lit > ellipse { fill: var(--lit); stroke-width: 2.5px; }
.state.compound.lit > path, .state.compound.lit > polygon { fill: #fff7dc; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 6px; }
#p-timeline-count { color: var(--muted); font-size: 0.85rem; margin: 0 0 4px; }
#p-timeline { position: relative; list-style: none; margin: 0; padding: 0; max-height: 420px; overflow: auto; font-size: 0.88rem; }
#p-timeline li { display: grid; grid-template-columns: 5ch 16ch 30ch minmax(0, 1fr); gap: 8px; padding: 2px 4px; border-top: 1px solid #eef1f4; cursor: pointer; }
#p-timeline li.future { color: #97a1ab; }
#p-timeline li.current { background: #fff3c4; }
#p-timeline .seq, #p-timeline .time { font-variant-numeric: tabular-nums; color: var(--muted); }
#p-summary { font-size: 0.82rem; overflow: auto; margin: 0; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
`;
