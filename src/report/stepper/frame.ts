/**
 * What the stepper shows, as text: the screen of the interactive stepper (the event in plain
 * words, the machines it moved, the ladder, the open disputes and the pending deadlines) and
 * the plain account of one step printed when the output is not a terminal.
 */
import type { ParleyState } from '../../core/state.js';
import { isLater } from '../../core/time.js';
import { describeValue } from '../stateText.js';
import { formatChange, type StepDescription } from './describe.js';
import { clean, quote } from './narrate.js';

/** One step as plain text: header, the event in words, and each machine it moved. */
export function formatStep(step: StepDescription): string {
  const lines = [`#${step.seq} ${step.at} ${step.type} (${step.actor})`, `  ${step.text}`];
  for (const c of step.changes) lines.push(`  ${formatChange(c)}`);
  return `${lines.join('\n')}\n`;
}

/** A deadline still to be met (or already missed) at the current position. */
export interface Deadline {
  readonly at: string;
  readonly what: string;
  /** True when the current position is past it. */
  readonly missed: boolean;
}

/**
 * Messages awaiting acknowledgement (with their `ackBy`) and disputes awaiting a response
 * (raised, with their `respondBy`), soonest first.
 */
export function pendingDeadlines(s: ParleyState): Deadline[] {
  const now = s.at;
  const out: Deadline[] = [];
  const past = (at: string): boolean => now !== undefined && isLater(now, at);
  for (const m of s.messages.values()) {
    const v = m.machine.value;
    if (v === 'sent' || v === 'delivered') {
      out.push({ at: m.ackBy, what: `acknowledge ${m.kind} ${m.id} (${m.from} → ${m.to})`, missed: past(m.ackBy) });
    }
  }
  for (const d of s.disputes.values()) {
    if (d.machine.value === 'raised') {
      out.push({ at: d.respondBy, what: `respond to dispute ${d.id} (${d.by} vs ${d.against})`, missed: past(d.respondBy) });
    }
  }
  return out.sort((a, b) => (a.at === b.at ? 0 : isLater(a.at, b.at) ? 1 : -1));
}

/** Up to `max` lines of `items`, then `… N more`. */
function capped(items: readonly string[], max: number): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max), `  … ${items.length - max} more`];
}

/** The key help line, and the full help the `?` key shows. */
export const KEYS_LINE = '[n/space/→] next  [b/←] back  [g] go to seq  [d] next dispute change  [/] search type  [?] help  [q] quit';
export const HELP_TEXT = [
  'Keys',
  '  n, space, →   next event',
  '  b, ←          back one event (time travel: the state is replayed exactly)',
  '  g N Enter     go to seq N (0 is before the first event)',
  '  d             run forward to the next event that changes a dispute',
  '  / text Enter  next event whose type contains text (/ Enter repeats the last search)',
  '  Esc           cancel a prompt',
  '  ?, h          show or hide this help',
  '  q, Ctrl-C     quit',
];

/** What the screen shows besides the stepper's position. */
export interface FrameInput {
  readonly step: StepDescription | undefined;
  readonly state: ParleyState;
  readonly last: number;
  /** The prompt or notice line at the bottom. */
  readonly status: string;
  readonly help: boolean;
  /** Lines available on the screen. */
  readonly rows: number;
}

/** The stepper's screen, as lines (without clearing codes). */
export function renderFrame(f: FrameInput): string[] {
  const s = f.state;
  const title = s.meta ? `${quote(s.meta.scenario.name)}, seed ${s.meta.seed}` : 'no log started yet';
  const lines = [`Parley stepper: ${title}    seq ${s.seq} of ${f.last}`, ''];
  if (f.step) {
    lines.push(`#${f.step.seq}  ${f.step.at}  ${f.step.type} (${f.step.actor})`, `  ${f.step.text}`);
    if (f.step.changes.length === 0) lines.push('  no machine moved');
    for (const c of f.step.changes) lines.push(`  ${formatChange(c)}`);
  } else {
    lines.push('(before the first event: press n)');
  }
  lines.push('');
  if (f.help) return [...lines, ...HELP_TEXT, '', f.status].map(clean);
  if (s.ladder) {
    const pressure = s.ladder.machine.context.pressure.toFixed(1);
    lines.push(`ladder    ${s.ladder.level} (pressure ${pressure}), peak so far ${s.ladder.peak}`);
  }
  if (s.cell) lines.push(`cell      ${describeValue(s.cell.machine.value)}`);
  const open = [...s.disputes.values()].filter((d) => d.machine.status !== 'done');
  const budget = Math.max(2, Math.floor((f.rows - lines.length - 8) / 2));
  lines.push(`disputes  ${open.length} open of ${s.disputes.size}`);
  lines.push(
    ...capped(
      open.map((d) => `  ${d.id}  ${d.by} vs ${d.against}  ${String(d.machine.value)}  respond by ${d.respondBy}`),
      budget,
    ),
  );
  const deadlines = pendingDeadlines(s);
  lines.push(`deadlines ${deadlines.length} pending`);
  lines.push(...capped(deadlines.map((d) => `  ${d.at}  ${d.what}${d.missed ? '  (missed)' : ''}`), budget));
  lines.push('', KEYS_LINE, f.status);
  return lines.map(clean);
}
