/**
 * A readable account of a folded state, for `parley replay` and the stepper: where the cell,
 * the ladder, every dispute and the message traffic stand at one point of a log.
 */
import type { ParleyState } from '../core/state.js';

/** Counts values by key, in first-seen order. */
function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

/** The state value of a machine as one short string (`active: intelligence=engaged …`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (typeof v === 'string' ? `${k}=${v}` : `${k}(${describeValue(v)})`))
    .join(' ');
}

/**
 * Formats the state as plain text.
 * @param options.disputes list every dispute (default: up to 20, most recent last)
 */
export function formatState(s: ParleyState, options: { disputes?: number } = {}): string {
  const lines: string[] = [];
  const meta = s.meta;
  lines.push(meta ? `${meta.scenario.name} (seed ${meta.seed}, Parley ${meta.parley})` : 'empty log');
  lines.push(`at seq ${s.seq}${s.at ? `, ${s.at}` : ''}${s.ended ? ' (simulation ended)' : ''}`);
  if (meta) {
    const parties = Object.entries(meta.parties).map(([id, p]) => `${p.name} (${id})`).join(', ');
    lines.push(`parties: ${parties}; supervisor: ${meta.supervisor.name} (${meta.supervisor.id})`);
  }
  lines.push('');
  if (s.cell) {
    lines.push(`cell: ${describeValue(s.cell.machine.value)}`);
    lines.push(`  meetings held ${s.cell.machine.context.meetings}, suspensions ${s.cell.machine.context.suspensions}`);
  } else {
    lines.push(meta?.mechanism === false ? 'cell: none (mechanism switched off in this run)' : 'cell: not proposed');
  }
  if (s.ladder) {
    const pressure = s.ladder.machine.context.pressure;
    lines.push(`ladder: ${s.ladder.level} (pressure ${pressure.toFixed(1)}), peak ${s.ladder.peak}`);
  }
  const messages = [...s.messages.values()];
  lines.push(`messages: ${messages.length} (${tally(messages.map((m) => String(m.machine.value)))})`);
  const incidents = [...s.incidents.values()];
  lines.push(`incidents: ${incidents.length}, retaliations ${s.counters.retaliations} (accidental ${s.counters.accidentalEscalations}), misunderstandings caught ${s.counters.misunderstandingsCaught} (consequential ${s.counters.consequentialMisunderstandingsCaught})`);
  const disputes = [...s.disputes.values()];
  lines.push(`disputes: ${disputes.length} (${tally(disputes.map((d) => String(d.machine.value)))})`);
  const shown = disputes.slice(-(options.disputes ?? 20));
  for (const d of shown) {
    const over = d.incidentId ? ` over ${d.incidentId}` : '';
    const end = d.closedAt ? `, closed ${d.closedAt} (${d.outcome})` : '';
    lines.push(`  ${d.id}: ${d.by} vs ${d.against}${over}, ${String(d.machine.value)}, raised ${d.raisedAt}${end}`);
  }
  if (disputes.length > shown.length) lines.push(`  … ${disputes.length - shown.length} earlier disputes not shown`);
  if (s.game) {
    const g = s.game;
    const rate = g.rounds === 0 ? 0 : (100 * g.mutualRestraint) / g.rounds;
    lines.push(`game: ${g.rounds} rounds, mutual restraint ${rate.toFixed(1)} %, accidents ${g.accidents}, clarified ${g.clarified}`);
  }
  return `${lines.join('\n')}\n`;
}
