/**
 * Limits a scenario must respect before anything runs, checked with `validate` and `run`
 * alike: every instant of the run must be one a log can record, the game's rounds must fit
 * the horizon, and the events the run is estimated to record must stay within the event
 * budget.
 *
 * The estimate, from the compiled plan (documented in the README):
 *
 *   events ≈ 5                                  LogStarted, the cell set up, SimulationEnded
 *          + M × (2 + T)                        M regular meetings (⌊horizon / meetings.every⌋,
 *                                               cell on), each opened, closed, T tracks quiet
 *          + 40 × (Σ_g ⌈window_g / every_g⌉     expected incidents of each generator g over
 *                  + timeline entries)          its window, and every scripted entry
 *          + R × (1 + P × (P − 1))              R rounds of the game, each with at most one
 *                                               clarification per ordered pair of P parties
 *
 * 40 events per incident is an upper estimate of what one incident can start: its
 * observation, a protest and an advance warning (sent, delivered, acknowledged, answered,
 * overdue, referred), a dispute through fact-finding and up to three mediations, an
 * extraordinary meeting, clarifications and a retaliation (shipped scenarios record 3 to 11
 * per incident). It is an estimate: parties that answer every strike with a strike (hawks)
 * can trade retaliations until the horizon, which `--max-events` stops at run time.
 */
import { DAY_MS, formatDuration, formatInstant, parseInstant } from '../core/time.js';
import type { Plan } from '../sim/plan.js';
import { compileScenario, DEFAULT_MAX_EVENTS } from './compile.js';
import type { Scenario } from './schema.js';
import type { ScenarioIssue } from './validate.js';

/**
 * Events a scenario may be estimated to record unless the caller raises the budget
 * (`run --max-events`): the run-time safety stop's default, so that what validates can run.
 */
export const DEFAULT_EVENT_BUDGET = DEFAULT_MAX_EVENTS;
/** Upper estimate of the events one incident (or scripted entry) starts; see the module comment. */
export const EVENTS_PER_INCIDENT = 40;
/** The last instant a log can record (instants are written with a four-digit year). */
export const LAST_INSTANT = '9999-12-31T23:59:59.999Z';
const LAST_MS = parseInstant(LAST_INSTANT) as number;

/** Options of the limit checks. */
export interface LimitOptions {
  /** Most events the run may be estimated to record (default {@link DEFAULT_EVENT_BUDGET}). */
  readonly eventBudget?: number;
}

/** One source of events in the estimate, and the scenario field that drives it. */
export interface EstimatePart {
  readonly path: ReadonlyArray<string | number>;
  readonly events: number;
  /** How the number was reached, for messages (`12 incidents × 40`). */
  readonly how: string;
}

/** The estimated events of a run, by source. */
export interface EventEstimate {
  readonly total: number;
  readonly parts: readonly EstimatePart[];
}

const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

/** Estimates the events a run of `plan` records (see the module comment). */
export function estimateEvents(plan: Plan): EventEstimate {
  const horizon = plan.endMs - plan.startMs;
  const parts: EstimatePart[] = [{ path: [], events: 5, how: 'the log, the cell and the end' }];
  const every = plan.mechanism.meetings.everyMs;
  if (plan.mechanism.enabled && every) {
    const meetings = Math.floor(horizon / every);
    parts.push({ path: ['mechanism', 'meetings', 'every'], events: meetings * (2 + plan.mechanism.tracks.length), how: `${count(meetings)} regular meetings` });
  }
  plan.generators.forEach((g, i) => {
    const window = Math.max(0, Math.min(g.untilMs, plan.endMs) - Math.max(g.fromMs, plan.startMs));
    const incidents = g.meanIntervalMs > 0 ? Math.ceil(window / g.meanIntervalMs) : Number.POSITIVE_INFINITY;
    parts.push({ path: ['generators', i, 'every'], events: incidents * EVENTS_PER_INCIDENT, how: `about ${count(incidents)} incidents × ${EVENTS_PER_INCIDENT}` });
  });
  if (plan.timeline.length > 0) {
    parts.push({ path: ['timeline'], events: plan.timeline.length * EVENTS_PER_INCIDENT, how: `${plan.timeline.length} entries × ${EVENTS_PER_INCIDENT}` });
  }
  if (plan.game) {
    const n = plan.parties.length;
    parts.push({ path: ['game', 'rounds'], events: plan.game.rounds * (1 + n * (n - 1)), how: `${count(plan.game.rounds)} rounds × ${1 + n * (n - 1)}` });
  }
  return { total: parts.reduce((sum, p) => sum + p.events, 0), parts };
}

/**
 * The limits `s` breaks, as issues with the field to change and the limit: instants past
 * {@link LAST_INSTANT}, game rounds that do not fit the horizon, an estimate over the event
 * budget. Empty when the scenario is within every limit.
 */
export function limitIssues(s: Scenario, options: LimitOptions = {}): ScenarioIssue[] {
  // The hash and version only go into the log: any value compiles the same plan.
  const plan = compileScenario(s, { hash: '', parleyVersion: '' });
  const time = timeIssues(plan);
  // Past the last instant, nothing else can be judged: the numbers are not instants any more.
  if (time.length > 0) return time;
  const issues = gameIssues(plan);
  const budget = options.eventBudget ?? DEFAULT_EVENT_BUDGET;
  const estimate = estimateEvents(plan);
  if (estimate.total > budget) {
    const largest = estimate.parts.reduce((a, b) => (b.events > a.events ? b : a));
    issues.push({
      path: largest.path,
      message:
        `the run would record about ${count(estimate.total)} events (this: ${largest.how}), more than the event budget ` +
        `of ${count(budget)}: shorten the horizon or make incidents, meetings or rounds rarer (parley run --max-events raises the budget)`,
    });
  }
  return issues;
}

function timeIssues(plan: Plan): ScenarioIssue[] {
  const m = plan.mechanism;
  const horizon = plan.endMs - plan.startMs;
  // Messages and disputes of the run's last instant have deadlines after it: those must print too.
  const deadline = Math.max(m.ackDeadlineMs, m.disputeResponseMs);
  if (!Number.isSafeInteger(plan.endMs) || plan.endMs > LAST_MS) {
    const most = Math.floor((LAST_MS - plan.startMs - deadline) / DAY_MS) * DAY_MS;
    return [{ path: ['horizon'], message: `the run would end after ${LAST_INSTANT}, the last instant a log can record: from this start the horizon may be at most ${formatDuration(most)}` }];
  }
  for (const [path, ms] of [[['mechanism', 'ackDeadline'], m.ackDeadlineMs], [['mechanism', 'disputeResponseDeadline'], m.disputeResponseMs]] as const) {
    if (!Number.isSafeInteger(plan.endMs + ms) || plan.endMs + ms > LAST_MS) {
      return [{ path, message: `a deadline set at the end of the run (${formatInstant(plan.endMs)}) would fall after ${LAST_INSTANT}, the last instant a log can record: at most ${formatDuration(LAST_MS - plan.endMs)}` }];
    }
  }
  return horizon < 0 ? [{ path: ['horizon'], message: 'the run would end before it starts' }] : [];
}

function gameIssues(plan: Plan): ScenarioIssue[] {
  const g = plan.game;
  if (!g) return [];
  // Round k is played at start + k × every, and only while that is within the horizon.
  const fit = Math.floor((plan.endMs - plan.startMs) / g.everyMs);
  if (g.rounds <= fit) return [];
  return [{
    path: ['game', 'rounds'],
    message: `${count(g.rounds)} rounds, one every ${formatDuration(g.everyMs)}, need ${formatDuration(g.rounds * g.everyMs)}, but the horizon is ${formatDuration(plan.endMs - plan.startMs)}: at most ${count(fit)} rounds fit (lengthen the horizon or shorten game.every)`,
  }];
}
