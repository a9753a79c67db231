/**
 * The course of a forked run, rebuilt from its log: the plan its `LogStarted` records (the
 * scenario's text with the recorded `--set` overrides applied, the recorded seed and Parley
 * version), each change of course a `ParametersChanged` fact records, and the new one the
 * fork asks for (`--set` on the parameters a run can change mid-way, `--inject` timeline
 * entries at or after the fork instant, `--seed`), each validated with the scenario's own
 * schema before anything runs.
 */
import type { EventData } from '../core/catalogue.js';
import { formatPath, MAX_OVERRIDE_VALUE } from '../core/catalogue.js';
import { compileScenario } from '../scenario/compile.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import type { TimelineEntry } from '../scenario/timeline.js';
import { runOrder } from '../scenario/timelineReferences.js';
import { validateScenario, type ScenarioIssue } from '../scenario/validate.js';
import type { Plan } from '../sim/plan.js';
import type { ForkPoint } from '../sim/simulation.js';
import { ForkError, forkFailure } from './forkError.js';
import { checkInjected, parseEntry, type InjectedTimeline } from './forkInject.js';
import { applyOverride, parseSetOption, renderSetValue, type Override } from './overrides.js';
import { scenarioDocument } from './prepare.js';
import { parseSetPath, resolveSetPath, SetPathError, type Segment } from './setPath.js';

/** A scenario document as far as the log's changes go, validated, and its plan. */
export interface Course {
  readonly doc: unknown;
  readonly scenario: Scenario;
  readonly plan: Plan;
}

/** What rebuilding a run needs besides the log: where the scenario text comes from, and the run's limits. */
export interface RebuildOptions {
  /** The log, as the user named it (for messages). */
  readonly log: string;
  /** The scenario's text when the log does not record it (a LogStarted v1 log), already checked against the recorded hash. */
  readonly source?: string;
  readonly maxEvents: number;
}

/** The run a log records up to its fork: its first plan, and the forks recorded in it. */
export interface RecordedCourse {
  readonly first: Course;
  /** The course after the last recorded change (the one a new fork starts from). */
  readonly last: Course;
  readonly forks: readonly ForkPoint[];
}

/**
 * Rebuilds the plan `started` records and the changes of course `changes` record (their seq
 * and data, in order).
 * @throws {ForkError} of kind `log` when what the log records does not make a valid run.
 */
export function rebuildCourse(
  started: EventData<'LogStarted'>,
  changes: ReadonlyArray<{ readonly seq: number; readonly data: EventData<'ParametersChanged'> }>,
  options: RebuildOptions,
): RecordedCourse {
  const source = started.scenario.source ?? options.source;
  if (source === undefined) {
    return forkFailure('input', options.log, 'this log does not record its scenario (written before LogStarted v2): give it with --scenario');
  }
  const compile = (scenario: Scenario): Plan =>
    compileScenario(scenario, {
      hash: started.scenario.hash,
      ...(started.scenario.source === null ? {} : { source: started.scenario.source }),
      overrides: started.overrides,
      parleyVersion: started.parley,
      seed: started.seed,
      maxEvents: options.maxEvents,
    });
  const recorded = (doc: unknown, what: string): Course => {
    const scenario = validated(doc, options, (issue) => `${what}: ${formatPath(issue.path)}: ${issue.message}`, 'log');
    return { doc, scenario, plan: compile(scenario) };
  };
  let doc: unknown;
  try {
    doc = scenarioDocument(source);
  } catch (e) {
    return forkFailure('log', options.log, `the scenario text the log records cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const first = recorded(withCooling(applyRecorded(doc, started.overrides, options.log, 'LogStarted'), started), 'the scenario the log records');
  let last = first;
  const forks: ForkPoint[] = [];
  for (const { seq, data } of changes) {
    const what = `ParametersChanged at seq ${seq}`;
    last = recorded(applyRecorded(last.doc, data.overrides, options.log, what), what);
    const steps = compileSteps(last, data.timeline.map((entry, i) => parseEntry(entry, () => forkFailure('log', options.log, `${what}: timeline[${i}] is not a valid timeline entry`))));
    const { rules: _rules, ...record } = data;
    forks.push({ atSeq: seq - 1, plan: last.plan, timeline: steps, ...(data.seed === undefined ? {} : { seed: data.seed }), record });
  }
  return { first, last, forks };
}

/**
 * The document with the ladder's cooling the log records when that is `none`: a log written
 * before LogStarted v3 ran on a ladder that did not cool (its upcaster says so), whatever
 * today's default, and its rebuilt run must not cool either.
 */
function withCooling(doc: unknown, started: EventData<'LogStarted'>): unknown {
  if (started.ladder.cooling !== 'none' || typeof doc !== 'object' || doc === null) return doc;
  const ladder = (doc as { ladder?: unknown }).ladder;
  return { ...doc, ladder: { ...(typeof ladder === 'object' && ladder !== null ? ladder : {}), cooling: 'none' } };
}

/** A scenario document with recorded overrides applied, as the run applied them. */
function applyRecorded(doc: unknown, overrides: readonly Override[], log: string, what: string): unknown {
  try {
    return overrides.reduce((d, o) => applyOverride(d, resolveSetPath(scenarioSchema, d, parseSetPath(o.path)), o.value), doc);
  } catch (e) {
    if (e instanceof SetPathError) return forkFailure('log', log, `${what} records an override this version cannot apply: ${e.message}`);
    throw e;
  }
}

/** The validated scenario of `doc`, or a ForkError listing its problems as `describe` words them, against `file`. */
function validated(doc: unknown, options: RebuildOptions, describe: (issue: ScenarioIssue) => string, kind: 'input' | 'log', file = options.log): Scenario {
  const result = validateScenario(doc, { eventBudget: options.maxEvents });
  if (result.ok) return result.scenario;
  throw new ForkError(kind, result.issues.map((i) => ({ file, line: 0, col: 0, path: '', message: describe(i) })));
}

/** The plan steps of timeline entries, in run order, compiled with the course's kinds and weights. */
function compileSteps(course: Course, entries: readonly TimelineEntry[]): ForkPoint['timeline'] {
  if (entries.length === 0) return [];
  const timeline = runOrder(entries).map((i) => entries[i] as TimelineEntry);
  return compileScenario({ ...course.scenario, timeline }, { hash: course.plan.hash, parleyVersion: course.plan.parleyVersion, seed: course.plan.seed }).timeline;
}

/** What a new fork asks for. */
export interface ForkChanges {
  /** `--set path=value` options, one value each, on the parameters a run can change mid-way. */
  readonly sets: readonly string[];
  readonly inject?: InjectedTimeline;
  readonly seed?: number;
}

/** Where the new fork happens, and what the run holds there. */
export interface ForkPlace {
  readonly atSeq: number;
  /** The instant of event `atSeq`: injected entries come at or after it. */
  readonly at: string;
  /** Ids of the incidents and disputes recorded so far (injected entries may refer to them), and every id in use. */
  readonly incidents: ReadonlySet<string>;
  readonly disputes: ReadonlySet<string>;
  readonly ids: ReadonlySet<string>;
}

/**
 * The fork point a new fork makes: the course changed by `changes` from the instant of event
 * `place.atSeq`. Without changes, the same course and nothing recorded.
 * @throws {ForkError} of kind `input` for an unknown or unchangeable `--set` path, a bad
 *   value, an injected entry that is invalid, before the fork instant, or clashes with an id.
 */
export function newFork(course: Course, changes: ForkChanges, place: ForkPlace, options: RebuildOptions): ForkPoint {
  let doc = course.doc;
  const overrides: Override[] = [];
  for (const option of changes.sets) {
    const set = (() => {
      try {
        return parseSetOption(option, scenarioSchema, doc);
      } catch (e) {
        if (e instanceof SetPathError) return forkFailure('input', '--set', e.message.replace(/^--set /, ''));
        throw e;
      }
    })();
    const path = set.path.text;
    if (set.values.length !== 1) forkFailure('input', '--set', `${path}: a fork takes one value per --set`);
    if (!changeable(set.path.segments)) forkFailure('input', '--set', `${path}: ${UNCHANGEABLE}`);
    const value = set.values[0];
    if (JSON.stringify(value).length > MAX_OVERRIDE_VALUE) forkFailure('input', '--set', `${path}: the value is longer than ${MAX_OVERRIDE_VALUE} characters as JSON`);
    doc = applyOverride(doc, set.path, value);
    overrides.push({ path, value });
  }
  const changed: Course = overrides.length === 0 ? course : (() => {
    const scenario = validated(doc, options, (i) => `${formatPath(i.path)}: ${i.message}`, 'input', `--set ${overrides.map((o) => `${o.path}=${renderSetValue(o.value)}`).join(' ')}`);
    return { doc, scenario, plan: compileScenario(scenario, planOptions(course.plan, options)) };
  })();
  const entries = changes.inject ? checkInjected(changed, changes.inject, place, options) : [];
  const steps = compileSteps(changed, entries);
  const anything = overrides.length > 0 || entries.length > 0 || changes.seed !== undefined;
  return {
    atSeq: place.atSeq,
    plan: changed.plan,
    timeline: steps,
    ...(changes.seed === undefined ? {} : { seed: changes.seed }),
    ...(anything
      ? { record: { overrides, timeline: [...(changes.inject?.entries ?? [])], ...(changes.seed === undefined ? {} : { seed: changes.seed }) } }
      : {}),
  };
}

/** The compile options of a plan like `plan` (what its LogStarted records), with the run's limit. */
function planOptions(plan: Plan, options: RebuildOptions) {
  return {
    hash: plan.hash,
    ...(plan.source === null || plan.source === undefined ? {} : { source: plan.source }),
    overrides: plan.overrides ?? [],
    parleyVersion: plan.parleyVersion,
    seed: plan.seed,
    maxEvents: options.maxEvents,
  };
}

const UNCHANGEABLE =
  'cannot change in the middle of a run; a fork changes fog.*, parties.<id>.policy…, supervisor.policy… and supervisor.mediation…, ' +
  'mechanism.ackDeadline, disputeResponseDeadline, referral, meetings… and suspension…, generators[i].<field>, weights and incidentKinds ' +
  '(the timeline: --inject; the random streams: --seed)';

/** Whether a run can take a new value at `segments` in its middle (see `ForkPoint` for when each takes effect). */
export function changeable(segments: readonly Segment[]): boolean {
  const [a, b, c] = segments;
  switch (a) {
    case 'fog':
    case 'weights':
    case 'incidentKinds':
      return true;
    case 'parties':
      return segments.length >= 3 && c === 'policy';
    case 'supervisor':
      return b === 'policy' || b === 'mediation';
    case 'mechanism':
      return typeof b === 'string' && ['ackDeadline', 'disputeResponseDeadline', 'referral', 'meetings', 'suspension'].includes(b);
    case 'generators':
      return segments.length >= 3;
    default:
      return false;
  }
}
