/**
 * What the agenda holds: one step of a procedure, due at a virtual instant. The loop
 * (loop.ts) hands each due task to the procedure it belongs to (dispatch.ts).
 */
import type { IncidentSpec, TimelineStep } from './plan.js';

/** A pending step of a procedure. */
export type Task =
  // the scenario and the world
  | { readonly k: 'timeline'; readonly step: TimelineStep }
  | { readonly k: 'tick'; readonly g: number }
  | { readonly k: 'strike'; readonly id: string; readonly spec: IncidentSpec; readonly warning?: string }
  | { readonly k: 'retaliate'; readonly incidentId: string; readonly party: string }
  // messages
  | { readonly k: 'deliver'; readonly messageId: string }
  | { readonly k: 'ackDeadline'; readonly messageId: string; readonly from: string }
  | { readonly k: 'ack'; readonly messageId: string }
  | { readonly k: 'answer'; readonly messageId: string }
  | { readonly k: 'supervisorCheck'; readonly messageId: string }
  // disputes
  | { readonly k: 'disputeAck'; readonly disputeId: string }
  | { readonly k: 'disputeDeadline'; readonly disputeId: string }
  | { readonly k: 'findings'; readonly disputeId: string }
  | { readonly k: 'settle'; readonly disputeId: string }
  | { readonly k: 'rule'; readonly disputeId: string }
  | { readonly k: 'decline'; readonly disputeId: string }
  | { readonly k: 'rulingResponse'; readonly disputeId: string; readonly party: string }
  // the cell
  | { readonly k: 'meeting' }
  | { readonly k: 'extraordinary'; readonly incidentId?: string }
  | { readonly k: 'closeMeeting'; readonly meetingId: string }
  | { readonly k: 'resume'; readonly by: string }
  // the ladder cooling down
  | { readonly k: 'cool'; readonly from: string; readonly pressure: number }
  // the repeated game
  | { readonly k: 'round' };

/** Random intervals are kept to whole seconds so instants in the log stay readable. */
export const toSecond = (ms: number): number => Math.round(ms / 1000) * 1000;
