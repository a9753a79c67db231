/**
 * The curated public API (src/index.ts): every export is documented at its declaration, the
 * main entry points carry an `@example`, and each of those examples runs as written (copied
 * into a module that imports from `parley`, resolved to the sources by vitest.config.ts).
 * Internals stay out of it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as parley from '../../src/index.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;
const TEMP = join(ROOT, 'test/api/.examples');

/** The entry points a user starts from: each has an @example, and it runs. */
const MAIN = [
  'loadScenario',
  'compileScenario',
  'runPlan',
  'sweep',
  'compare',
  'computeOutcomes',
  'replay',
  'decide',
  'readEvents',
  'verifyLog',
  'forkLog',
  'createLogFile',
  'machineDiagram',
  'renderReport',
];

/** What must never be exported: internals a user should not build on. */
const INTERNAL = ['compileMachine', 'compiledCell', 'canonicalJson', 'writeFileAtomic', 'executeSweep', 'applyOverride', 'buildReportData'];

interface Exported {
  readonly name: string;
  readonly file: string;
  readonly docs: readonly ts.JSDoc[];
}

const parse = (file: string): ts.SourceFile => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

/** The declaration of `name` in `file` (function, class, variable, interface or type alias). */
function declaration(source: ts.SourceFile, name: string): ts.Node | undefined {
  return source.statements.find((d) => {
    if (ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)) return d.name?.text === name;
    if (ts.isVariableStatement(d)) return d.declarationList.declarations.some((v) => ts.isIdentifier(v.name) && v.name.text === name);
    return false;
  });
}

/** Every name src/index.ts exports, with the JSDoc of its declaration (following re-exports). */
function exportsOfIndex(): Exported[] {
  const out: Exported[] = [];
  const find = (file: string, name: string, depth = 0): Exported => {
    const source = parse(file);
    const d = declaration(source, name);
    if (d) return { name, file, docs: ts.getJSDocCommentsAndTags(d).filter(ts.isJSDoc) };
    // Re-exported from another module of its folder (e.g. sim/game.ts, machines/index.ts).
    for (const s of source.statements) {
      if (!ts.isExportDeclaration(s) || !s.moduleSpecifier || !s.exportClause || !ts.isNamedExports(s.exportClause)) continue;
      if (depth < 3 && s.exportClause.elements.some((e) => e.name.text === name)) {
        return find(resolve(dirname(file), (s.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, '.ts')), name, depth + 1);
      }
    }
    return { name, file, docs: [] };
  };
  for (const s of parse(join(SRC, 'index.ts')).statements) {
    if (!ts.isExportDeclaration(s) || !s.exportClause || !ts.isNamedExports(s.exportClause)) continue;
    const file = resolve(SRC, (s.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, '.ts'));
    for (const e of s.exportClause.elements) out.push(find(file, (e.propertyName ?? e.name).text));
  }
  return out;
}

const exported = exportsOfIndex();

/** The text of the `@example` tag of `e`, without the comment's leading stars. */
function exampleOf(e: Exported): string | undefined {
  for (const doc of e.docs) {
    for (const tag of doc.tags ?? []) {
      if (tag.tagName.text !== 'example') continue;
      const text = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
      if (text) return text;
    }
  }
  return undefined;
}

afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

describe('the public API', () => {
  it('exports what a user scripts with, and no internals', () => {
    expect(exported.length).toBeGreaterThan(80);
    const names = new Set(Object.keys(parley));
    for (const name of MAIN) expect(names.has(name), name).toBe(true);
    for (const name of INTERNAL) expect(names.has(name), name).toBe(false);
  });

  it('every export is documented at its declaration', () => {
    const undocumented = exported.filter((e) => !e.docs.some((d) => d.comment !== undefined && String(ts.getTextOfJSDocComment(d.comment)).trim() !== ''));
    expect(undocumented.map((e) => `${e.name} (${e.file.slice(SRC.length)})`)).toEqual([]);
  });

  it('the main entry points have an @example', () => {
    const missing = MAIN.filter((name) => exampleOf(exported.find((e) => e.name === name) as Exported) === undefined);
    expect(missing).toEqual([]);
  });

  for (const name of MAIN) {
    it(`the @example of ${name} runs as written`, async () => {
      const entry = exported.find((e) => e.name === name) as Exported;
      const code = exampleOf(entry) as string;
      // The example uses Parley's exports by name, as a user's module importing them would.
      const used = Object.keys(parley).filter((n) => new RegExp(`\\b${n}\\b`).test(code));
      const module = `import { ${used.join(', ')} } from 'parley';\nexport {};\n${code}\n`;
      mkdirSync(TEMP, { recursive: true });
      const file = join(TEMP, `${name}.ts`);
      writeFileSync(file, module);
      const cwd = process.cwd();
      process.chdir(ROOT);
      const log = console.log;
      console.log = () => undefined;
      try {
        await import(file);
      } finally {
        console.log = log;
        process.chdir(cwd);
      }
    });
  }
});
