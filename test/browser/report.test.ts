/**
 * The HTML report in a real headless Chromium (Debian's, driven by playwright-core): it
 * loads with no console error and no request but its own file; the scrubber shows, at any
 * seq, the ladder level and dispute states `parley replay --until-seq N --json` gives, and
 * lights the matching states in the diagrams; filters and keys work; hostile names are shown
 * as text and open no dialog. Saves docs/report-screenshot.png (shown in the README).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/logs/build.js';
import { cli } from '../cli/inProcess.js';
import { HOSTILE, hostileScenario } from '../report/hostile.js';
import { ensureChromium, launchChromium } from './ensureChromium.js';
import type { ToolStatus } from '../support/debian.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const temp = tempDir('parley-browser-');
let browser: ToolStatus = { ok: false, reason: 'not checked yet' };
let context: BrowserContext | undefined;
let close = async (): Promise<void> => undefined;
let lastSeq = 0;

beforeAll(async () => {
  browser = ensureChromium();
  if (!browser.ok) {
    console.warn(`skipping the browser test of parley report: ${browser.reason}`);
    return;
  }
  expect((await cli(['run', join(ROOT, 'scenarios/paris-2026.yaml'), '--out', 'paris.jsonl', '--quiet'], { cwd: temp.dir })).code).toBe(0);
  const made = await cli(['report', 'paris.jsonl', '--out', 'paris.html'], { cwd: temp.dir });
  expect(made.code).toBe(0);
  lastSeq = Number(/\((\d+) events/.exec(made.stdout)?.[1]);
  temp.file('hostile.yaml', hostileScenario());
  expect((await cli(['report', 'hostile.yaml', '--out', 'hostile.html'], { cwd: temp.dir })).code).toBe(0);
  ({ context, close } = await launchChromium(browser.path));
}, 900_000);

afterAll(async () => {
  await close();
  temp.cleanup();
});

/** A page opened on `file`, recording everything that must not happen. */
async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[]; dialogs: string[] }> {
  const page = await (context as BrowserContext).newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const url = `file://${join(temp.dir, file)}`;
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors, requests: requests.filter((u) => u !== url && !u.startsWith('data:')), dialogs };
}

/** What the page shows at the current seq: the ladder level and each dispute's state. */
async function shown(page: Page): Promise<{ level: string | null; disputes: Record<string, string> }> {
  return page.evaluate(() => ({
    level: document.getElementById('p-level')?.getAttribute('data-level') ?? null,
    disputes: Object.fromEntries(Array.from(document.querySelectorAll('[data-dispute-id]')).map((r) => [r.getAttribute('data-dispute-id'), r.getAttribute('data-state')])),
  }));
}

/** The same from `parley replay --until-seq N --json`. */
async function replayed(seq: number): Promise<{ level: string | null; disputes: Record<string, string> }> {
  const r = await cli(['replay', 'paris.jsonl', '--until-seq', String(seq), '--json'], { cwd: temp.dir });
  const state = JSON.parse(r.stdout) as { ladder?: { level: string }; disputes: Record<string, { machine: { value: string } }> };
  return { level: state.ladder?.level ?? null, disputes: Object.fromEntries(Object.entries(state.disputes).map(([id, d]) => [id, String(d.machine.value)])) };
}

describe('the report in Chromium', () => {
  it('shows at each seq the ladder level and dispute states replay gives, with no error and no request', async (ctx) => {
    if (!browser.ok) ctx.skip(browser.reason);
    const { page, errors, requests } = await open('paris.html');
    expect(await page.inputValue('#p-scrub')).toBe(String(lastSeq));
    const seqs = [1, 2, 12, Math.floor(lastSeq / 3), Math.floor(lastSeq / 2), lastSeq - 1, lastSeq];
    for (const seq of seqs) {
      await page.locator('#p-scrub').fill(String(seq));
      const now = await shown(page);
      expect(now).toEqual(await replayed(seq));
      expect(await page.textContent('#p-position')).toContain(`seq ${seq} of ${lastSeq}`);
      if (now.level !== null) {
        const lit = await page.$$eval('figure[data-machine="ladder"] .state.lit', (els) => els.map((e) => e.id));
        expect(lit).toEqual([`ladder.${now.level}`]);
      }
    }
    // The keys move it too, and the diagrams follow a chosen dispute.
    await page.locator('#p-scrub').fill(String(Math.floor(lastSeq / 2)));
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const seq = Math.floor(lastSeq / 2) + 2;
    expect(await page.inputValue('#p-scrub')).toBe(String(seq));
    const { disputes } = await replayed(seq);
    const [id, state] = Object.entries(disputes)[0] as [string, string];
    await page.selectOption('figure[data-machine="dispute"] select', id);
    expect(await page.$$eval('figure[data-machine="dispute"] .state.lit', (els) => els.map((e) => e.id))).toEqual([`dispute.${state}`]);
    expect(await page.$$eval('figure[data-machine="dispute"] .state.visited', (els) => els.length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('filters the timeline by type and party, and moves to an event when it is clicked', async (ctx) => {
    if (!browser.ok) ctx.skip(browser.reason);
    const { page, errors } = await open('paris.html');
    await page.selectOption('#p-filter-type', { label: 'DisputeRaised' });
    const types = await page.$$eval('#p-timeline .type', (els) => els.map((e) => e.textContent));
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['DisputeRaised']));
    await page.selectOption('#p-filter-type', '');
    await page.selectOption('#p-filter-party', { label: 'Israel (israel)' });
    const count = await page.textContent('#p-timeline-count');
    expect(count).toMatch(/^(\d+) of \d+ events match/);
    const [matching, total] = (count ?? '').match(/\d+/g)?.map(Number) ?? [];
    expect(matching).toBeLessThan(total as number);
    const row = page.locator('#p-timeline li').nth(3);
    const target = await row.getAttribute('data-seq');
    await row.click();
    expect(await page.inputValue('#p-scrub')).toBe(target);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows hostile names as text and never opens a dialog', async (ctx) => {
    if (!browser.ok) ctx.skip(browser.reason);
    const { page, errors, requests, dialogs } = await open('hostile.html');
    await page.locator('#p-scrub').fill('1');
    await page.locator('#p-scrub').fill('40');
    expect(await page.title()).toBe(`Parley report: ${HOSTILE.scenario}`);
    expect(await page.textContent('#p-title')).toBe(HOSTILE.scenario);
    expect(await page.$$eval('#p-parties strong', (els) => els.map((e) => e.textContent).sort())).toEqual([HOSTILE.israel, HOSTILE.syria].sort());
    const options = await page.$$eval('#p-filter-party option', (els) => els.map((e) => e.textContent));
    expect(options).toContain(`${HOSTILE.syria} (syria)`);
    expect(await page.$$eval('img, iframe, object, embed', (els) => els.length)).toBe(0);
    expect(await page.$$eval('script', (els) => els.length)).toBe(3);
    expect(await page.textContent('#p-summary')).toContain(HOSTILE.scenario);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  // Chromium's antialiasing is not bit-for-bit stable (a few dozen pixels differ between some
  // runs), so the committed screenshot is replaced only when missing or when asked for
  // (PARLEY_UPDATE_SCREENSHOT=1); otherwise the new one goes to the temp folder, and a
  // clean checkout stays clean after `npm test`.
  it('takes the screenshot the README shows', async (ctx) => {
    if (!browser.ok) ctx.skip(browser.reason);
    const { page } = await open('paris.html');
    await page.setViewportSize({ width: 1280, height: 1180 });
    await page.locator('#p-scrub').fill(String(Math.floor(lastSeq * 0.22)));
    const png = await page.screenshot();
    await page.close();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 1180]);
    const committed = join(ROOT, 'docs/report-screenshot.png');
    const update = process.env.PARLEY_UPDATE_SCREENSHOT === '1' || !existsSync(committed);
    writeFileSync(update ? committed : join(temp.dir, 'report-screenshot.png'), png);
  });
});
