/**
 * Cross-field checks the per-field schemas cannot express: references to parties,
 * incidents, disputes, kinds, tracks and levels; reserved and clashing ids; timeline
 * instants inside the simulated window.
 *
 * It runs even when some fields failed their own validation (so a file's problems are all
 * reported at once), which is why it reads its input defensively: a field that is not what
 * it should be is skipped here, its own schema has already reported it.
 */
import { parseInstant } from '../core/time.js';
import {
  buildContext,
  checkActor,
  checkCameo,
  checkIncidentKind,
  checkInWindow,
  checkPair,
  field,
  isRecord,
  list,
  str,
  RESERVED_ACTORS,
  type Context,
  type Loose,
  type Report,
} from './referenceContext.js';
import { didYouMean, quote } from './suggest.js';
import { checkTimeline } from './timelineReferences.js';

/** Re-exported for callers that only need the entry point. */
export { RESERVED_ACTORS, type Report };

function checkActors(cx: Context): void {
  for (const p of cx.parties ?? []) {
    const role = Object.prototype.hasOwnProperty.call(RESERVED_ACTORS, p) ? RESERVED_ACTORS[p] : undefined;
    if (role) cx.report(['parties', p], `${quote(p)} is reserved for ${role}; choose another party id`);
    if (p === cx.supervisor) cx.report(['parties', p], `${quote(p)} is also the supervisor's id; ids must differ`);
  }
  const sup = cx.supervisor;
  if (sup !== undefined && Object.prototype.hasOwnProperty.call(RESERVED_ACTORS, sup)) {
    cx.report(['supervisor', 'id'], `${quote(sup)} is reserved for ${RESERVED_ACTORS[sup]}; choose another id`);
  }
}

function checkMechanism(cx: Context, mechanism: unknown): void {
  const suspension = field(mechanism, 'suspension');
  const by = list(field(suspension, 'by'));
  by.forEach((who, i) => checkActor(cx, ['mechanism', 'suspension', 'by', i], who, true));
  if (field(suspension, 'onSeverityAbove') !== undefined && by.length === 0) {
    cx.report(['mechanism', 'suspension', 'onSeverityAbove'], 'has no effect: list in `by` who may suspend the cell');
  }
}

function checkKindsAndGenerators(cx: Context, s: Loose): void {
  for (const [kind, spec] of Object.entries(cx.kinds)) checkCameo(cx, ['incidentKinds', kind], spec);
  list(s.generators).forEach((g, i) => {
    const path = ['generators', i];
    checkIncidentKind(cx, [...path, 'incident'], field(g, 'incident'));
    if (field(g, 'by') !== 'world') checkActor(cx, [...path, 'by'], field(g, 'by'), false);
    checkActor(cx, [...path, 'against'], field(g, 'against'), false);
    checkPair(cx, path, g);
    checkCameo(cx, path, g);
    checkInWindow(cx, [...path, 'from'], field(g, 'from'));
    checkInWindow(cx, [...path, 'until'], field(g, 'until'));
    const from = parseInstant(str(field(g, 'from')) ?? '');
    const until = parseInstant(str(field(g, 'until')) ?? '');
    if (from !== undefined && until !== undefined && until <= from) {
      cx.report([...path, 'until'], 'must be later than from');
    }
  });
}

function checkExpectations(cx: Context, s: Loose): void {
  const levels = list(field(s.ladder, 'levels')).filter((l): l is string => typeof l === 'string');
  list(s.expect).forEach((item, i) => {
    for (const key of ['ladderPeakAtMost', 'ladderPeakAtLeast']) {
      const level = str(field(item, key));
      if (level !== undefined && levels.length > 0 && !levels.includes(level)) {
        const hint = `${didYouMean(level, levels)} (ladder.levels: ${levels.join(', ')})`;
        cx.report(['expect', i, key], `unknown level ${quote(level)}${hint}`);
      }
    }
    for (const key of ['mutualRestraintRate', 'meanPayoff']) {
      if (field(item, key) !== undefined && s.game === undefined) {
        cx.report(['expect', i, key], 'needs a game block: it measures repeated-interaction rounds');
      }
    }
    checkActor(cx, ['expect', i, 'meanPayoff', 'party'], field(field(item, 'meanPayoff'), 'party'), false);
  });
}

/**
 * Runs every cross-reference check on a (possibly partially valid) scenario, calling
 * `report` once per problem with the path of the offending field.
 */
export function checkReferences(scenario: unknown, report: Report): void {
  if (!isRecord(scenario)) return;
  const cx = buildContext(scenario, report);
  checkActors(cx);
  checkMechanism(cx, scenario.mechanism);
  checkKindsAndGenerators(cx, scenario);
  checkTimeline(cx, list(scenario.timeline));
  checkExpectations(cx, scenario);
}
