/**
 * Reading a scenario file: bytes → text → YAML tree → JavaScript value → validated
 * `Scenario`, reporting every problem found with its file, line and column.
 *
 * Order matters for safety: the text is checked (size, encoding, characters, nesting) before
 * YAML composes it, and the tree is checked (prototype keys, tags, aliases) before any
 * JavaScript object is built from it. Every issue points at the offending node, or at the
 * key that should contain a missing one.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath } from '../core/catalogue.js';
import type { Scenario } from './schema.js';
import { oneLine } from './suggest.js';
import { decodeUtf8, excessiveNesting, forbiddenCharacter, MAX_FILE_BYTES } from './textGuards.js';
import type { LimitOptions } from './limits.js';
import { validateScenario } from './validate.js';
import { KEY_MESSAGE, YamlTree } from './yamlTree.js';

/** A problem in a scenario file. `line`/`col` are 1-based; 0 and 0 for problems with the file as a whole. */
export interface LocatedIssue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Path of the offending field (`timeline[3].incident.by`); empty for syntax and file problems. */
  readonly path: string;
  readonly message: string;
}

/** A loaded scenario with the SHA-256 of the file's bytes (recorded in logs), or its problems. */
export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly hash: string; readonly source: string }
  | { readonly ok: false; readonly issues: readonly LocatedIssue[] };

/** Most issues reported for one file; the rest are summarised in one last issue. */
export const MAX_ISSUES = 100;

/** How scenario text (and `--set` values) is read as YAML: core schema, no merge keys, strict. */
export const SCENARIO_YAML_OPTIONS = {
  prettyErrors: false,
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  // Keys stay as written: an unquoted CAMEO code such as 010 must not become "10".
  stringKeys: true,
  strict: true,
} as const;

/** Aliases a scenario (or a `--set` value) may expand: YAML's guard against "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

/** `<file>:<line>:<col>: <path>: <message>` (the path part only when there is one). */
export function formatIssue(issue: LocatedIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return oneLine(issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function finish(found: LocatedIssue[]): ScenarioResult {
  // YAML and the tree check can both report one bad key: keep each distinct issue once.
  const seen = new Set<string>();
  const issues = found.filter((i) => {
    const id = formatIssue(i);
    return seen.has(id) ? false : (seen.add(id), true);
  });
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  if (issues.length <= MAX_ISSUES) return { ok: false, issues };
  const shown = issues.slice(0, MAX_ISSUES);
  const last = shown[shown.length - 1];
  shown.push({
    file: last?.file ?? '',
    line: last?.line ?? 0,
    col: last?.col ?? 0,
    path: '',
    message: `… and ${issues.length - MAX_ISSUES} more problems not shown`,
  });
  return { ok: false, issues: shown };
}

/** Maps character offsets to 1-based line and column (lines end at \n, as in `yaml`). */
export function positions(text: string): (offset: number) => { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return (offset) => counter.linePos(offset);
}

/**
 * Parses and validates scenario text. Never throws on bad input: every problem comes back
 * as a located issue. `hash` is the SHA-256 of the text's UTF-8 bytes.
 * @example
 * const r = parseScenario(text, 'scenarios/paris.yaml');
 * if (!r.ok) for (const i of r.issues) console.error(formatIssue(i));
 */
export function parseScenario(text: string, file: string, options: LimitOptions = {}): ScenarioResult {
  return parseBytesAndText(new TextEncoder().encode(text), text, file, options);
}

/** Parses and validates a scenario file's raw bytes (checking size and UTF-8 first). */
export function parseScenarioBytes(bytes: Uint8Array, file: string, options: LimitOptions = {}): ScenarioResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(file, bytes.length);
  const decoded = decodeUtf8(bytes);
  if ('issue' in decoded) return { ok: false, issues: [{ file, path: '', ...decoded.issue }] };
  return parseBytesAndText(bytes, decoded.text, file, options);
}

function parseBytesAndText(bytes: Uint8Array, text: string, file: string, options: LimitOptions): ScenarioResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(file, bytes.length);
  const at = positions(text);
  const issue = (offset: number, message: string, path = ''): LocatedIssue => ({
    file,
    ...at(offset),
    path: oneLine(path),
    message: oneLine(message),
  });

  const early = forbiddenCharacter(text) ?? excessiveNesting(text);
  if (early) return finish([issue(early.offset, early.message)]);

  const doc: Document = parseDocument(text, SCENARIO_YAML_OPTIONS);
  const problems = [...doc.errors, ...doc.warnings].map((e) => issue(e.pos[0], yamlMessage(e.code, e.message)));
  if (doc.contents === null) {
    return finish(problems.length > 0 ? problems : [issue(0, 'the file is empty: a scenario starts with "parley: 1"')]);
  }
  const tree = new YamlTree(doc);
  problems.push(...tree.issues.map((i) => issue(i.offset, i.message)));
  if (problems.length > 0) return finish(problems);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount ("billion laughs").
    const message = error instanceof Error ? error.message : String(error);
    return finish([issue(tree.firstAlias ?? 0, `too many alias expansions (limit ${MAX_ALIAS_COUNT}): ${message}`)]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : 'a single value';
    return finish([issue(tree.locate([]), `a scenario is a mapping of keys (parley: 1, name: …), not ${found}`)]);
  }
  const result = validateScenario(value, options);
  if (!result.ok) {
    return finish(result.issues.map((i) => issue(tree.locate(i.path, i.key), i.message, formatPath(i.path))));
  }
  return { ok: true, scenario: result.scenario, hash: sha256(bytes), source: text };
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'YAML: a scenario file holds one document; remove the second "---" and what follows';
    case 'DUPLICATE_KEY':
      return 'YAML: this key appears twice in the same mapping';
    case 'NON_STRING_KEY':
      return KEY_MESSAGE;
    default:
      return `YAML: ${message}`;
  }
}

const tooLarge = (file: string, size: number): ScenarioResult =>
  fail(file, 0, 0, `the file is ${size} bytes; a scenario may be at most ${MAX_FILE_BYTES} bytes (${MAX_FILE_BYTES / 1024} KiB)`);

function fail(file: string, line: number, col: number, message: string): ScenarioResult {
  return { ok: false, issues: [{ file, line, col, path: '', message: oneLine(message) }] };
}

/**
 * Reads and validates a scenario file. I/O problems (missing file, a directory, no
 * permission) come back as one issue at line 0, column 0. `options` sets the limits (the
 * event budget) the scenario is checked against.
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
 * console.log(r.scenario.name, Object.keys(r.scenario.parties), r.hash);
 */
export async function loadScenario(path: string, options: LimitOptions = {}): Promise<ScenarioResult> {
  let bytes: Uint8Array;
  try {
    // Size first, so that a huge file is refused without being read into memory.
    const info = await stat(path);
    if (info.isDirectory()) return fail(path, 0, 0, 'is a directory, not a scenario file');
    // Devices and pipes could stream forever (/dev/zero): only regular files are read.
    if (!info.isFile()) return fail(path, 0, 0, 'is not a regular file');
    if (info.size > MAX_FILE_BYTES) return tooLarge(path, info.size);
    bytes = await readFile(path);
  } catch (error) {
    return fail(path, 0, 0, describeIoError(error));
  }
  return parseScenarioBytes(bytes, path, options);
}

function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a scenario file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}
