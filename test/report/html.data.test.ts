/**
 * The report's compact data gives, at every seq, exactly the machine states a replay to that
 * seq gives: the ladder level, each dispute's and message's state, the cell's configuration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/catalogue.js';
import { Replayer } from '../../src/core/replay.js';
import type { ParleyState } from '../../src/core/state.js';
import { activeStateIds } from '../../src/report/diagram/graph.js';
import { buildReportData } from '../../src/report/html/data.js';
import type { MachineData, ReportData } from '../../src/report/html/types.js';
import { describeValue } from '../../src/report/stateText.js';
import { eventStreamArbitrary } from '../../src/testing/arbitraries.js';
import { runScenarioFile } from '../scenarios/run.js';

/** The configuration index of `instance` at `seq`, read the way the page reads it. */
function configAt(machine: MachineData, instance: string, seq: number): number | undefined {
  const history = machine.instances.find((i) => i.id === instance)?.history ?? [];
  let found: number | undefined;
  for (let k = 0; k < history.length; k += 2) if ((history[k] as number) <= seq) found = history[k + 1];
  return found;
}

/** What the data says about every machine at `seq`, in the form the state gives it. */
function fromData(data: ReportData, seq: number): unknown {
  const m = (name: string): MachineData => data.machines.find((x) => x.name === name) as MachineData;
  const view = (name: string): Record<string, { label: string; ids: readonly string[] }> => {
    const machine = m(name);
    const out: Record<string, { label: string; ids: readonly string[] }> = {};
    for (const inst of machine.instances) {
      const c = configAt(machine, inst.id, seq);
      if (c !== undefined) out[inst.id] = { label: machine.labels[c] as string, ids: machine.configs[c] as string[] };
    }
    return out;
  };
  return { cell: view('cell'), ladder: view('ladder'), message: view('message'), dispute: view('dispute') };
}

/** The same from a folded state. */
function fromState(s: ParleyState): unknown {
  const entry = (machineId: string, value: unknown) => ({ label: describeValue(value), ids: activeStateIds(machineId, value) });
  const table = (machineId: string, views: ReadonlyMap<string, { machine: { value: unknown } }>) =>
    Object.fromEntries([...views].map(([id, v]) => [id, entry(machineId, v.machine.value)]));
  return {
    cell: s.cell ? { cell: entry('cell', s.cell.machine.value) } : {},
    ladder: s.ladder ? { ladder: entry('ladder', s.ladder.machine.value) } : {},
    message: table('message', s.messages),
    dispute: table('dispute', s.disputes),
  };
}

function checkEverySeq(events: readonly Recorded[]): void {
  const data = buildReportData(events, { source: 'test' });
  expect(data.events.text).toHaveLength(events.length);
  const r = new Replayer();
  for (const e of events) {
    r.push(e);
    expect(fromData(data, e.seq)).toEqual(fromState(r.peek()));
    if (r.peek().ladder) expect(data.ladder.levels[r.peek().ladder!.levelIndex]).toBe(r.peek().ladder!.level);
  }
}

describe('report data', () => {
  it('gives the state of every machine at every seq of the Paris run', async () => {
    const { events } = await runScenarioFile('paris-2026.yaml');
    checkEverySeq(events);
  });

  it('gives the state of every machine at every seq of random runs', () => {
    fc.assert(fc.property(eventStreamArbitrary({ maxSteps: 100 }), (events) => checkEverySeq(events)), { numRuns: 40 });
  });

  it('involves the right parties and tracks for the timeline filters', async () => {
    const { events } = await runScenarioFile('paris-2026.yaml');
    const data = buildReportData(events, { source: 'test' });
    const i = events.findIndex((e) => e.type === 'IncidentObserved' && e.data.attributedTo !== e.actor);
    const observed = events[i] as Extract<Recorded, { type: 'IncidentObserved' }>;
    const named = (data.events.parties[i] ?? []).map((k) => data.parties[k]?.id);
    expect(named).toContain(observed.actor);
    const sent = events.findIndex((e) => e.type === 'MessageSent');
    const message = events[sent] as Extract<Recorded, { type: 'MessageSent' }>;
    expect(data.strings[data.events.track[sent] as number]).toBe(message.data.track);
    const delivered = events.findIndex((e) => e.type === 'MessageDelivered' && e.data.messageId === message.data.messageId);
    expect(data.strings[data.events.track[delivered] as number]).toBe(message.data.track);
    expect((data.events.parties[delivered] ?? []).map((k) => data.parties[k]?.id).sort()).toEqual([message.actor, message.data.to].sort());
  });
});
