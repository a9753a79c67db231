/**
 * Who takes part: the parties with their policies, and the supervisor. Policies are a
 * discriminated union on `kind`, one member per policy in src/sim/policies; every kind also
 * accepts the common timing and disposition fields, so switching a party from `hawk` to
 * `dove` never forces other edits.
 */
import { z } from 'zod';
import { PARTY_POLICIES, type PartyPolicy, type PolicyKind, type PolicyParameter } from '../sim/policies/index.js';
import { duration, id, name, unit } from './fields.js';

const common = {
  ackDelay: duration('How long this party takes to acknowledge a message or dispute.').default(
    'PT1H',
  ),
  answerDelay: duration('How long this party takes to answer a message or respond to a dispute.').default(
    'PT6H',
  ),
  disputeThreshold: unit(
    'Minimum observed severity (0-1) of an incident against this party before it raises a dispute.',
  ).default(0.3),
  settle: unit(
    'Chance (0-1) that this party accepts a settlement. Default by kind: dove 0.95, generous 0.7, hawk 0.2, others 0.5.',
  ).exactOptional(),
  retaliationDelay: duration(
    'How long this party waits before retaliating: the window in which the cell can clear up a misunderstanding.',
  ).default('PT12H'),
};

const policy = <K extends string, S extends z.ZodRawShape>(kind: K, doc: string, shape: S) =>
  z
    .strictObject({ kind: z.literal(kind).describe(doc), ...common, ...shape })
    .describe(doc);

const parameter = (p: PolicyParameter) => (p.default === undefined ? unit(p.doc) : unit(p.doc).default(p.default));

/** The dispositions a policy kind may let a scenario set. */
type Disposition = keyof PartyPolicy['parameters'];

/** A party's policy as validated: the common fields, and the dispositions its kind takes. */
export type PartyPolicyOutput = { readonly kind: PolicyKind } & z.output<z.ZodObject<typeof common>> & Partial<Record<Disposition, number>>;
/** A party's policy as written. */
export type PartyPolicyInput = { readonly kind: PolicyKind } & z.input<z.ZodObject<typeof common>> & Partial<Record<Disposition, number>>;

const kinds = PARTY_POLICIES.map((p) =>
  policy(p.kind, p.description, Object.fromEntries(Object.entries(p.parameters).map(([name, param]) => [name, parameter(param)]))),
);

/**
 * A party's behaviour: one kind per policy in src/sim/policies (its description, and the
 * dispositions it lets the scenario set, come from there).
 */
export const partyPolicySchema = z
  .discriminatedUnion('kind', kinds as [(typeof kinds)[number], ...(typeof kinds)[number][]])
  .describe('How this party behaves: one of the policy kinds, selected by `kind`.') as unknown as z.ZodType<PartyPolicyOutput, PartyPolicyInput>;

/** A party to the mechanism. */
export const partySchema = z
  .strictObject({
    name: name('Display name of the party, e.g. Syria.'),
    policy: partyPolicySchema,
  })
  .describe('A party to the mechanism.');

/** The parties, keyed by id: between two and eight. */
export const partiesSchema = z
  .record(id('Party id, used in every reference to this party (e.g. syria).'), partySchema)
  .superRefine((parties, ctx) => {
    const n = Object.keys(parties).length;
    if (n < 2 || n > 8) {
      ctx.addIssue({ code: 'custom', message: `needs between 2 and 8 parties, found ${n}` });
    }
  })
  .meta({ minProperties: 2, maxProperties: 8 })
  .describe('The parties, keyed by id (2 to 8). Ids must differ from the supervisor id and from sim, world and cell.');

const supervisorPolicy = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('active').describe('Intervenes whenever asked (intervene defaults to 1).'),
      intervene: unit('Chance (0-1) of intervening when a dispute is referred.').default(1),
    }),
    z.strictObject({
      kind: z.literal('passive').describe('Stays out unless told otherwise (intervene defaults to 0).'),
      intervene: unit('Chance (0-1) of intervening when a dispute is referred.').default(0),
    }),
    z.strictObject({
      kind: z.literal('probabilistic').describe('Intervenes with the given probability.'),
      intervene: unit('Chance (0-1) of intervening when a dispute is referred.'),
    }),
  ])
  .describe('How the supervisor responds to referrals and mediation requests.');

/** The supervisor of the mechanism (the United States in the Paris case). */
export const supervisorSchema = z
  .strictObject({
    id: id('Supervisor id, e.g. us. May appear as message sender/recipient and in suspension rules.'),
    name: name('Display name, e.g. United States.'),
    policy: supervisorPolicy.prefault({ kind: 'active' }),
    mediation: z
      .strictObject({
        responseTime: duration('How long the supervisor takes to rule once mediation is requested.').default(
          'P2D',
        ),
        rulingAccepted: unit('Chance (0-1) that a party accepts a ruling.').default(0.8),
        factFinding: duration('How long fact-finding on a disputed incident takes.').default('P3D'),
      })
      .prefault({})
      .describe('Mediation and fact-finding parameters.'),
  })
  .describe('The supervisor: referrals, mediation and rulings go through it.');
