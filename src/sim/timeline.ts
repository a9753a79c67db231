/**
 * The scenario's timeline: each scripted step is put to the rules as the command it stands
 * for (an incident is prepared by the incident procedure, warning first); a step the rules
 * refuse is kept in the run's report rather than stopping the run.
 */
import type { Command } from '../core/commands.js';
import { command } from '../core/commands.js';
import { DomainError } from '../core/errors.js';
import type { SimContext } from './context.js';
import type { TimelineStep } from './plan.js';

/** Carries out a scripted step at the agenda's current instant. */
export function runScriptedStep(sim: SimContext, step: TimelineStep): void {
  const a = step.action;
  if (a.type === 'incident') {
    sim.incidents.prepare(a.id, a.incident);
    return;
  }
  const r = sim.submit(timelineCommand(step, sim.at), true);
  if (r instanceof DomainError) sim.refuse(`${a.type}${'id' in a ? ` ${a.id}` : ''}`, r);
  else if (a.type === 'meeting') sim.meetings.requested();
}

/** The command for a scripted step at `at`. */
export function timelineCommand(step: TimelineStep, at: string): Command {
  const a = step.action;
  switch (a.type) {
    case 'incident':
      throw new Error('[sim] incidents are prepared by the simulation, not as one command');
    case 'message':
      return command('SendMessage', { actor: a.from, at }, {
        messageId: a.id,
        to: a.to,
        track: a.track,
        kind: a.kind,
        ...(a.subject === undefined ? {} : { subject: a.subject }),
        ...(a.incidentId === undefined ? {} : { incidentId: a.incidentId }),
        ...(a.cameo === undefined ? {} : { cameo: a.cameo }),
      });
    case 'dispute':
      return command('RaiseDispute', { actor: a.by, at }, {
        disputeId: a.id,
        against: a.against,
        track: a.track,
        ...(a.incidentId === undefined ? {} : { incidentId: a.incidentId }),
        ...(a.claim === undefined ? {} : { claim: a.claim }),
      });
    case 'deescalation':
      return command('TakeDeescalationStep', { actor: a.by, at }, {
        stepId: a.id,
        kind: a.kind,
        cameo: a.cameo,
        weight: a.weight,
        ...(a.description === undefined ? {} : { description: a.description }),
      });
    case 'suspend':
      return command('SuspendCell', { actor: a.by, at }, { reason: a.reason });
    case 'resume':
      return command('ResumeCell', { actor: a.by, at }, a.reason === undefined ? {} : { reason: a.reason });
    case 'meeting':
      return command('RequestExtraordinaryMeeting', { actor: a.by, at }, { reason: a.reason });
    case 'withdraw':
      return command('WithdrawDispute', { actor: a.by, at }, { disputeId: a.disputeId });
    default: {
      const _exhaustive: never = a;
      return _exhaustive;
    }
  }
}
