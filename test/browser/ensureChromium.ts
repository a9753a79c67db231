/**
 * Chromium for the browser tests: Debian's `chromium` package, never a browser downloaded by
 * Playwright. Installed with apt-get when missing and possible (root on Debian, as on CI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { ensureTool, type ToolStatus } from '../support/debian.js';

/** Finds or installs Chromium (can take minutes on a fresh machine: give the hook a long timeout). */
export function ensureChromium(): ToolStatus {
  return ensureTool('chromium', 'chromium');
}

/** The flags every browser test runs Chromium with: headless, and nothing that calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile; `close` ends it and removes the profile. */
export async function launchChromium(executablePath: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1400 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
