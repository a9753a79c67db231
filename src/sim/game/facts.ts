/**
 * Turns a played round into the facts the log records: one `RoundPlayed` (actor `sim`),
 * then one `AccidentClarified` per clarification, with the party that struck by accident as
 * actor and the round it concerns. Sequencing (seq, hash) is the log's business.
 */
import type { Fact } from '../../core/catalogue.js';
import { fact } from '../../core/catalogue.js';
import type { RoundOutcome } from './types.js';

/**
 * The facts of one round, in the order they happen (the round, then what the cell explained).
 * @example
 * for (const f of roundFacts(game.next(), at)) log.append(f);
 */
export function roundFacts(outcome: RoundOutcome, at: string): Fact[] {
  const { round, intended, moves, payoffs } = outcome;
  return [
    fact('RoundPlayed', { at, actor: 'sim' }, { round, intended: { ...intended }, moves: { ...moves }, payoffs: { ...payoffs } }),
    ...outcome.clarifications.map((c) => fact('AccidentClarified', { at, actor: c.by }, { round, to: c.to })),
  ];
}
