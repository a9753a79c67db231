/**
 * The rules of retaliation plans (`PlanRetaliation`, `HoldRetaliation`,
 * `CallOffRetaliation`), and that a retaliation carries out the plan for it: a party plans
 * against the side it blames, holds while its own dispute over the incident is open, calls
 * off when told it blamed the wrong side or when such a dispute ended peacefully, and strikes
 * once due, as planned.
 */
import type { Command } from './commands.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { own } from './ids.js';
import { isParty } from './roles.js';
import type { IncidentView, ParleyState } from './state.js';
import { isLater } from './time.js';

const fail = (code: DomainErrorCode, message: string): DomainError => new DomainError(code, message);

/**
 * A retaliation a party planned is carried out as planned: against the side it meant, once
 * due, and only while neither carried out nor called off. (A log may hold retaliations
 * without a plan: plans were recorded from the version that brought them.)
 */
export function carriesOutPlan(actor: string, at: string, against: string, original: IncidentView): DomainError | undefined {
  const plan = own(original.plans, actor);
  if (!plan) return undefined;
  if (plan.status !== 'pending' && plan.status !== 'held') {
    return fail('INVALID_TRANSITION', `[incident] ${actor}'s retaliation for ${original.id} was ${plan.status === 'executed' ? 'carried out' : 'called off'} already`);
  }
  if (plan.against !== against) return fail('NOT_ALLOWED', `[incident] ${actor} planned to retaliate against ${plan.against}, not ${against}`);
  if (isLater(plan.due, at)) return fail('DEADLINE_NOT_REACHED', `[incident] ${actor}'s retaliation for ${original.id} is due at ${plan.due}`);
  return undefined;
}

type RetaliationCommand = Extract<Command, { type: 'PlanRetaliation' | 'HoldRetaliation' | 'CallOffRetaliation' }>;

/**
 * A party plans a retaliation for an incident it observed, against the side it blamed (one
 * plan per incident); holds it, once due, while a dispute it raised over the incident is
 * open; calls it off once told it blamed the wrong side, or once such a dispute ended in a
 * settlement, a ruling or a withdrawal.
 */
export function checkRetaliation(cmd: RetaliationCommand, s: ParleyState): DomainError | undefined {
  const id = cmd.data.incidentId;
  const i = s.incidents.get(id);
  if (!i) return fail('UNKNOWN_INCIDENT', `[incident] unknown incident ${id}`);
  const plan = own(i.plans, cmd.actor);
  if (cmd.type === 'PlanRetaliation') {
    const seen = own(i.observations, cmd.actor);
    if (!seen) return fail('NOT_ALLOWED', `[incident] ${cmd.actor} has not observed ${id}`);
    if (plan) return fail('DUPLICATE_ID', `[incident] ${cmd.actor} has planned a retaliation for ${id} already`);
    if (!isParty(s, cmd.data.against) || cmd.data.against === cmd.actor || cmd.data.against !== seen.attributedTo) {
      return fail('NOT_ALLOWED', `[incident] ${cmd.actor} blames ${seen.attributedTo} for ${id}: a retaliation is aimed at the party it blames, not "${cmd.data.against}"`);
    }
    if (isLater(cmd.at, cmd.data.due)) return fail('INVALID_DATA', `[incident] due ${cmd.data.due} is before the plan (${cmd.at})`);
    return undefined;
  }
  if (!plan || (plan.status !== 'pending' && plan.status !== 'held')) {
    return fail('INVALID_TRANSITION', `[incident] ${cmd.actor} has no retaliation for ${id} that is neither carried out nor called off`);
  }
  const disputeId = cmd.data.disputeId;
  const d = disputeId === undefined ? undefined : s.disputes.get(disputeId);
  if (disputeId !== undefined && (!d || d.by !== cmd.actor || d.incidentId !== id)) {
    return fail('UNKNOWN_DISPUTE', `[incident] ${disputeId} is not a dispute ${cmd.actor} raised over ${id}`);
  }
  if (cmd.type === 'HoldRetaliation') {
    if (plan.status !== 'pending') return fail('INVALID_TRANSITION', `[incident] ${cmd.actor}'s retaliation for ${id} is held already`);
    if (isLater(plan.due, cmd.at)) return fail('DEADLINE_NOT_REACHED', `[incident] ${cmd.actor}'s retaliation for ${id} is due at ${plan.due}`);
    return d && d.closedAt === undefined ? undefined : fail('INVALID_TRANSITION', `[incident] ${disputeId} is closed: nothing holds the retaliation`);
  }
  if (cmd.data.reason === 'clarified') {
    return own(i.clarified, cmd.actor) ? undefined : fail('NOT_ALLOWED', `[incident] nobody has told ${cmd.actor} who carried out ${id}`);
  }
  const peaceful = d?.outcome === 'settlement' || d?.outcome === 'ruling' || d?.outcome === 'withdrawal';
  return peaceful ? undefined : fail('INVALID_TRANSITION', `[incident] a retaliation is called off as resolved only after a dispute over ${id} was settled, ruled on or withdrawn`);
}
