/**
 * Validates an already-parsed scenario object (from YAML, JSON, or built in code, e.g. a
 * sweep variant) and returns every problem with the path of the offending field. Positions
 * in a file are added by `load.ts`; this module is pure.
 */
import { formatPath } from '../core/catalogue.js';
import { scenarioErrorMap } from './messages.js';
import { limitIssues, type LimitOptions } from './limits.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { didYouMean, listOf, oneLine, quote } from './suggest.js';

/** One problem in a scenario object. */
export interface ScenarioIssue {
  /** Path to the offending value (or to the offending key, when `key` is true). */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  /** The problem is the key at `path` itself (an unknown or invalid key), not its value. */
  readonly key?: boolean;
}

/** The outcome of validating a scenario object. */
export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

/**
 * Validates `value` as a scenario: structure, defaults, cross-references, and then the limits
 * a run must respect (limits.ts: instants a log can record, game rounds within the horizon,
 * the event budget). All problems are returned; unknown keys come one issue per key, with a
 * did-you-mean when one is close.
 * @example validateScenario(JSON.parse(text))
 */
export function validateScenario(value: unknown, options: LimitOptions = {}): ValidationResult {
  const allowed = new Map<string, readonly string[]>();
  const result = scenarioSchema.safeParse(value, {
    error: scenarioErrorMap((path, keys) => allowed.set(pathKey(path), keys)),
  });
  if (result.success) {
    const limits = limitIssues(result.data, options);
    return limits.length === 0 ? { ok: true, scenario: result.data } : { ok: false, issues: limits };
  }
  const issues: ScenarioIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys') {
      const candidates = allowed.get(pathKey(issue.path)) ?? [];
      for (const key of issue.keys) {
        const hint = didYouMean(key, candidates);
        const message = hint
          ? `unknown key ${quote(key)}${hint}`
          : `unknown key ${quote(key)}${candidates.length ? ` (expected one of: ${listOf(candidates, 20)})` : ''}`;
        issues.push({ path: [...path, key], message, key: true });
      }
    } else if (issue.code === 'invalid_key') {
      issues.push({ path, message: oneLine(issue.message), key: true });
    } else {
      issues.push({ path, message: oneLine(issue.message) });
    }
  }
  return { ok: false, issues };
}

/** Renders an issue path the way messages print it (`timeline[3].incident.by`). */
export const issuePath = (path: ReadonlyArray<string | number>): string => formatPath(path);
