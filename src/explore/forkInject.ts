/**
 * The timeline a fork injects (`parley fork --inject timeline.yaml`): a YAML file holding a
 * list of timeline entries, in a scenario's own `timeline:` syntax, either as the whole
 * document or under a `timeline:` key. Read with the scenario loader's guards (size, UTF-8,
 * characters, nesting, tags, aliases, prototype keys) before any object is built from it,
 * then validated as entries of the run's scenario, with its own schema: every problem is
 * located in this file.
 */
import { parseDocument } from 'yaml';
import { formatPath, MAX_INJECTED, MAX_INJECTED_ENTRY } from '../core/catalogue.js';
import { parseInstant } from '../core/time.js';
import type { LocatedIssue } from '../scenario/load.js';
import { MAX_ALIAS_COUNT, positions, SCENARIO_YAML_OPTIONS } from '../scenario/load.js';
import { decodeUtf8, excessiveNesting, forbiddenCharacter, MAX_FILE_BYTES } from '../scenario/textGuards.js';
import { timelineEntrySchema, type TimelineEntry } from '../scenario/timeline.js';
import { validateScenario } from '../scenario/validate.js';
import { YamlTree } from '../scenario/yamlTree.js';
import { ForkError, forkFailure } from './forkError.js';
import type { Course, ForkPlace, RebuildOptions } from './forkPlan.js';

/** Injected timeline entries, as written, and where each part of them is in their file. */
export interface InjectedTimeline {
  readonly file: string;
  /** The entries as plain values (not yet validated). */
  readonly entries: readonly unknown[];
  /** Line and column of the value (or key) at `path` under entry `path[0]`. */
  locate(path: ReadonlyArray<string | number>, key?: boolean): { readonly line: number; readonly col: number };
}

/**
 * Reads an inject file's bytes into its entries, or every problem found, located.
 * @example const r = readInjected(bytes, 'strike.yaml'); if (Array.isArray(r)) for (const i of r) console.error(formatIssue(i));
 */
export function readInjected(bytes: Uint8Array, file: string): InjectedTimeline | LocatedIssue[] {
  const whole = (message: string, line = 0, col = 0): LocatedIssue[] => [{ file, line, col, path: '', message }];
  if (bytes.length > MAX_FILE_BYTES) return whole(`the file is ${bytes.length} bytes; an injected timeline may be at most ${MAX_FILE_BYTES} bytes`);
  const decoded = decodeUtf8(bytes);
  if ('issue' in decoded) return whole(decoded.issue.message, decoded.issue.line, decoded.issue.col);
  const text = decoded.text;
  const at = positions(text);
  const issue = (offset: number, message: string): LocatedIssue => ({ file, ...at(offset), path: '', message });
  const early = forbiddenCharacter(text) ?? excessiveNesting(text);
  if (early) return [issue(early.offset, early.message)];
  const doc = parseDocument(text, SCENARIO_YAML_OPTIONS);
  const tree = new YamlTree(doc);
  const problems = [...doc.errors, ...doc.warnings].map((e) => issue(e.pos[0], `YAML: ${e.message.split('\n')[0] ?? ''}`));
  problems.push(...tree.issues.map((i) => issue(i.offset, i.message)));
  if (problems.length > 0) return problems;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return [issue(tree.firstAlias ?? 0, `too many alias expansions (limit ${MAX_ALIAS_COUNT}): ${error instanceof Error ? error.message : String(error)}`)];
  }
  // A list of entries, or `timeline:` holding one (as in a scenario file).
  const nested = typeof value === 'object' && value !== null && !Array.isArray(value);
  const keys = nested ? Object.keys(value as object) : [];
  const entries = nested ? (value as { timeline?: unknown }).timeline : value;
  if ((nested && (keys.length !== 1 || keys[0] !== 'timeline')) || !Array.isArray(entries)) {
    return [issue(tree.locate([]), 'expected a list of timeline entries, or a mapping with one key, timeline:, holding that list')];
  }
  const base = nested ? ['timeline'] : [];
  return {
    file,
    entries,
    locate: (path, key = false) => at(tree.locate([...base, ...path], key)),
  };
}

/** A timeline entry validated by the scenario's schema (defaults applied), or what `bad` returns. */
export function parseEntry(entry: unknown, bad: () => never): TimelineEntry {
  const r = timelineEntrySchema.safeParse(entry);
  return r.success ? (r.data as TimelineEntry) : bad();
}

/** Key of each timeline event that names an id (incident, message, dispute, de-escalation step). */
const ID_KEYS = ['incident', 'message', 'dispute', 'deescalation'] as const;
/** Fields of injected entries that refer to something earlier, and what. */
const REFERENCES: ReadonlyArray<{ readonly event: string; readonly field: string; readonly to: 'incidents' | 'disputes' }> = [
  { event: 'message', field: 'incident', to: 'incidents' },
  { event: 'dispute', field: 'over', to: 'incidents' },
  { event: 'withdraw', field: 'dispute', to: 'disputes' },
];

/**
 * The injected entries, validated as entries of the course's scenario (with its timeline):
 * every problem located in the inject file. An entry may refer to an incident or dispute the
 * log recorded before the fork, besides those of the timeline.
 */
export function checkInjected(course: Course, inject: InjectedTimeline, place: ForkPlace, options: RebuildOptions): TimelineEntry[] {
  const problems: LocatedIssue[] = [];
  const report = (k: number, path: ReadonlyArray<string | number>, message: string, key = false): void => {
    problems.push({ file: inject.file, ...inject.locate([k, ...path], key), path: formatPath([k, ...path]), message });
  };
  if (inject.entries.length > MAX_INJECTED) {
    throw new ForkError('input', [{ file: inject.file, line: 0, col: 0, path: '', message: `${inject.entries.length} entries; a fork injects at most ${MAX_INJECTED}` }]);
  }
  const written = (course.doc as { timeline?: unknown }).timeline;
  const original = Array.isArray(written) ? written : [];
  const timelineIds = new Set(original.flatMap((e) => ID_KEYS.map((k) => idOf(e, k)).filter((x): x is string => x !== undefined)));
  const fork = parseInstant(place.at) as number;
  inject.entries.forEach((entry, k) => {
    if (JSON.stringify(entry).length > MAX_INJECTED_ENTRY) report(k, [], `longer than ${MAX_INJECTED_ENTRY} characters as JSON`);
    const at = parseInstant(String((entry as { at?: unknown } | null)?.at ?? ''));
    if (at !== undefined && at < fork) report(k, ['at'], `${String((entry as { at: unknown }).at)} is before the fork instant ${place.at} (the instant of seq ${place.atSeq})`);
    for (const key of ID_KEYS) {
      const id = idOf(entry, key);
      if (id !== undefined && (place.ids.has(id) || timelineIds.has(id))) report(k, [key, 'id'], `id "${id}" is already used ${place.ids.has(id) ? `in the log before seq ${place.atSeq + 1}` : "by the scenario's timeline"}`);
    }
  });
  const merged = validateScenario({ ...(course.doc as object), timeline: [...original, ...inject.entries] }, { eventBudget: options.maxEvents });
  for (const issue of merged.ok ? [] : merged.issues) {
    const [head, index, ...rest] = issue.path;
    const k = typeof index === 'number' ? index - original.length : -1;
    if (head !== 'timeline' || k < 0) {
      // An issue on the scenario's own entries comes from an injected one (an id used twice), reported above.
      if (problems.length > 0) continue;
      problems.push({ file: inject.file, line: 0, col: 0, path: '', message: `with the scenario: ${formatPath(issue.path)}: ${issue.message}` });
      continue;
    }
    const ref = REFERENCES.find((r) => rest.length === 2 && rest[0] === r.event && rest[1] === r.field);
    const value = ref ? (inject.entries[k] as Record<string, Record<string, unknown>>)[ref.event]?.[ref.field] : undefined;
    // Recorded before the fork: known to the run, though not to the scenario's timeline.
    if (ref && typeof value === 'string' && place[ref.to].has(value)) continue;
    report(k, rest, issue.message, issue.key === true);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ForkError('input', problems);
  }
  return inject.entries.map((e) => parseEntry(e, () => forkFailure('input', inject.file, 'invalid timeline entry')));
}

function idOf(entry: unknown, key: string): string | undefined {
  const event = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
