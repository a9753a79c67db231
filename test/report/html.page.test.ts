/**
 * The report page as text: one self-contained file whose Content-Security-Policy allows
 * exactly its own inline scripts and styles and loads nothing; its data is the report data,
 * embedded so that no user text can end the script element; the same run gives the same bytes.
 * (test/browser/report.test.ts opens it in Chromium.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { buildReportData } from '../../src/report/html/data.js';
import { cspHash } from '../../src/report/html/escape.js';
import { renderReport } from '../../src/report/html/page.js';
import { runScenarioFile } from '../scenarios/run.js';
import { HOSTILE, hostileEvents } from './hostile.js';

let paris: Recorded[] = [];
let html = '';
beforeAll(async () => {
  paris = (await runScenarioFile('paris-2026.yaml')).events;
  html = await renderReport(paris, { source: 'paris.jsonl' });
});

/** The contents of every `<tag …>…</tag>` element, with its attributes. */
function elements(page: string, tag: string): Array<{ attrs: string; body: string }> {
  return [...page.matchAll(new RegExp(`<${tag}([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map(([, attrs, body]) => ({ attrs: attrs as string, body: body as string }));
}

function csp(page: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
  return new Map(content.replace(/&#39;/g, "'").split('; ').map((d) => { const [name, ...values] = d.split(' '); return [name as string, values]; }));
}

describe('the report page', () => {
  it('allows exactly its own inline scripts and styles, by hash, and nothing from anywhere', () => {
    const policy = csp(html);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    const scripts = elements(html, 'script').filter((s) => !s.attrs.includes('application/json'));
    expect(scripts).toHaveLength(2);
    expect(scripts.every((s) => s.attrs === '')).toBe(true);
    expect(policy.get('script-src')).toEqual(scripts.map((s) => cspHash(s.body)));
    expect(policy.get('style-src')).toEqual(elements(html, 'style').map((s) => cspHash(s.body)));
    expect(policy.get('img-src')).toEqual(['data:']);
    // The CSP comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style'));
  });

  it('refers to nothing outside itself: no src, href, link, import or url()', () => {
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(markup).not.toMatch(/\s(src|href|xlink:href|srcset|action|poster)=/i);
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/url\(|@import/);
  });

  it('embeds the report data, which parses back whole', () => {
    const json = elements(html, 'script').find((s) => s.attrs.includes('application/json'));
    expect(json?.attrs).toBe(' type="application/json" id="p-data"');
    expect(JSON.parse(json?.body ?? '')).toEqual(buildReportData(paris, { source: 'paris.jsonl' }));
  });

  it('inlines one SVG diagram per machine, its states carrying their state ids', () => {
    for (const name of ['cell', 'message', 'dispute', 'ladder']) {
      expect(html).toMatch(new RegExp(`<figure data-machine="${name}">[\\s\\S]*?<svg[\\s\\S]*?</svg>\\s*</figure>`));
    }
    expect(html).toContain('<g id="dispute.mediation" class="node state">');
    expect(html).toContain('<g id="cell.active" class="cluster state compound">');
  });

  it('is the same bytes for the same run', async () => {
    expect(await renderReport(paris, { source: 'paris.jsonl' })).toBe(html);
  });

  it('keeps user text out of the markup: hostile names end no element and appear only escaped', async () => {
    const page = await renderReport(hostileEvents(), { source: '<b>hostile</b>.yaml' });
    expect(elements(page, 'script')).toHaveLength(3);
    for (const text of Object.values(HOSTILE)) expect(page).not.toContain(text);
    expect(page).not.toMatch(/<img|<svg onload|alert\(2\)<\/script>|<b>hostile/);
    expect(page).toContain('<title>Parley report: &lt;script&gt;alert(0)&lt;/script&gt; Paris &amp; co</title>');
    const json = elements(page, 'script').find((s) => s.attrs.includes('application/json'))?.body ?? '';
    const data = JSON.parse(json) as { title: string; parties: Array<{ name: string }>; events: { text: string[] } };
    expect(data.title).toBe(HOSTILE.scenario);
    expect(data.parties.map((p) => p.name).sort()).toEqual([HOSTILE.israel, HOSTILE.syria].sort());
    expect(data.events.text.some((t) => t.includes('"><svg onload=alert(3)>\\u{2028}'))).toBe(true);
  });
});
