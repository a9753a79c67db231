/**
 * Cross-reference checks on the timeline. Entries may be listed in any order: they are
 * walked in simulated-time order (a stable sort by `at`, as the scenario will be run), so
 * "declared earlier" means earlier in time, with ties going to the entry written first.
 * Paths keep the entry's position in the file.
 */
import { parseInstant } from '../core/time.js';
import {
  checkActor,
  checkCameo,
  checkDeescalationKind,
  checkIncidentKind,
  checkInWindow,
  checkPair,
  checkTrack,
  field,
  str,
  type Context,
} from './referenceContext.js';
import { didYouMean, quote } from './suggest.js';

/** Indices of `entries` in run order: by `at`, stable; unparseable instants go last. */
export function runOrder(entries: readonly unknown[]): number[] {
  const at = entries.map((e) => parseInstant(str(field(e, 'at')) ?? '') ?? Infinity);
  return entries.map((_, i) => i).sort((a, b) => (at[a] ?? 0) - (at[b] ?? 0) || a - b);
}

interface Declared {
  /** id → index in the file of the entry that declares it. */
  readonly all: Map<string, number>;
  /** ids declared so far in run order. */
  readonly before: Set<string>;
}

function collect(entries: readonly unknown[], key: string): Declared {
  const all = new Map<string, number>();
  entries.forEach((e, i) => {
    const id = str(field(field(e, key), 'id'));
    if (id !== undefined && !all.has(id)) all.set(id, i);
  });
  return { all, before: new Set() };
}

function checkEarlier(
  cx: Context,
  path: ReadonlyArray<string | number>,
  value: unknown,
  what: 'incident' | 'dispute',
  declared: Declared,
): void {
  const ref = str(value);
  if (ref === undefined || declared.before.has(ref)) return;
  const at = declared.all.get(ref);
  if (at !== undefined) {
    cx.report(path, `${what} ${quote(ref)} happens later (timeline[${at}]); it must come before this entry`);
  } else {
    cx.report(path, `no ${what} ${quote(ref)} in the timeline${didYouMean(ref, declared.all.keys())}`);
  }
}

const ID_KEYS = ['incident', 'message', 'dispute', 'deescalation'] as const;

/** Checks every timeline entry's references, ids and instant. */
export function checkTimeline(cx: Context, entries: readonly unknown[]): void {
  const incidents = collect(entries, 'incident');
  const disputes = collect(entries, 'dispute');
  const ids = new Map<string, number>();
  for (const i of runOrder(entries)) {
    const entry = entries[i];
    const path = ['timeline', i];
    checkInWindow(cx, [...path, 'at'], field(entry, 'at'));
    for (const key of ID_KEYS) {
      const id = str(field(field(entry, key), 'id'));
      if (id === undefined) continue;
      const first = ids.get(id);
      if (first !== undefined) cx.report([...path, key, 'id'], `id ${quote(id)} is already used by timeline[${first}]`);
      else ids.set(id, i);
    }

    const incident = field(entry, 'incident');
    if (incident !== undefined) {
      const p = [...path, 'incident'];
      checkIncidentKind(cx, [...p, 'kind'], field(incident, 'kind'));
      // `world` stands for unidentified actors: it may carry out an incident, or be blamed.
      if (field(incident, 'by') !== 'world') checkActor(cx, [...p, 'by'], field(incident, 'by'), false);
      checkActor(cx, [...p, 'against'], field(incident, 'against'), false);
      if (field(incident, 'blamed') !== 'world') checkActor(cx, [...p, 'blamed'], field(incident, 'blamed'), false);
      checkPair(cx, p, incident);
      checkCameo(cx, p, incident);
    }
    const message = field(entry, 'message');
    if (message !== undefined) {
      const p = [...path, 'message'];
      checkActor(cx, [...p, 'from'], field(message, 'from'), true);
      checkActor(cx, [...p, 'to'], field(message, 'to'), true);
      const from = str(field(message, 'from'));
      if (from !== undefined && from === str(field(message, 'to'))) {
        cx.report([...p, 'to'], `${quote(from)} cannot send a message to itself`);
      }
      checkTrack(cx, [...p, 'track'], field(message, 'track'));
      checkEarlier(cx, [...p, 'incident'], field(message, 'incident'), 'incident', incidents);
    }
    const dispute = field(entry, 'dispute');
    if (dispute !== undefined) {
      const p = [...path, 'dispute'];
      checkActor(cx, [...p, 'by'], field(dispute, 'by'), false);
      checkActor(cx, [...p, 'against'], field(dispute, 'against'), false);
      checkPair(cx, p, dispute);
      checkTrack(cx, [...p, 'track'], field(dispute, 'track'));
      checkEarlier(cx, [...p, 'over'], field(dispute, 'over'), 'incident', incidents);
    }
    const step = field(entry, 'deescalation');
    if (step !== undefined) {
      checkActor(cx, [...path, 'deescalation', 'by'], field(step, 'by'), false);
      checkDeescalationKind(cx, [...path, 'deescalation', 'kind'], field(step, 'kind'));
      checkCameo(cx, [...path, 'deescalation'], step);
    }
    for (const key of ['suspend', 'resume', 'meeting']) {
      checkActor(cx, [...path, key, 'by'], field(field(entry, key), 'by'), true);
    }
    const withdraw = field(entry, 'withdraw');
    if (withdraw !== undefined) {
      checkActor(cx, [...path, 'withdraw', 'by'], field(withdraw, 'by'), false);
      checkEarlier(cx, [...path, 'withdraw', 'dispute'], field(withdraw, 'dispute'), 'dispute', disputes);
    }

    // Declared only after the entry's own checks: an entry cannot refer to itself.
    const incidentId = str(field(incident, 'id'));
    if (incidentId !== undefined) incidents.before.add(incidentId);
    const disputeId = str(field(dispute, 'id'));
    if (disputeId !== undefined) disputes.before.add(disputeId);
  }
}
