/**
 * An event in plain words: who did what, and how it was seen. Parties are named by their ids
 * (short, and what every other view of the run shows); text from the scenario (reasons,
 * places, claims) is quoted with control characters made visible, so it can never move a
 * terminal's cursor or recolour the screen.
 */
import type { Recorded } from '../../core/catalogue.js';
import type { ParleyState } from '../../core/state.js';

/**
 * `text` in double quotes, with control characters (C0, DEL, C1 and the line and paragraph
 * separators) shown as `\u{…}` escapes.
 */
export function quote(text: string): string {
  return `"${clean(text)}"`;
}

/** `text` with control characters shown as `\u{…}` escapes. */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

const opt = (prefix: string, text: string | undefined, suffix = ''): string => (text === undefined ? '' : `${prefix}${quote(text)}${suffix}`);
const severity = (x: number): string => x.toFixed(2);
const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const ENDINGS = { horizon: 'reached its horizon', timeline: 'ran out of timeline', stopped: 'was stopped at --max-events' } as const;

/**
 * One sentence (or two) saying what `event` records. `after` is the state once the event is
 * folded in (used to name the other side of a message or a dispute).
 * @example narrate(observed, state) // 'israel observed incident airstrike-3 (true actor: world) and blamed syria, severity 0.72 (misattributed)'
 */
export function narrate(event: Recorded, after: ParleyState): string {
  const a = event.actor;
  const message = (id: string): string => {
    const m = after.messages.get(id);
    return m ? `${m.kind} ${id} (${m.from} → ${m.to}, ${m.track})` : `message ${id}`;
  };
  const dispute = (id: string): string => {
    const d = after.disputes.get(id);
    return d ? `dispute ${id} (${d.by} vs ${d.against})` : `dispute ${id}`;
  };
  switch (event.type) {
    case 'LogStarted': {
      const d = event.data;
      return `the log of ${quote(d.scenario.name)} started (seed ${d.seed}): parties ${Object.keys(d.parties).sort().join(', ')}, supervisor ${d.supervisor.id}, tracks ${d.tracks.join(', ')}`;
    }
    case 'SimulationEnded':
      return `the simulation ${ENDINGS[event.data.reason]}`;
    case 'ParametersChanged': {
      const d = event.data;
      const parts = [
        ...d.overrides.map((o) => `${o.path} = ${JSON.stringify(o.value)}`),
        ...(d.timeline.length > 0 ? [`${d.timeline.length} timeline ${d.timeline.length === 1 ? 'entry' : 'entries'} added`] : []),
        ...(d.seed === undefined ? [] : [`random streams reseeded with ${d.seed}`]),
      ];
      return `the run's parameters changed from here on (a fork)${parts.length > 0 ? `: ${parts.join('; ')}` : ''}; acknowledgements now due within ${d.rules.ackDeadline}, dispute responses within ${d.rules.disputeResponseDeadline}`;
    }
    case 'CellProposed':
      return `${a} proposed the cell, on tracks ${event.data.tracks.join(', ')}`;
    case 'CellEstablished':
      return `${a} established the cell`;
    case 'CellActivated':
      return `the cell became active (${a})`;
    case 'CellSuspended':
      return `${a} suspended the cell: ${quote(event.data.reason)}${event.data.incidentId ? ` (after incident ${event.data.incidentId})` : ''}`;
    case 'CellResumed':
      return `${a} resumed the cell${opt(': ', event.data.reason)}`;
    case 'CellDissolved':
      return `${a} dissolved the cell: ${quote(event.data.reason)}`;
    case 'TrackQuieted':
      return `the ${event.data.track} track went quiet`;
    case 'ExtraordinaryMeetingRequested':
      return `${a} requested an extraordinary meeting: ${quote(event.data.reason)}`;
    case 'MeetingOpened': {
      const { agenda } = event.data;
      return `${event.data.kind} meeting ${event.data.meetingId} opened; on the agenda ${agenda.incidents.length} incidents and ${agenda.disputes.length} disputes`;
    }
    case 'MeetingClosed':
      return `meeting ${event.data.meetingId} closed${opt(': ', event.data.summary)}`;
    case 'MessageSent': {
      const d = event.data;
      const about = d.subject !== undefined ? ` about ${quote(d.subject)}` : d.incidentId ? ` about incident ${d.incidentId}` : '';
      return `${a} sent ${d.kind} ${d.messageId} to ${d.to} on the ${d.track} track${about}; acknowledge by ${d.ackBy}`;
    }
    case 'MessageDelivered':
      return `${message(event.data.messageId)} was delivered`;
    case 'MessageLost':
      return `${message(event.data.messageId)} was lost on the way`;
    case 'MessageAcknowledged':
      return `${a} acknowledged ${message(event.data.messageId)}`;
    case 'MessageAnswered':
      return `${a} answered ${message(event.data.messageId)}${event.data.reply ? ` with ${event.data.reply}` : ''}`;
    case 'AckDeadlineMissed': {
      const m = after.messages.get(event.data.messageId);
      return `${m ? `${m.to} missed` : 'missed'} the deadline${m ? ` (${m.ackBy})` : ''} to acknowledge ${message(event.data.messageId)}`;
    }
    case 'MessageReferred':
      return `${message(event.data.messageId)} was referred to the supervisor${after.meta ? ` (${after.meta.supervisor.id})` : ''}`;
    case 'IncidentOccurred': {
      const d = event.data;
      const where = opt(' at ', d.where);
      const retaliation = d.retaliationFor ? `, in retaliation for ${d.retaliationFor}` : '';
      return `incident ${d.incidentId}: ${d.kind} by ${a} against ${d.against}${where}, severity ${severity(d.severity)} (CAMEO ${d.cameo}, weight ${d.weight})${retaliation}`;
    }
    case 'IncidentObserved': {
      const d = event.data;
      const truth = after.incidents.get(d.incidentId)?.by;
      const wrong = truth !== undefined && truth !== d.attributedTo ? ' (misattributed)' : '';
      return `${a} observed incident ${d.incidentId} (true actor: ${truth ?? 'unknown'}) and blamed ${d.attributedTo}, severity ${severity(d.severity)}${wrong}`;
    }
    case 'IncidentClarified':
      return `${a} cleared up incident ${event.data.incidentId} for ${event.data.party}: it was ${event.data.attributedTo}${event.data.messageId ? ` (message ${event.data.messageId})` : ''}`;
    case 'RetaliationPlanned':
      return `${a} plans to retaliate against ${event.data.against} for incident ${event.data.incidentId}, due ${event.data.due}`;
    case 'RetaliationHeld':
      return `${a} holds its retaliation for incident ${event.data.incidentId} while ${dispute(event.data.disputeId)} is in the cell`;
    case 'RetaliationCalledOff': {
      const why = event.data.reason === 'clarified' ? 'it was told it blamed the wrong side' : `${event.data.disputeId ? dispute(event.data.disputeId) : 'the dispute'} ended peacefully`;
      return `${a} called off its retaliation for incident ${event.data.incidentId}: ${why}`;
    }
    case 'LadderCooled':
      return `the ladder cooled: pressure ${event.data.delta.toFixed(3)} since it was last recorded${after.ladder ? `, now ${after.ladder.machine.context.pressure.toFixed(1)} (${after.ladder.level})` : ''}`;
    case 'DeescalationStepTaken':
      return `${a} took a de-escalation step: ${event.data.kind} (weight ${event.data.weight})${opt(', ', event.data.description)}`;
    case 'DisputeRaised': {
      const d = event.data;
      const over = d.incidentId ? ` over incident ${d.incidentId}` : d.messageId ? ` over message ${d.messageId}` : '';
      return `${a} raised dispute ${d.disputeId} against ${d.against} on the ${d.track} track${over}${opt(': ', d.claim)}; respond by ${d.respondBy}`;
    }
    case 'DisputeAcknowledged':
      return `${a} acknowledged ${dispute(event.data.disputeId)}`;
    case 'FactFindingOpened':
      return `${a} opened fact-finding on ${dispute(event.data.disputeId)}`;
    case 'FactFindingReported': {
      const d = event.data;
      return `${a} reported on ${dispute(d.disputeId)}${d.attributedTo ? ` (attributed to ${d.attributedTo})` : ''}: ${quote(d.finding)}`;
    }
    case 'SettlementReached':
      return `${dispute(event.data.disputeId)} was settled${opt(': ', event.data.terms)}`;
    case 'MediationRequested':
      return `${a} asked the supervisor to mediate ${dispute(event.data.disputeId)}`;
    case 'SupervisorRuled':
      return `${a} ruled on ${dispute(event.data.disputeId)}: ${quote(event.data.ruling)}`;
    case 'RulingAccepted':
      return `${a} accepted the ruling on ${dispute(event.data.disputeId)}`;
    case 'RulingRejected':
      return `${a} rejected the ruling on ${dispute(event.data.disputeId)}${opt(': ', event.data.reason)}`;
    case 'MediationFailed':
      return `mediation of ${dispute(event.data.disputeId)} failed: ${quote(event.data.reason)}`;
    case 'DisputeEscalated':
      return `${a} escalated ${dispute(event.data.disputeId)}${opt(': ', event.data.reason)}`;
    case 'DisputeWithdrawn':
      return `${a} withdrew ${dispute(event.data.disputeId)}`;
    case 'DisputeDeadlineMissed':
      return `${dispute(event.data.disputeId)} missed its deadline at stage ${event.data.stage}`;
    case 'DisputeLapsed':
      return `${dispute(event.data.disputeId)} lapsed: nobody pursued it`;
    case 'RoundPlayed': {
      const d = event.data;
      // Sorted: a log stores records with sorted keys, a simulation in memory in its own order.
      const moves = Object.entries(d.moves).sort(byKey).map(([p, m]) => `${p} ${m}${d.intended[p] !== m ? ` (meant to ${d.intended[p]})` : ''}`);
      const pay = Object.entries(d.payoffs).sort(byKey).map(([p, x]) => `${p} ${x}`);
      return `round ${d.round}: ${moves.join(', ')}; payoffs ${pay.join(', ')}`;
    }
    case 'AccidentClarified':
      return `the cell told ${event.data.to} that round ${event.data.round}'s strike was an accident`;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
