import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { issuePath, validateScenario } from '../../src/scenario/validate.js';

const base = (): ScenarioInput => ({
  parley: 1,
  name: 'test',
  start: '2026-01-06T00:00:00Z',
  horizon: 'P30D',
  parties: {
    syria: { name: 'Syria', policy: { kind: 'dove' } },
    israel: { name: 'Israel', policy: { kind: 'hawk' } },
  },
  supervisor: { id: 'us', name: 'United States' },
});

/** `path: message` of every issue, for a scenario built from the base. */
function issues(change: (s: ScenarioInput & Record<string, unknown>) => void): string[] {
  const s = base() as ScenarioInput & Record<string, unknown>;
  change(s);
  const r = validateScenario(s);
  return r.ok ? [] : r.issues.map((i) => `${issuePath(i.path)}: ${i.message}`);
}

const at = (day: number) => `2026-01-${String(6 + day).padStart(2, '0')}T00:00:00Z`;

describe('validateScenario: actors', () => {
  it('accepts the base scenario', () => {
    expect(issues(() => {})).toEqual([]);
  });

  it('rejects reserved party ids and a clash with the supervisor', () => {
    expect(
      issues((s) => {
        s.parties = { ...s.parties, world: { name: 'W', policy: { kind: 'scripted' } }, us: { name: 'U', policy: { kind: 'dove' } } };
      }),
    ).toEqual([
      'parties.world: "world" is reserved for exogenous incidents; choose another party id',
      'parties.us: "us" is also the supervisor\'s id; ids must differ',
    ]);
    expect(issues((s) => void (s.supervisor = { id: 'cell', name: 'C' }))).toEqual([
      'supervisor.id: "cell" is reserved for the communication cell; choose another id',
    ]);
  });

  it('needs two to eight parties with valid ids', () => {
    expect(issues((s) => void (s.parties = { solo: { name: 'S', policy: { kind: 'dove' } } }))).toEqual([
      'parties: needs between 2 and 8 parties, found 1',
    ]);
    expect(
      issues((s) => void (s.parties = { ...s.parties, 'bad id': { name: 'B', policy: { kind: 'dove' } } })),
    ).toEqual([
      'parties.bad id: invalid key "bad id": "bad id" is not a valid id (letters, digits, _ . : - ; starting with a letter or digit; max 64)',
    ]);
  });

  it('lets only parties and the supervisor suspend, and only meaningfully', () => {
    expect(
      issues((s) => void (s.mechanism = { suspension: { by: ['us', 'israel', 'lebanon'] } })),
    ).toEqual(['mechanism.suspension.by[2]: unknown party "lebanon" (declared: syria, israel, us)']);
    expect(issues((s) => void (s.mechanism = { suspension: { onSeverityAbove: 0.5 } }))).toEqual([
      'mechanism.suspension.onSeverityAbove: has no effect: list in `by` who may suspend the cell',
    ]);
  });
});

describe('validateScenario: timeline', () => {
  it('allows the supervisor where the format says so, and only there', () => {
    expect(
      issues((s) => {
        s.timeline = [
          { at: at(1), message: { id: 'm1', from: 'us', to: 'syria', track: 'diplomatic', kind: 'proposal' } },
          { at: at(1), suspend: { by: 'us', reason: 'strike' } },
          { at: at(2), resume: { by: 'us' } },
          { at: at(2), meeting: { by: 'us', reason: 'review' } },
          { at: at(3), incident: { id: 'i1', kind: 'raid', by: 'us', against: 'syria' } },
        ];
      }),
    ).toEqual(['timeline[4].incident.by: "us" is the supervisor; this must be a party (syria, israel)']);
  });

  it('checks references against earlier entries in time, not in the file', () => {
    expect(
      issues((s) => {
        s.timeline = [
          { at: at(2), dispute: { id: 'd1', by: 'syria', against: 'israel', over: 'i1' } },
          { at: at(1), incident: { id: 'i1', kind: 'raid', by: 'israel', against: 'syria' } },
          { at: at(3), withdraw: { dispute: 'd1', by: 'syria' } },
        ];
      }),
    ).toEqual([]);
    expect(
      issues((s) => {
        s.timeline = [
          { at: at(1), dispute: { id: 'd1', by: 'syria', against: 'israel', over: 'i1' } },
          { at: at(2), incident: { id: 'i1', kind: 'raid', by: 'israel', against: 'syria' } },
          { at: at(1), withdraw: { dispute: 'd2', by: 'syria' } },
          { at: at(2), message: { id: 'm1', from: 'syria', to: 'us', track: 'intelligence', kind: 'warning', incident: 'i1' } },
        ];
      }),
    ).toEqual([
      'timeline[0].dispute.over: incident "i1" happens later (timeline[1]); it must come before this entry',
      'timeline[2].withdraw.dispute: no dispute "d2" in the timeline; did you mean "d1"?',
    ]);
  });

  it('rejects duplicate ids, self-directed acts and instants outside the window', () => {
    expect(
      issues((s) => {
        s.timeline = [
          { at: at(1), incident: { id: 'x', kind: 'raid', by: 'israel', against: 'israel' } },
          { at: at(2), message: { id: 'x', from: 'syria', to: 'syria', track: 'diplomatic', kind: 'request' } },
          { at: '2026-03-01T00:00:00Z', deescalation: { id: 'step', by: 'israel', kind: 'apology' } },
        ];
      }),
    ).toEqual([
      'timeline[0].incident.against: "israel" cannot act against itself: by and against must differ',
      'timeline[1].message.id: id "x" is already used by timeline[0]',
      'timeline[1].message.to: "syria" cannot send a message to itself',
      'timeline[2].at: 2026-03-01T00:00:00Z is outside the simulated window [2026-01-06T00:00:00Z, 2026-02-05T00:00:00Z]',
    ]);
  });

  it('knows the built-in and declared kinds, and needs a weight for unknown CAMEO codes', () => {
    expect(
      issues((s) => {
        s.incidentKinds = { cyber: { cameo: '999' }, drone: { cameo: '999', weight: -3 } };
        s.timeline = [
          { at: at(1), incident: { id: 'a', kind: 'airstrik', by: 'israel', against: 'syria' } },
          { at: at(1), incident: { id: 'b', kind: 'drone', by: 'israel', against: 'syria' } },
          { at: at(1), incident: { id: 'c', kind: 'raid', by: 'israel', against: 'syria', cameo: '2222' } },
          { at: at(1), deescalation: { id: 'd', by: 'israel', kind: 'truce' } },
          { at: at(1), deescalation: { id: 'e', by: 'israel', kind: 'drone' } },
        ];
      }),
    ).toEqual([
      'incidentKinds.cyber.cameo: CAMEO code "999" has no Goldstein weight (not in the built-in table or weights): add a weight',
      'timeline[0].incident.kind: unknown incident kind "airstrik"; did you mean "airstrike"? (known: incursion, buildup, airstrike, shelling, raid, detention, threat, demand, protest, ceasefireViolation, aid, statement, intelligenceShared, cyber, drone; declare new ones in incidentKinds)',
      'timeline[2].incident.cameo: CAMEO code "2222" has no Goldstein weight (not in the built-in table or weights): add a weight',
      'timeline[3].deescalation.kind: unknown de-escalation kind "truce" (known: deescalation, ceasefire, apology, agreement, negotiation, consultation, cyber, drone; declare new ones in incidentKinds)',
    ]);
  });

  it('keeps messages and disputes on the mechanism’s tracks', () => {
    expect(
      issues((s) => {
        s.mechanism = { tracks: ['intelligence', 'diplomatic', 'intelligence'] };
        s.timeline = [
          { at: at(1), message: { id: 'm', from: 'syria', to: 'israel', track: 'commercial', kind: 'proposal' } },
          { at: at(1), dispute: { id: 'd', by: 'syria', against: 'israel' } },
        ];
      }),
    ).toEqual([
      'mechanism.tracks[2]: track "intelligence" is listed twice',
      'timeline[0].message.track: track "commercial" is not among mechanism.tracks (intelligence, diplomatic)',
      'timeline[1].dispute.track: track "deescalation" is not among mechanism.tracks (intelligence, diplomatic)',
    ]);
  });

  it('needs exactly one event per entry', () => {
    expect(
      issues((s) => {
        s.timeline = [
          { at: at(1) },
          { at: at(1), resume: { by: 'syria' }, meeting: { by: 'syria', reason: 'x' } },
        ] as never;
      }),
    ).toEqual([
      'timeline[0]: each timeline entry needs one event: incident, message, dispute, deescalation, suspend, resume, meeting, withdraw',
      'timeline[1].meeting: one event per timeline entry: "resume" and "meeting" are both here; split them',
    ]);
  });
});

describe('validateScenario: generators, ladder, expectations', () => {
  it('checks generators like incidents, plus their window', () => {
    expect(
      issues((s) => {
        s.generators = [
          { incident: 'shelling', by: 'israel', against: 'syra', every: 'PT0S', from: at(5), until: at(2) },
        ];
      }),
    ).toEqual([
      'generators[0].every: must be longer than zero (found PT0S)',
      'generators[0].against: unknown party "syra"; did you mean "syria"? (declared: syria, israel)',
      'generators[0].until: must be later than from',
    ]);
  });

  it('checks the ladder’s shape', () => {
    expect(issues((s) => void (s.ladder = { levels: ['low', 'high', 'low'], thresholds: [5, 3] }))).toEqual([
      'ladder.levels[2]: level "low" is listed twice',
      'ladder.thresholds: needs one threshold per level: 3 levels, 2 thresholds',
      'ladder.thresholds[0]: the first threshold must be 0',
      'ladder.thresholds[1]: thresholds must increase strictly: 3 follows 5',
    ]);
    expect(issues((s) => void (s.ladder = { levels: ['a', 'b'], thresholds: [0, 50], max: 50 }))).toEqual([
      'ladder.max: must exceed the last threshold (50)',
    ]);
  });

  it('checks expectations against the ladder, the parties and the game', () => {
    expect(
      issues((s) => {
        s.ladder = { levels: ['calm', 'war'], thresholds: [0, 50] };
        s.expect = [
          { ladderPeakAtMost: 'crisis' },
          { meanPayoff: { party: 'egypt', min: 2 } },
          { mutualRestraintRate: {} },
          { incidentsAtMost: 2.5 },
          { incidentsAtLeast: 1, incidentsAtMost: 3 },
        ] as never;
      }),
    ).toEqual([
      'expect[2].mutualRestraintRate: give min, max or both',
      'expect[3].incidentsAtMost: expected a whole number, found 2.5',
      'expect[4].incidentsAtMost: one check per list item: "incidentsAtLeast" and "incidentsAtMost" are both here; split them',
      'expect[0].ladderPeakAtMost: unknown level "crisis" (ladder.levels: calm, war)',
      'expect[1].meanPayoff: needs a game block: it measures repeated-interaction rounds',
      'expect[1].meanPayoff.party: unknown party "egypt" (declared: syria, israel)',
      'expect[2].mutualRestraintRate: needs a game block: it measures repeated-interaction rounds',
    ]);
  });

  it('accepts a game block with defaults', () => {
    const r = validateScenario({ ...base(), game: { rounds: 20 }, expect: [{ mutualRestraintRate: { min: 0.5 } }] });
    expect(r.ok && r.scenario.game).toEqual({
      rounds: 20,
      every: 'P1D',
      epsilon: 0,
      payoff: { R: 3, S: 0, T: 5, P: 1 },
      clarify: 1,
    });
  });
});

describe('validateScenario: policies', () => {
  it('fills the defaults of each kind', () => {
    const r = validateScenario({
      ...base(),
      parties: {
        a: { name: 'A', policy: { kind: 'probabilistic', retaliate: 0.2 } },
        b: { name: 'B', policy: { kind: 'scripted', settle: 1 } },
      },
      supervisor: { id: 'us', name: 'US', policy: { kind: 'passive' } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.parties.a?.policy).toMatchObject({ retaliate: 0.2, raiseDispute: 0.5, acknowledge: 0.9, escalate: 0.1 });
    expect(r.scenario.parties.b?.policy).toMatchObject({ kind: 'scripted', settle: 1, ackDelay: 'PT1H' });
    expect(r.scenario.supervisor.policy).toEqual({ kind: 'passive', intervene: 0 });
  });

  it('names the kinds and suggests the intended one', () => {
    expect(
      issues((s) => {
        s.parties = {
          a: { name: 'A', policy: { kind: 'tit-for-tatt' } },
          b: { name: 'B', policy: { kind: 'tit-for-tat', generosity: 0.2 } },
        } as never;
        s.supervisor = { id: 'us', name: 'US', policy: { kind: 'probabilistic' } } as never;
      }),
    ).toEqual([
      'parties.a.policy.kind: expected one of: scripted, tit-for-tat, generous-tit-for-tat, hawk, dove, probabilistic; found the string "tit-for-tatt"; did you mean "tit-for-tat"?',
      'parties.b.policy.generosity: unknown key "generosity" (expected one of: kind, ackDelay, answerDelay, disputeThreshold, settle, retaliationDelay)',
      'supervisor.policy.intervene: missing; expected a number',
    ]);
  });
});

describe('validateScenario: no cascades', () => {
  it('does not check references against a block that is itself invalid', () => {
    expect(
      issues((s) => {
        s.mechanism = { tracks: ['intel'] } as never;
        s.parties = [] as never;
        s.timeline = [
          { at: at(1), dispute: { id: 'd', by: 'syria', against: 'egypt' } },
          { at: at(1), message: { id: 'm', from: 'x', to: 'y', track: 'diplomatic', kind: 'warning' } },
        ];
      }),
    ).toEqual([
      'parties: expected a mapping (key: value), found a list',
      'mechanism.tracks[0]: expected one of: intelligence, deescalation, diplomatic, commercial; found the string "intel"',
    ]);
  });
});
