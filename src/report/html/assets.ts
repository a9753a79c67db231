/**
 * What a report inlines besides its data: uPlot's script and stylesheet, read from the
 * installed package when a report is made (so the page needs no network), and the page's
 * own script, made from the source text of its parts (see client/boot.ts). This works the
 * same from the TypeScript sources and from the built `dist/`: nothing is read from disk
 * but the `uplot` package.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { boot } from './client/boot.js';
import { chart } from './client/chart.js';
import { controls } from './client/controls.js';
import { diagrams } from './client/diagrams.js';
import { header } from './client/header.js';
import { now } from './client/now.js';
import { timeline } from './client/timeline.js';

/** The page's parts, in the order they are set up. */
const PARTS = [header, controls, now, chart, diagrams, timeline];

/** The page's script: `boot` called with every part. */
export function pageScript(): string {
  const parts = PARTS.map((p) => p.toString()).join(',\n');
  return `"use strict";\n(${boot.toString()})(document, [\n${parts}\n], typeof uPlot === 'undefined' ? undefined : uPlot);\n`;
}

/** uPlot's minified script and stylesheet, as installed. */
export interface ChartAssets {
  readonly script: string;
  readonly css: string;
}

let assets: Promise<ChartAssets> | undefined;

/**
 * uPlot's browser build (an IIFE defining the global `uPlot`, ≈ 51 KB) and its CSS (≈ 2 KB).
 * @throws {Error} when the `uplot` package is not installed.
 */
export function chartAssets(): Promise<ChartAssets> {
  assets ??= (async () => {
    const require = createRequire(import.meta.url);
    const [script, css] = await Promise.all([
      readFile(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    ]);
    return { script, css };
  })();
  return assets;
}
