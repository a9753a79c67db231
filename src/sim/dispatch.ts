/**
 * Where the loop (loop.ts) hands its work: each due task of the agenda to the procedure step
 * it names ({@link runTask}), and each recorded fact to the parties' knowledge, the ladder's
 * cooling and the procedure step it starts ({@link react}). The task switch is exhaustive:
 * a new kind of task (tasks.ts) does not compile until it is routed here.
 */
import type { Recorded } from '../core/catalogue.js';
import type { SimContext } from './context.js';
import type { Rounds } from './procedures/rounds.js';
import type { Task } from './tasks.js';
import { runScriptedStep } from './timeline.js';

/** Hands a due task to its procedure (`rounds`: the repeated game's, when the plan plays one). */
export function runTask(sim: SimContext, rounds: Rounds | undefined, task: Task): void {
  switch (task.k) {
    case 'timeline':
      return runScriptedStep(sim, task.step);
    case 'tick':
      return sim.incidents.tick(task.g);
    case 'strike':
      return sim.incidents.occur(task.id, task.spec);
    case 'retaliate':
      return sim.incidents.retaliate(task.incidentId, task.party);
    case 'deliver':
      return sim.messages.deliver(task.messageId);
    case 'ackDeadline':
      return sim.messages.deadline(task.messageId, task.from);
    case 'ack':
      return sim.messages.acknowledge(task.messageId);
    case 'answer':
      return sim.messages.answer(task.messageId);
    case 'supervisorCheck':
      return sim.messages.supervisorCheck(task.messageId);
    case 'disputeAck':
      return sim.disputes.acknowledge(task.disputeId);
    case 'disputeDeadline':
      return sim.disputes.deadline(task.disputeId);
    case 'findings':
      return sim.disputes.findings(task.disputeId);
    case 'settle':
      return sim.disputes.settle(task.disputeId);
    case 'rule':
      return sim.disputes.rule(task.disputeId);
    case 'decline':
      return sim.disputes.decline(task.disputeId);
    case 'rulingResponse':
      return sim.disputes.answerRuling(task.disputeId, task.party);
    case 'meeting':
      return sim.meetings.regular();
    case 'extraordinary':
      return sim.meetings.extraordinary(task.incidentId);
    case 'closeMeeting':
      return sim.meetings.close(task.meetingId);
    case 'resume':
      return sim.suspension.resume(task.by);
    case 'cool':
      return sim.cooling.due(task.from, task.pressure);
    case 'round':
      return rounds?.round();
    default: {
      const _exhaustive: never = task;
      return _exhaustive;
    }
  }
}

/** Starts the step of a procedure that a recorded fact calls for. */
export function react(sim: SimContext, e: Recorded): void {
  sim.knowledge.record(e);
  sim.cooling.recorded(e);
  switch (e.type) {
    case 'IncidentOccurred':
      sim.meetings.noteIncident(e.data.incidentId);
      return sim.incidents.occurred(e);
    case 'IncidentObserved':
      return sim.incidents.observed(e);
    case 'IncidentClarified':
      return sim.incidents.clarified(e);
    case 'RetaliationPlanned':
      return sim.incidents.planned(e);
    case 'RetaliationHeld':
    case 'RetaliationCalledOff':
      return;
    case 'MessageSent':
      sim.meetings.noteTraffic(e.data.track);
      return sim.messages.sent(e);
    case 'MessageDelivered':
      return sim.messages.delivered(e);
    case 'MessageAcknowledged':
      return sim.messages.acknowledged(e);
    case 'MessageAnswered':
      return sim.messages.answered(e);
    case 'AckDeadlineMissed':
      return sim.messages.deadlineMissed(e);
    case 'MessageReferred':
      return sim.messages.referred(e);
    case 'DisputeRaised':
      return sim.disputes.raised(e);
    case 'DisputeAcknowledged':
      return sim.disputes.acknowledged(e);
    case 'MediationRequested':
      return sim.disputes.mediationRequested(e);
    case 'SupervisorRuled':
      return sim.disputes.ruled(e);
    case 'RulingRejected':
    case 'MediationFailed':
      return sim.disputes.deadlocked(e.data.disputeId, e.seq);
    case 'CellSuspended':
      return sim.suspension.suspended(e);
    case 'CellResumed':
      return sim.disputes.resumed(e.seq);
    default:
      if ('disputeId' in e.data && e.type !== 'DisputeDeadlineMissed') sim.disputes.stepTaken(e.data.disputeId);
      return;
  }
}
