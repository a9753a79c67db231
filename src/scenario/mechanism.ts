/**
 * How the cell works (`mechanism`), what the parties cannot see clearly (`fog`), how the
 * relationship is measured (`ladder`) and the optional repeated-interaction mode (`game`).
 * Every block has defaults, so a minimal scenario can omit all of them.
 */
import { z } from 'zod';
import { TRACKS } from '../core/catalogue.js';
import { duration, id, integer, unit } from './fields.js';
import { DEFAULT_HALF_LIFE } from '../machines/ladder.js';
import { quote } from './suggest.js';

const track = z.enum(TRACKS).describe('A track of the mechanism.');

/** The communication cell's procedures. */
export const mechanismSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('false runs the counterfactual without a cell: no messages, disputes or meetings.'),
    tracks: z
      .array(track)
      .min(1)
      .superRefine((tracks, ctx) => {
        tracks.forEach((t, i) => {
          if (tracks.indexOf(t) !== i) {
            ctx.addIssue({ code: 'custom', path: [i], message: `track ${quote(t)} is listed twice` });
          }
        });
      })
      .meta({ uniqueItems: true })
      .default(() => [...TRACKS])
      .describe('Tracks the cell works on (non-empty, no repeats).'),
    ackDeadline: duration('A message not acknowledged within this time is overdue and referred.').default(
      'PT24H',
    ),
    disputeResponseDeadline: duration('How long the other party has to respond to a dispute.').default(
      'P7D',
    ),
    referral: z
      .boolean()
      .default(true)
      .describe('Whether overdue messages and deadlocked disputes are referred to the supervisor.'),
    meetings: z
      .strictObject({
        every: duration('Interval between regular meetings, e.g. P30D.')
          .nullable()
          .default('P30D')
          .describe('Interval between regular meetings (e.g. P30D); null for no regular meetings.'),
        extraordinaryOnRequest: z
          .boolean()
          .default(true)
          .describe('Whether a party or the supervisor can call an extraordinary meeting.'),
        standingIncidentAgenda: z
          .boolean()
          .default(true)
          .describe('Whether incidents since the last meeting are a standing agenda item.'),
      })
      .prefault({})
      .describe('Regular and extraordinary meetings of the cell.'),
    suspension: z
      .strictObject({
        by: z
          .array(id('A party id or the supervisor id.'))
          .default([])
          .describe('Who may suspend the cell (party ids and/or the supervisor id).'),
        onSeverityAbove: unit(
          'A party listed in `by` suspends the cell after an incident against it at least this severe.',
        ).exactOptional(),
        resumeAfter: duration('A suspended cell resumes after this long.', { positive: true }).exactOptional(),
      })
      .prefault({})
      .describe('Who may suspend the cell, and when it resumes.'),
  })
  .describe('The communication cell: tracks, deadlines, meetings, suspension.');

/** Imperfect observation. */
export const fogSchema = z
  .strictObject({
    misattribution: unit('Chance (0-1) that a party attributes an incident to the wrong actor.').default(0),
    severityNoise: z
      .number()
      .min(0)
      .default(0)
      .describe('Standard deviation of the noise added to observed severity (0 = exact).'),
    messageLoss: unit('Chance (0-1) that a message is lost in transit.').default(0),
    deliveryDelay: duration('Time a message takes to reach its recipient.').default('PT0S'),
  })
  .describe('Fog: how imperfectly parties observe incidents and receive messages.');

/** Default escalation levels, lowest first. */
export const DEFAULT_LEVELS: readonly string[] = ['calm', 'tension', 'crisis', 'armedIncident', 'conflict'];

/** The escalation ladder. */
export const ladderSchema = z
  .strictObject({
    levels: z
      .array(id('A level name (no ".").').refine((l) => !l.includes('.'), 'a level name may not contain "."'))
      .min(2)
      .default(() => [...DEFAULT_LEVELS])
      .describe('Escalation levels, lowest first.'),
    thresholds: z
      .array(z.number().min(0).describe('Pressure at which this level begins.'))
      .min(2)
      .default(() => [0, 10, 25, 45, 70])
      .describe('Pressure at which each level begins: same length as levels, first 0, strictly increasing.'),
    max: z.number().positive().default(100).describe('Pressure never exceeds this (greater than the last threshold).'),
    reliefOnSettlement: z.number().min(0).default(5).describe('Pressure removed when a dispute is settled.'),
    reliefOnRuling: z.number().min(0).default(4).describe('Pressure removed when a ruling is accepted.'),
    escalationPenalty: z.number().min(0).default(8).describe('Pressure added when a dispute escalates.'),
    cooling: z
      .union([
        z.literal('none').describe('The ladder never cools: only settlements, rulings and de-escalation steps lower it.'),
        z.strictObject({
          halfLife: duration('While nothing raises it, the pressure halves in this time (exponential decay, as in ViEWS).', {
            positive: true,
          }),
        }),
      ])
      .default(() => ({ halfLife: DEFAULT_HALF_LIFE }))
      .describe(`How the ladder cools down with time: { halfLife: P30D } (the default halves the pressure every ${DEFAULT_HALF_LIFE.slice(1)}), or none.`),
  })
  .superRefine((ladder, ctx) => {
    const { levels, thresholds, max } = ladder;
    levels.forEach((level, i) => {
      if (levels.indexOf(level) !== i) {
        ctx.addIssue({ code: 'custom', path: ['levels', i], message: `level ${quote(level)} is listed twice` });
      }
    });
    if (thresholds.length !== levels.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds'],
        message: `needs one threshold per level: ${levels.length} levels, ${thresholds.length} thresholds`,
      });
    }
    if (thresholds[0] !== undefined && thresholds[0] !== 0) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 0], message: 'the first threshold must be 0' });
    }
    thresholds.forEach((t, i) => {
      const prev = thresholds[i - 1];
      if (prev !== undefined && t <= prev) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i],
          message: `thresholds must increase strictly: ${t} follows ${prev}`,
        });
      }
    });
    const last = thresholds[thresholds.length - 1];
    if (last !== undefined && max <= last) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must exceed the last threshold (${last})` });
    }
  })
  .describe('The escalation ladder: levels, the pressure thresholds between them, and relief.');

/** Repeated-interaction (iterated prisoner's dilemma) mode. */
export const gameSchema = z
  .strictObject({
    rounds: integer('Number of rounds played.', 1),
    every: duration('Simulated time between rounds.', { positive: true }).default('P1D'),
    epsilon: unit('Chance (0-1) that a move is carried out wrongly (an accidental strike).').default(0),
    payoff: z
      .strictObject({
        R: z.number().describe('Reward when both restrain.'),
        S: z.number().describe("Sucker's payoff: restrained while the other struck."),
        T: z.number().describe('Temptation: struck while the other restrained.'),
        P: z.number().describe('Punishment when both strike.'),
      })
      .default(() => ({ R: 3, S: 0, T: 5, P: 1 }))
      .describe('Payoffs per round.'),
    clarify: unit('Chance (0-1) that the cell clarifies an accidental strike before retaliation.').default(1),
  })
  .describe('Repeated-interaction mode: rounds of restrain/strike with noisy moves.');
