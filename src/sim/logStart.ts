/**
 * What a run's first event records: where the log comes from (the scenario's name, hash and
 * text, the overrides applied to it, the seed, Parley's version), the mechanism's rules that
 * `decide` computes deadlines from, and everything else a replay needs without the scenario
 * (period, parties, supervisor, tracks, ladder, the game's payoffs).
 */
import type { EventData, MechanismRules } from '../core/catalogue.js';
import { formatDuration, formatInstant } from '../core/time.js';
import type { Plan } from './plan.js';

/** The mechanism's rules as the log records them (durations in ISO-8601). */
export function mechanismRules(m: Plan['mechanism']): MechanismRules {
  return {
    ackDeadline: formatDuration(m.ackDeadlineMs),
    disputeResponseDeadline: formatDuration(m.disputeResponseMs),
    referral: m.referral,
    meetings: {
      every: m.meetings.everyMs === null ? null : formatDuration(m.meetings.everyMs),
      extraordinaryOnRequest: m.meetings.extraordinaryOnRequest,
      standingIncidentAgenda: m.meetings.standingIncidentAgenda,
    },
    suspension: {
      by: [...m.suspension.by],
      onSeverityAbove: m.suspension.onSeverityAbove ?? null,
      resumeAfter: m.suspension.resumeAfterMs === undefined ? null : formatDuration(m.suspension.resumeAfterMs),
    },
  };
}

/** The `LogStarted` data of a run of `plan` starting at `at` (the plan's start, formatted). */
export function logStartedData(p: Plan, at: string): EventData<'LogStarted'> {
  return {
    scenario: { name: p.name, hash: p.hash, source: p.source ?? null },
    overrides: [...(p.overrides ?? [])],
    seed: p.seed,
    parley: p.parleyVersion,
    start: at,
    end: formatInstant(p.endMs),
    parties: Object.fromEntries(p.parties.map((x) => [x.id, { name: x.name }])),
    supervisor: { id: p.supervisor.id, name: p.supervisor.name },
    mechanism: p.mechanism.enabled,
    rules: mechanismRules(p.mechanism),
    tracks: [...p.mechanism.tracks],
    ladder: p.ladder,
    ...(p.game ? { game: { payoff: p.game.payoff } } : {}),
  };
}
