/**
 * What a generated command picks from, and the choices it draws: the party, the other side,
 * a recent incident, message or dispute, a fresh id, the clock. A `StreamPicker` keeps only
 * the most recent ids of each kind, so a step costs the same however long the stream; the
 * step builders (stepMenu.ts) ask it, and the generator (streamGenerator.ts) feeds it every
 * event it records.
 */
import type { Recorded, Track } from '../core/catalogue.js';
import type { DisputeView, IncidentView, MessageView, ParleyState } from '../core/state.js';
import { formatInstant, parseInstant } from '../core/time.js';
import type { Chooser } from './streamGenerator.js';

/** Most recent ids of each kind that commands pick from (older ones are left alone). */
const RECENT = { incidents: 8, messages: 12, disputes: 12, openDisputes: 3 } as const;

const QUARTER_HOUR = 15 * 60_000;

/** The choices and the bookkeeping behind one generated stream. */
export class StreamPicker {
  private readonly recent = { incidents: [] as string[], messages: [] as string[], disputes: [] as string[] };
  private counter = 0;

  constructor(
    /** Source of every choice. */
    readonly choose: Chooser,
    readonly parties: readonly string[],
    readonly tracks: readonly Track[],
    /** The state after the last event recorded (a live view). */
    private readonly current: () => ParleyState,
    /** The stream's clock (ms since the epoch). */
    private now: number,
  ) {}

  /** The state after the last event recorded. */
  get state(): ParleyState {
    return this.current();
  }

  /** The clock as an instant. */
  at(): string {
    return formatInstant(this.now);
  }

  /** Moves the clock on by 0 to 45 minutes, in quarter hours; returns the new instant. */
  tick(): string {
    this.now += this.choose.int(4) * QUARTER_HOUR;
    return this.at();
  }

  /** Keeps the ids commands pick from, so a step costs the same however long the stream. */
  remember(e: Recorded): void {
    const add = (list: string[], id: string, keep: number): void => {
      list.push(id);
      if (list.length > keep * 4) list.splice(0, list.length - keep);
    };
    if (e.type === 'IncidentOccurred') add(this.recent.incidents, e.data.incidentId, RECENT.incidents);
    else if (e.type === 'MessageSent') add(this.recent.messages, e.data.messageId, RECENT.messages);
    else if (e.type === 'DisputeRaised') add(this.recent.disputes, e.data.disputeId, RECENT.disputes);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.choose.int(items.length)];
  }

  /** A fresh id, `prefix-N`. */
  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  party(): string {
    return this.pick(this.parties) as string;
  }

  /** A party other than `p`. */
  other(p: string): string {
    return this.pick(this.parties.filter((q) => q !== p)) as string;
  }

  /** The ids of the most recent incidents, oldest first. */
  recentIncidents(): readonly string[] {
    return this.recent.incidents.slice(-RECENT.incidents);
  }

  /** The ids of the disputes remembered, oldest first. */
  recentDisputes(): readonly string[] {
    return this.recent.disputes;
  }

  /** An instant 0 to 105 minutes after the clock, in quarter hours (the clock does not move). */
  soon(): string {
    return formatInstant(this.now + this.choose.int(8) * QUARTER_HOUR);
  }

  /** The id of a recent incident. */
  incidentId(): string | undefined {
    return this.pickRecent(this.recent.incidents, RECENT.incidents);
  }

  incident(): IncidentView | undefined {
    const id = this.incidentId();
    return id === undefined ? undefined : this.state.incidents.get(id);
  }

  message(): MessageView | undefined {
    const id = this.pickRecent(this.recent.messages, RECENT.messages);
    return id === undefined ? undefined : this.state.messages.get(id);
  }

  /** Mostly an open dispute, so that long paths (mediation, ruling, acceptance) get walked. */
  dispute(): DisputeView | undefined {
    const recent = this.recent.disputes.slice(-RECENT.disputes);
    const open = recent.filter((id) => this.state.disputes.get(id)?.closedAt === undefined).slice(-RECENT.openDisputes);
    const id = this.pick(this.choose.int(5) === 0 ? recent : open);
    return id === undefined ? undefined : this.state.disputes.get(id);
  }

  /** The instant for a command that waits on `deadline`: sometimes after it, sometimes early. */
  later(at: string, deadline: string): string {
    // Half the time wait for the deadline; the other half try early (which the rules refuse).
    if (this.choose.int(2) === 0) this.now = Math.max(this.now, parseInstant(deadline) as number);
    return this.choose.int(2) === 0 ? formatInstant(this.now) : at;
  }

  private pickRecent(list: readonly string[], keep: number): string | undefined {
    return this.pick(list.slice(-keep));
  }
}
