/**
 * The grid of a sweep: every combination of the `--set` values (the first option varies
 * slowest), each a complete scenario validated by the scenario schema before any run
 * starts. A cross-reference that only breaks in one combination is caught here too.
 */
import { formatPath } from '../core/catalogue.js';
import type { Scenario } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import { applyOverride, renderSetValue, type Override, type SetSpec } from './overrides.js';
import { SetPathError, type ResolvedPath } from './setPath.js';

/** One point of the grid: a scenario variant. */
export interface Cell {
  /** 0-based position in the grid. */
  readonly index: number;
  /** The changes from the scenario file, in `--set` order (what `LogStarted` records). */
  readonly overrides: readonly Override[];
  /** The values as `--set` takes them back, in `--set` order (CSV cells, `reproduce`). */
  readonly texts: readonly string[];
  /** The validated variant. */
  readonly scenario: Scenario;
}

/** Most cells a grid may have (each is validated and held in memory by every worker). */
export const MAX_CELLS = 1000;

/** `path=value` of every override, for messages and summaries. */
export function cellLabel(specs: readonly SetSpec[], cell: Cell): string {
  if (specs.length === 0) return 'the scenario as written';
  return specs.map((s, i) => `${s.path.text}=${cell.texts[i] ?? ''}`).join(', ');
}

function check(doc: unknown, what: string): Scenario {
  const result = validateScenario(doc);
  if (result.ok) return result.scenario;
  const issue = result.issues[0];
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problems)` : '';
  throw new SetPathError(`${what}: ${issue ? `${formatPath(issue.path)}: ${issue.message}` : 'invalid'}${more}`);
}

/**
 * Builds and validates every cell of the grid over `doc` (the scenario file as a plain
 * object). Each value is first checked alone, so a wrong value is blamed on its own option.
 * @throws {SetPathError} for an invalid value or combination, or a grid over {@link MAX_CELLS}.
 */
export function buildGrid(doc: unknown, specs: readonly SetSpec[]): Cell[] {
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.path.text)) throw new SetPathError(`--set ${s.path.text} is given twice: list all its values in one option`);
    seen.add(s.path.text);
  }
  const size = specs.reduce((n, s) => n * s.values.length, 1);
  if (size > MAX_CELLS) throw new SetPathError(`the grid has ${size} cells; at most ${MAX_CELLS} are allowed`);
  for (const s of specs) {
    for (const value of s.values) check(applyOverride(doc, s.path, value), `--set ${s.path.text}=${renderSetValue(value)}`);
  }
  const cells: Cell[] = [];
  for (let index = 0; index < size; index++) {
    // Mixed radix, the last option varying fastest.
    let rest = index;
    const picks: Array<{ path: ResolvedPath; value: unknown }> = new Array(specs.length);
    for (let i = specs.length - 1; i >= 0; i--) {
      const s = specs[i] as SetSpec;
      picks[i] = { path: s.path, value: s.values[rest % s.values.length] };
      rest = Math.floor(rest / s.values.length);
    }
    const variant = picks.reduce<unknown>((d, p) => applyOverride(d, p.path, p.value), doc);
    const texts = picks.map((p) => renderSetValue(p.value));
    const what = specs.length === 0 ? 'the scenario' : `--set ${picks.map((p, i) => `${p.path.text}=${texts[i]}`).join(' with ')}`;
    cells.push({
      index,
      overrides: picks.map((p) => ({ path: p.path.text, value: p.value })),
      texts,
      scenario: check(variant, what),
    });
  }
  return cells;
}
