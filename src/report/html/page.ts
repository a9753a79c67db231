/**
 * The self-contained HTML report: one file that opens offline and makes no network request.
 * Everything is inline: the run's data as JSON in a `<script type="application/json">`
 * (escaped so it cannot close its element), the machines' SVG diagrams, uPlot for the
 * ladder chart, and the page's script. A Content-Security-Policy meta tag forbids loading
 * anything (`default-src 'none'`) and allows only these inline scripts and styles, by hash.
 * The same events always give the same bytes (no time stamp, no random ids).
 */
import type { Recorded } from '../../core/catalogue.js';
import { DEFAULT_LADDER } from '../../machines/ladder.js';
import { machineDiagram } from '../diagram/diagram.js';
import { MACHINE_NAMES, type MachineName } from '../diagram/machines.js';
import { chartAssets, pageScript } from './assets.js';
import { buildReportData } from './data.js';
import { cspHash, escapeHtml, jsonForScript } from './escape.js';
import { REPORT_CSS } from './style.js';

/**
 * The most events a report holds unless told otherwise. Measured: about 160 bytes per event
 * for incident-heavy runs (Paris over ten years: 4,954 events, 981 KiB) and 90 for the
 * repeated game (49,992 events, 4.7 MB), plus ≈ 170 KiB of diagrams and uPlot: the limit keeps
 * a report under ≈ 8 MB, which Chromium opens in under a second.
 */
export const REPORT_MAX_EVENTS = 50_000;

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** Where the events came from, as the user named it (shown under the title). */
  readonly source: string;
}

const CAPTIONS: Readonly<Record<MachineName, string>> = {
  cell: 'The cell',
  message: 'A message',
  dispute: 'A dispute',
  ladder: 'The escalation ladder',
};

/** Refuses inline content that could end its own element early (it never should). */
function inline(tag: 'script' | 'style', content: string): string {
  if (/<\/(script|style)|<!--/i.test(content)) throw new Error(`[report] inline ${tag} contains a closing tag or comment`);
  return content;
}

function figure(name: MachineName, svg: string): string {
  const many = name === 'message' || name === 'dispute';
  const select = many ? `<select aria-label="which ${name} to follow"><option value="">follow the latest change</option></select>` : '';
  return `<figure data-machine="${name}"><figcaption><strong>${CAPTIONS[name]}</strong>${select}<span class="status"></span></figcaption>${svg}</figure>`;
}

/**
 * The report page for `events` (a whole run, `LogStarted` first), as HTML text.
 * @throws {ReplayError} when an event cannot be folded.
 * @example
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const events: Recorded[] = [];
 * runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => events.push(e) });
 * const html = await renderReport(events, { source: 'paris-2026.yaml' });
 * writeFileSync(join(mkdtempSync(join(tmpdir(), 'parley-')), 'report.html'), html); // one self-contained file
 */
export async function renderReport(events: readonly Recorded[], options: ReportOptions): Promise<string> {
  const data = buildReportData(events, options);
  const first = events[0];
  const ladder = first?.type === 'LogStarted' ? first.data.ladder : DEFAULT_LADDER;
  const [svgs, uplot] = await Promise.all([
    Promise.all(MACHINE_NAMES.map((name) => machineDiagram(name, 'svg', { ladder }))),
    chartAssets(),
  ]);
  const scripts = [inline('script', uplot.script), inline('script', pageScript())];
  const styles = [inline('style', uplot.css), inline('style', REPORT_CSS)];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(cspHash).join(' ')}`,
    `style-src ${styles.map(cspHash).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const figures = MACHINE_NAMES.map((name, i) => figure(name, svgs[i] as string)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley report: ${escapeHtml(data.title)}</title>
${styles.map((s) => `<style>${s}</style>`).join('\n')}
</head>
<body>
<header><h1 id="p-title"></h1><p id="p-subtitle"></p><ul id="p-parties"></ul></header>
<nav>
<div class="scrub"><button id="p-prev" type="button" title="previous event (←)">◀</button><input id="p-scrub" type="range" aria-label="seq" value="1"><button id="p-next" type="button" title="next event (→)">▶</button><span id="p-position"></span></div>
<p id="p-event"></p>
<ul id="p-changes"></ul>
</nav>
<main>
<section><h2>At this event</h2><p>Ladder level: <span id="p-level"></span></p><table><tbody id="p-disputes"></tbody></table></section>
<section><h2>The ladder over time</h2><div id="p-chart"></div></section>
<section class="wide"><h2>The machines</h2><p>Lit: the state now. Shaded: states visited so far.</p><div class="machines">
${figures}
</div></section>
<section class="wide"><h2>Timeline</h2><div class="filters"><select id="p-filter-party" aria-label="party"></select><select id="p-filter-track" aria-label="track"></select><select id="p-filter-type" aria-label="event type"></select></div><p id="p-timeline-count"></p><ol id="p-timeline"></ol></section>
<section class="wide"><h2>Outcome summary (whole run)</h2><pre id="p-summary"></pre></section>
</main>
<script type="application/json" id="p-data">${jsonForScript(data)}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
