/**
 * The code in docs/property-testing.md and in README.md's tour for property testers runs as
 * written. Every fenced block preceded by `<!-- file: NAME -->` is written, under its name,
 * to a fresh folder next to this test (so `parley` and `parley/testing` resolve to the
 * sources through vitest's aliases); the `.test.ts` ones are imported here, which registers
 * their tests in this file. A block preceded by `<!-- output: NAME seed=N -->` must be what
 * fast-check reports for that seed, for the property `REPORTS` names (`UPDATE_DOCS=1`
 * rewrites it after a deliberate change),
 * and the table after `<!-- invariants -->` must list `PARLEY_INVARIANTS`: neither can drift
 * from the code.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PARLEY_INVARIANTS } from '../../src/testing/invariants.js';
import { policyProperty } from '../../src/testing/policyProperty.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Page {
  readonly name: string;
  readonly text: string;
  /** File name → code. */
  readonly files: Map<string, string>;
  /** Output name → seed and text. */
  readonly outputs: Map<string, { readonly seed: number; readonly text: string }>;
}

/** The fenced block that follows line `i` (skipping blank lines), without its fences. */
function blockAfter(lines: readonly string[], i: number): string {
  let start = i + 1;
  while (lines[start]?.trim() === '') start += 1;
  if (!lines[start]?.startsWith('```')) throw new Error(`line ${i + 1}: a marker must be followed by a fenced block`);
  const end = lines.findIndex((line, j) => j > start && line.startsWith('```'));
  return lines.slice(start + 1, end).join('\n');
}

function readPage(name: string): Page {
  const text = readFileSync(join(ROOT, name), 'utf8');
  const lines = text.split('\n');
  const files = new Map<string, string>();
  const outputs = new Map<string, { seed: number; text: string }>();
  lines.forEach((line, i) => {
    const file = /^<!-- file: (\S+) -->$/.exec(line);
    if (file) files.set(file[1] as string, blockAfter(lines, i));
    const output = /^<!-- output: (\S+) seed=(\d+) -->$/.exec(line);
    if (output) outputs.set(output[1] as string, { seed: Number(output[2]), text: blockAfter(lines, i) });
  });
  return { name, text, files, outputs };
}

/** What an output block prints: fast-check's report of a property built from the page's code. */
interface Report {
  /** The call the page names next to the block. */
  readonly call: (seed: number) => string;
  readonly property: (load: (file: string) => Promise<any>) => Promise<fc.IProperty<any>>;
}

const REPORTS: Readonly<Record<string, Report>> = {
  noSelfRetaliation: {
    call: (seed) => `fc.assert(keepsMyInvariants(lenientDecide), { seed: ${seed} })`,
    property: async (load) => (await load('noSelfRetaliation.ts')).keepsMyInvariants((await load('lenientDecide.ts')).lenientDecide),
  },
  reluctant: {
    call: (seed) => `fc.assert(policyProperty(reluctant), { seed: ${seed} })`,
    property: async (load) => policyProperty((await load('reluctant.ts')).reluctant),
  },
};

/** Replaces the block after `<!-- output: NAME … -->` in the page (read afresh: several may change). */
function rewriteOutput(page: string, name: string, report: string): void {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const marker = lines.findIndex((line) => line.startsWith(`<!-- output: ${name} `));
  const open = lines.findIndex((line, j) => j > marker && line.startsWith('```'));
  const close = lines.findIndex((line, j) => j > open && line.startsWith('```'));
  lines.splice(open + 1, close - open - 1, ...report.split('\n'));
  writeFileSync(join(ROOT, page), lines.join('\n'));
}

const PAGES = ['docs/property-testing.md', 'README.md'].map(readPage);
const here = dirname(fileURLToPath(import.meta.url));
const folder = mkdtempSync(join(here, '.docs-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes a page's files to their own folder; returns the folder. */
function writeFiles(page: Page): string {
  const dir = join(folder, page.name.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir);
  for (const [file, code] of page.files) writeFileSync(join(dir, file), `${code}\n`);
  return dir;
}

const dirs = new Map(PAGES.map((page) => [page.name, writeFiles(page)]));

// The pages' own tests, registered as they are imported.
for (const page of PAGES) {
  for (const file of page.files.keys()) {
    if (file.endsWith('.test.ts')) await import(pathToFileURL(join(dirs.get(page.name) as string, file)).href);
  }
}

describe('the docs', () => {
  const guide = PAGES[0] as Page;

  it('give the code blocks the tests above ran', () => {
    expect([...guide.files.keys()]).toEqual([
      'noSelfRetaliation.ts',
      'lenientDecide.ts',
      'noSelfRetaliation.test.ts',
      'generatedRuns.test.ts',
      'patient.ts',
      'runPatient.ts',
      'patient.test.ts',
      'reluctant.ts',
    ]);
    expect([...(PAGES[1] as Page).files.keys()]).toEqual(['firstProperty.test.ts']);
  });

  it('print, for the seed they give, the counterexample fast-check finds', async () => {
    const dir = dirs.get(guide.name) as string;
    const load = (file: string) => import(pathToFileURL(join(dir, file)).href);
    expect([...guide.outputs.keys()]).toEqual(Object.keys(REPORTS));
    for (const [name, { seed, text }] of guide.outputs) {
      const { call, property } = REPORTS[name] as Report;
      // The page names the very call whose report it prints.
      expect(guide.text).toContain(call(seed));
      let report = 'it did not fail';
      try {
        fc.assert(await property(load), { seed });
      } catch (error) {
        report = `${(error as Error).message}\nCaused by: ${String((error as Error).cause)}`;
      }
      if (process.env.UPDATE_DOCS === '1' && report !== text) {
        // After a deliberate change (fast-check, the generators): UPDATE_DOCS=1 npx vitest run test/testing/docs.test.ts
        rewriteOutput(guide.name, name, report);
        continue;
      }
      expect(report, name).toBe(text);
    }
  });

  it('list every invariant with its statement', () => {
    const table = guide.text.slice(guide.text.indexOf('<!-- invariants -->'));
    const rows = [...table.matchAll(/^\| `(\w+)` \| (.+) \|$/gm)].map(([, name, statement]) => ({ name, statement }));
    expect(rows).toEqual(PARLEY_INVARIANTS.map(({ name, statement }) => ({ name, statement })));
  });
});
