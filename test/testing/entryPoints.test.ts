/**
 * The two entry points: `parley` never loads fast-check (the kit lives in `parley/testing`),
 * and everything `parley/testing` exports is documented with an example.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** Every module `entry` loads, following static imports and re-exports (relative `.js` → `.ts`). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    // Type-only imports vanish at run time (verbatimModuleSyntax keeps them marked as such).
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier !== undefined;
      if (!isImport && !isExport) continue;
      const spec = ((statement as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier as ts.StringLiteral).text;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
    expect(text, `${file} imports dynamically`).not.toMatch(/\bimport\(/);
  };
  visit(resolve(SRC, entry));
  return { files, packages };
}

describe('entry points', () => {
  it('importing parley loads neither fast-check nor the kit; parley/testing does', () => {
    const main = importGraph('index.ts');
    expect([...main.packages]).not.toContain('fast-check');
    expect([...main.files].filter((f) => f.includes('/src/testing/'))).toEqual([]);
    expect([...importGraph('testing/index.ts').packages]).toContain('fast-check');
  });

  it('package.json maps parley/testing to the built kit', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./testing']).toEqual({ types: './dist/testing/index.d.ts', default: './dist/testing/index.js' });
  });

  it('every value parley/testing exports has TSDoc with an @example', () => {
    const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const entry = resolve(SRC, 'testing/index.ts');
    const undocumented: string[] = [];
    let values = 0;
    for (const statement of parse(entry).statements) {
      if (!ts.isExportDeclaration(statement) || statement.isTypeOnly || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      const from = parse(resolve(SRC, 'testing', (statement.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, '.ts')));
      for (const { name } of statement.exportClause.elements) {
        values += 1;
        const declaration = from.statements.find((d) =>
          (ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d)) ? d.name?.text === name.text
            : ts.isVariableStatement(d) && d.declarationList.declarations.some((v) => ts.isIdentifier(v.name) && v.name.text === name.text),
        );
        const docs = declaration ? ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc) : [];
        const example = docs.some((doc) => doc.comment !== undefined && (doc.tags ?? []).some((tag) => tag.tagName.text === 'example'));
        if (!example) undocumented.push(name.text);
      }
    }
    expect(values).toBeGreaterThan(15);
    expect(undocumented).toEqual([]);
  });
});
