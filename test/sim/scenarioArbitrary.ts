/**
 * Generated scenarios (as written in YAML, before defaults) for property tests of the
 * simulator: two or three parties with any policy, the cell on or off, fog, generators by
 * parties and by `world`, some scripted entries, sometimes a game, a short horizon.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../src/scenario/schema.js';

const POLICIES = ['scripted', 'tit-for-tat', 'generous-tit-for-tat', 'hawk', 'dove', 'probabilistic'] as const;
const KINDS = ['incursion', 'airstrike', 'raid', 'detention', 'threat', 'shelling'] as const;
const hours = (h: number) => `PT${h}H`;

const policy = fc.record({
  kind: fc.constantFrom(...POLICIES),
  ackDelay: fc.integer({ min: 1, max: 30 }).map(hours),
  retaliationDelay: fc.integer({ min: 1, max: 48 }).map(hours),
  generosity: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ kind, generosity, ...rest }) => (kind === 'generous-tit-for-tat' ? { kind, generosity, ...rest } : { kind, ...rest }));

export const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    parties: fc.constantFrom(['a', 'b'], ['a', 'b', 'c']),
    policies: fc.array(policy, { minLength: 3, maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    enabled: fc.boolean(),
    days: fc.integer({ min: 5, max: 60 }),
    misattribution: fc.double({ min: 0, max: 0.6, noNaN: true }),
    severityNoise: fc.double({ min: 0, max: 0.3, noNaN: true }),
    messageLoss: fc.double({ min: 0, max: 0.2, noNaN: true }),
    deliveryMinutes: fc.integer({ min: 0, max: 120 }),
    generators: fc.array(
      fc.record({ kind: fc.constantFrom(...KINDS), by: fc.nat(3), against: fc.nat(2), every: fc.integer({ min: 1, max: 10 }), warn: fc.option(fc.integer({ min: 1, max: 12 })) }),
      { maxLength: 4 },
    ),
    suspendOn: fc.option(fc.double({ min: 0.3, max: 1, noNaN: true })),
    rulingAccepted: fc.double({ min: 0, max: 1, noNaN: true }),
    intervene: fc.double({ min: 0, max: 1, noNaN: true }),
    game: fc.option(fc.record({ rounds: fc.integer({ min: 1, max: 40 }), epsilon: fc.double({ min: 0, max: 0.5, noNaN: true }) })),
    // Days of half-life; 0: the ladder does not cool.
    halfLife: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  })
  .map((g) => {
    const parties = Object.fromEntries(g.parties.map((id, i) => [id, { name: id.toUpperCase(), policy: g.policies[i] }]));
    const pick = (n: number) => g.parties[n % g.parties.length] as string;
    const generators = g.generators
      .map((x) => {
        const by = x.by === 3 ? 'world' : pick(x.by);
        let against = pick(x.against);
        if (against === by) against = pick(x.against + 1);
        return {
          incident: x.kind,
          by,
          against,
          every: `P${x.every}D`,
          ...(x.warn !== null && by !== 'world' ? { warn: hours(x.warn) } : {}),
        };
      });
    return {
      parley: 1,
      name: 'generated',
      start: '2026-01-01T00:00:00Z',
      horizon: `P${g.days}D`,
      seed: g.seed,
      parties,
      supervisor: { id: 'sup', name: 'Supervisor', policy: { kind: 'probabilistic', intervene: g.intervene }, mediation: { rulingAccepted: g.rulingAccepted } },
      mechanism: {
        enabled: g.enabled,
        meetings: { every: 'P10D' },
        ...(g.suspendOn === null ? {} : { suspension: { by: [g.parties[0] as string], onSeverityAbove: g.suspendOn, resumeAfter: 'P3D' } }),
      },
      ladder: { cooling: g.halfLife === 0 ? 'none' : { halfLife: `P${g.halfLife}D` } },
      fog: { misattribution: g.misattribution, severityNoise: g.severityNoise, messageLoss: g.messageLoss, deliveryDelay: `PT${g.deliveryMinutes}M` },
      generators,
      timeline: [
        { at: '2026-01-02T00:00:00Z', incident: { id: 'opening', kind: 'incursion', by: 'a', against: 'b', blamed: 'world' } },
        { at: '2026-01-02T06:00:00Z', dispute: { id: 'opening-dispute', by: 'b', against: 'a', over: 'opening' } },
        { at: '2026-01-03T00:00:00Z', deescalation: { id: 'step', by: 'a', kind: 'deescalation' } },
      ],
      // At most the rounds that fit the horizon (two a day): more is an error.
      ...(g.game === null ? {} : { game: { rounds: Math.min(g.game.rounds, 2 * g.days), every: 'PT12H', epsilon: g.game.epsilon } }),
    } as ScenarioInput;
  });
