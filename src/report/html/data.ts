/**
 * The compact data of a report (see types.ts), from one fold over the events: each event in
 * plain words (the stepper's `describeEvent`), and for each machine instance the seqs at
 * which its state changed, with the state's active ids (the ids its diagram uses).
 */
import type { Recorded } from '../../core/catalogue.js';
import { parseInstant } from '../../core/time.js';
import { Replayer } from '../../core/replay.js';
import type { ParleyState } from '../../core/state.js';
import { activeStateIds } from '../diagram/graph.js';
import { MACHINE_NAMES, machineNamed, type MachineName } from '../diagram/machines.js';
import { computeOutcomes } from '../metrics.js';
import { describeValue } from '../stateText.js';
import { formatSummary } from '../summary.js';
import { describeEvent, formatChange, glimpse } from '../stepper/describe.js';
import type { InstanceData, MachineData, ReportData } from './types.js';

/** Interns values, giving each distinct one an index. */
class Table<T> {
  readonly items: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (item: T) => string) {}
  of(item: T): number {
    const k = this.key(item);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(k, i);
    }
    return i;
  }
}

/** A machine's instances and configurations as they are collected. */
class MachineCollector {
  readonly id: string;
  private readonly configs = new Table<{ ids: string[]; label: string }>((c) => c.ids.join(' '));
  private readonly instances = new Map<string, { label: string; history: number[] }>();
  constructor(readonly name: MachineName) {
    this.id = machineNamed(name).id;
  }
  record(instance: string, label: string, seq: number, value: unknown): void {
    let entry = this.instances.get(instance);
    if (!entry) this.instances.set(instance, (entry = { label, history: [] }));
    entry.history.push(seq, this.configs.of({ ids: activeStateIds(this.id, value), label: describeValue(value) }));
  }
  data(): MachineData {
    const instances: InstanceData[] = [...this.instances].map(([id, e]) => ({ id, label: e.label, history: e.history }));
    return { name: this.name, id: this.id, configs: this.configs.items.map((c) => c.ids), labels: this.configs.items.map((c) => c.label), instances };
  }
}

/** The parties an event involves: its actor and whoever it names, by index in `parties`. */
function involved(event: Recorded, after: ParleyState, parties: readonly string[]): number[] {
  const d = event.data as Readonly<Record<string, unknown>>;
  const names = new Set<unknown>([event.actor, d.against, d.to, d.attributedTo, d.party]);
  const m = typeof d.messageId === 'string' ? after.messages.get(d.messageId) : undefined;
  const q = typeof d.disputeId === 'string' ? after.disputes.get(d.disputeId) : undefined;
  const i = typeof d.incidentId === 'string' ? after.incidents.get(d.incidentId) : undefined;
  for (const x of [m?.from, m?.to, q?.by, q?.against, i?.by, i?.against]) names.add(x);
  return parties.flatMap((p, k) => (names.has(p) ? [k] : []));
}

/** The track an event concerns, if any. */
function trackOf(event: Recorded, after: ParleyState): string | undefined {
  const d = event.data as Readonly<Record<string, unknown>>;
  if (typeof d.track === 'string') return d.track;
  if (typeof d.messageId === 'string') return after.messages.get(d.messageId)?.track;
  if (typeof d.disputeId === 'string') return after.disputes.get(d.disputeId)?.track;
  return undefined;
}

/** Options of {@link buildReportData}. */
export interface ReportDataOptions {
  /** Where the events came from, as the user named it (shown in the subtitle). */
  readonly source: string;
}

/**
 * Folds `events` once and collects what the report page shows.
 * @throws {ReplayError} when an event cannot be folded.
 */
export function buildReportData(events: readonly Recorded[], options: ReportDataOptions): ReportData {
  const replayer = new Replayer();
  const strings = new Table<string>((s) => s);
  const machines = new Map(MACHINE_NAMES.map((n) => [n, new MachineCollector(n)] as const));
  const startMs = events.length === 0 ? 0 : (parseInstant((events[0] as Recorded).at) as number);
  const cols = { at: [] as number[], type: [] as number[], actor: [] as number[], track: [] as number[], parties: [] as number[][], text: [] as string[], changes: [] as string[][] };
  let parties: string[] = [];
  for (const event of events) {
    const before = glimpse(replayer.peek(), event);
    replayer.push(event);
    const after = replayer.peek();
    if (event.type === 'LogStarted') parties = Object.keys(event.data.parties).sort();
    const step = describeEvent(before, event, after);
    const track = trackOf(event, after);
    cols.at.push((parseInstant(event.at) as number) - startMs);
    cols.type.push(strings.of(event.type));
    cols.actor.push(strings.of(event.actor));
    cols.track.push(track === undefined ? -1 : strings.of(track));
    cols.parties.push(involved(event, after, parties));
    cols.text.push(step.text);
    cols.changes.push(step.changes.map(formatChange));
    const kinds = new Set(step.changes.map((c) => c.machine));
    if (kinds.has('cell') && after.cell) machines.get('cell')?.record('cell', 'the cell', event.seq, after.cell.machine.value);
    if (kinds.has('ladder') && after.ladder) machines.get('ladder')?.record('ladder', 'the ladder', event.seq, after.ladder.machine.value);
    for (const c of step.changes) {
      if (c.machine === 'message' && c.id !== undefined) {
        const m = after.messages.get(c.id);
        if (m) machines.get('message')?.record(m.id, `${m.id}: ${m.kind} ${m.from} → ${m.to} (${m.track})`, event.seq, m.machine.value);
      } else if (c.machine === 'dispute' && c.id !== undefined) {
        const d = after.disputes.get(c.id);
        if (d) machines.get('dispute')?.record(d.id, `${d.id}: ${d.by} vs ${d.against} (${d.track})`, event.seq, d.machine.value);
      }
    }
  }
  const final = replayer.peek();
  const meta = final.meta;
  return {
    version: 1,
    title: meta?.scenario.name ?? 'a run that has not started',
    subtitle: `${options.source}${meta ? `, seed ${meta.seed}` : ''}, ${events.length} events, Parley ${meta?.parley ?? ''}`.replace(/, $/, ''),
    parties: parties.map((id) => ({ id, name: meta?.parties[id]?.name ?? id })),
    startMs,
    strings: strings.items,
    events: cols,
    ladder: { levels: meta?.ladder.levels ?? [] },
    machines: MACHINE_NAMES.map((n) => (machines.get(n) as MachineCollector).data()),
    summary: formatSummary(computeOutcomes(final), meta),
  };
}
