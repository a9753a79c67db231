/**
 * Compiles a validated scenario into the simulator's `Plan`: durations to ms, incident kinds
 * resolved to CAMEO codes and Goldstein weights (scenario overrides first, then the CAMEO
 * table with sub-code fallback), policy defaults per kind, the timeline in run order.
 */
import type { Track } from '../core/catalogue.js';
import { parseDuration, parseInstant } from '../core/time.js';
import type { GeneratorPlan, IncidentSpec, ParameterOverride, PartyPlan, Plan, PolicyKind, TimelineStep } from '../sim/plan.js';
import { partyPolicy } from '../sim/policies/index.js';
import { goldsteinWeight } from './cameo.js';
import { deescalationKind, incidentKind } from './kinds.js';
import type { Scenario } from './schema.js';
import { tagTimelineEntry } from './timeline.js';

/** What the plan needs beyond the scenario itself. */
export interface CompileOptions {
  /** SHA-256 of the scenario file (recorded in the log's first event). */
  readonly hash: string;
  /**
   * The scenario file's text, recorded verbatim in the log's first event so that the log
   * alone can rebuild the run (at most `MAX_SCENARIO_BYTES`, as the loader enforces).
   * Without it the log records the source as not known.
   */
  readonly source?: string;
  /**
   * The parameter overrides already applied to `s` (`--set path=value`), recorded verbatim
   * in the log's first event; compiling does not apply them. Default: none.
   */
  readonly overrides?: readonly ParameterOverride[];
  readonly parleyVersion: string;
  /** Overrides the scenario's seed (`parley run --seed`). */
  readonly seed?: number;
  /** Safety stop for runaway scenarios (default {@link DEFAULT_MAX_EVENTS}). */
  readonly maxEvents?: number;
}

/** Events after which a run stops unless told otherwise (also the default event budget: limits.ts). */
export const DEFAULT_MAX_EVENTS = 5_000_000;

const ms = (d: string): number => parseDuration(d) as number;
const at = (i: string): number => parseInstant(i) as number;

type Policy = Scenario['parties'][string]['policy'];

function policyPlan(p: Policy, rulingAccepted: number): PartyPlan['policy'] {
  const kind = p.kind as PolicyKind;
  // The schema only lets through the kinds policies/index.ts lists.
  const base = (partyPolicy(kind) as NonNullable<ReturnType<typeof partyPolicy>>).defaults;
  const extra = p as Partial<Record<'generosity' | 'retaliate' | 'raiseDispute' | 'acknowledge' | 'escalate', number>>;
  return {
    kind,
    generosity: extra.generosity ?? base.generosity,
    retaliate: extra.retaliate ?? base.retaliate,
    raiseDispute: extra.raiseDispute ?? base.raiseDispute,
    acknowledge: extra.acknowledge ?? base.acknowledge,
    escalate: extra.escalate ?? base.escalate,
    settle: p.settle ?? base.settle,
    // A kind may accept rulings more or less often than the supervisor's base rate (hawks: half).
    acceptRuling: rulingAccepted * base.rulingAcceptance,
    ackDelayMs: ms(p.ackDelay),
    answerDelayMs: ms(p.answerDelay),
    retaliationDelayMs: ms(p.retaliationDelay),
    disputeThreshold: p.disputeThreshold,
  };
}

interface IncidentFields {
  readonly kind: string;
  readonly by: string;
  readonly against: string;
  readonly cameo?: string | undefined;
  readonly weight?: number | undefined;
  readonly severity?: number | undefined;
  readonly where?: string | undefined;
  readonly description?: string | undefined;
  readonly warn?: string | undefined;
  readonly blamed?: string | undefined;
}

function incidentSpec(s: Scenario, f: IncidentFields): IncidentSpec {
  const kind = incidentKind(f.kind, s.incidentKinds);
  const cameo = f.cameo ?? kind?.cameo ?? '01';
  const weight = f.weight ?? (f.cameo === undefined ? kind?.weight : undefined) ?? goldsteinWeight(cameo, s.weights) ?? 0;
  return {
    kind: f.kind,
    by: f.by,
    against: f.against,
    cameo,
    weight,
    severity: f.severity ?? kind?.severity ?? 0.5,
    ...(f.where === undefined ? {} : { where: f.where }),
    ...(f.description === undefined ? {} : { description: f.description }),
    ...(f.warn === undefined ? {} : { warnLeadMs: ms(f.warn) }),
    ...(f.blamed === undefined ? {} : { blamed: f.blamed }),
  };
}

function timeline(s: Scenario): TimelineStep[] {
  return s.timeline.map((entry) => {
    const t = tagTimelineEntry(entry);
    const atMs = at(t.at);
    switch (t.kind) {
      case 'incident':
        return { atMs, action: { type: 'incident', id: t.event.id, incident: incidentSpec(s, t.event) } };
      case 'message': {
        const m = t.event;
        return {
          atMs,
          action: {
            type: 'message', id: m.id, from: m.from, to: m.to, track: m.track, kind: m.kind,
            ...(m.subject === undefined ? {} : { subject: m.subject }),
            ...(m.incident === undefined ? {} : { incidentId: m.incident }),
            ...(m.cameo === undefined ? {} : { cameo: m.cameo }),
          },
        };
      }
      case 'dispute': {
        const d = t.event;
        return {
          atMs,
          action: {
            type: 'dispute', id: d.id, by: d.by, against: d.against, track: d.track,
            ...(d.over === undefined ? {} : { incidentId: d.over }),
            ...(d.claim === undefined ? {} : { claim: d.claim }),
          },
        };
      }
      case 'deescalation': {
        const d = t.event;
        const kind = deescalationKind(d.kind, s.incidentKinds);
        const cameo = d.cameo ?? kind?.cameo ?? '087';
        const weight = d.weight ?? (d.cameo === undefined ? kind?.weight : undefined) ?? goldsteinWeight(cameo, s.weights) ?? 0;
        return {
          atMs,
          action: {
            type: 'deescalation', id: d.id, by: d.by, kind: d.kind, cameo, weight,
            ...(d.description === undefined ? {} : { description: d.description }),
          },
        };
      }
      case 'suspend':
        return { atMs, action: { type: 'suspend', by: t.event.by, reason: t.event.reason } };
      case 'resume':
        return { atMs, action: { type: 'resume', by: t.event.by, ...(t.event.reason === undefined ? {} : { reason: t.event.reason }) } };
      case 'meeting':
        return { atMs, action: { type: 'meeting', by: t.event.by, reason: t.event.reason } };
      case 'withdraw':
        return { atMs, action: { type: 'withdraw', by: t.event.by, disputeId: t.event.dispute } };
      default: {
        const _exhaustive: never = t;
        return _exhaustive;
      }
    }
  });
}

/**
 * Builds the simulator's plan from a validated scenario: durations in ms, incident kinds
 * resolved to CAMEO codes and Goldstein weights, policy defaults per kind. Pass the file's
 * text as `source` so that the log records it (what `parley fork` rebuilds the run from).
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const plan = compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION, seed: 7 });
 * console.log(plan.seed, plan.parties.map((p) => `${p.id}: ${p.policy.kind}`));
 */
export function compileScenario(s: Scenario, options: CompileOptions): Plan {
  const startMs = at(s.start);
  const endMs = startMs + ms(s.horizon);
  const rulingAccepted = s.supervisor.mediation.rulingAccepted;
  const generators: GeneratorPlan[] = s.generators.map((g) => ({
    ...incidentSpec(s, { ...g, kind: g.incident }),
    meanIntervalMs: ms(g.every),
    fromMs: g.from === undefined ? startMs : at(g.from),
    untilMs: g.until === undefined ? endMs : at(g.until),
  }));
  const m = s.mechanism;
  return {
    name: s.name,
    hash: options.hash,
    source: options.source ?? null,
    overrides: [...(options.overrides ?? [])],
    seed: options.seed ?? s.seed,
    parleyVersion: options.parleyVersion,
    startMs,
    endMs,
    parties: Object.entries(s.parties).map(([id, p]) => ({ id, name: p.name, policy: policyPlan(p.policy, rulingAccepted) })),
    supervisor: {
      id: s.supervisor.id,
      name: s.supervisor.name,
      intervene: s.supervisor.policy.intervene,
      responseTimeMs: ms(s.supervisor.mediation.responseTime),
      factFindingMs: ms(s.supervisor.mediation.factFinding),
    },
    mechanism: {
      enabled: m.enabled,
      tracks: [...m.tracks] as Track[],
      ackDeadlineMs: ms(m.ackDeadline),
      disputeResponseMs: ms(m.disputeResponseDeadline),
      referral: m.referral,
      meetings: {
        everyMs: m.meetings.every === null ? null : ms(m.meetings.every),
        extraordinaryOnRequest: m.meetings.extraordinaryOnRequest,
        standingIncidentAgenda: m.meetings.standingIncidentAgenda,
      },
      suspension: {
        by: [...m.suspension.by],
        ...(m.suspension.onSeverityAbove === undefined ? {} : { onSeverityAbove: m.suspension.onSeverityAbove }),
        ...(m.suspension.resumeAfter === undefined ? {} : { resumeAfterMs: ms(m.suspension.resumeAfter) }),
      },
    },
    fog: {
      misattribution: s.fog.misattribution,
      severityNoise: s.fog.severityNoise,
      messageLoss: s.fog.messageLoss,
      deliveryDelayMs: ms(s.fog.deliveryDelay),
    },
    ladder: {
      ...s.ladder,
      levels: [...s.ladder.levels],
      thresholds: [...s.ladder.thresholds],
      cooling: s.ladder.cooling === 'none' ? 'none' : { halfLife: s.ladder.cooling.halfLife },
    },
    generators,
    timeline: timeline(s),
    ...(s.game
      ? { game: { rounds: s.game.rounds, everyMs: ms(s.game.every), epsilon: s.game.epsilon, payoff: s.game.payoff, clarify: s.game.clarify } }
      : {}),
    maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS,
  };
}
