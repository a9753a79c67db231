/**
 * The readable outcome summary `parley run` prints by default: plain-text tables with aligned
 * columns, no colours, durations as ISO-8601 (`P2DT4H`, to the second), rates as percentages
 * with one decimal, and `-` where a statistic is undefined (a median of nothing).
 */
import type { RunMeta } from '../core/state.js';
import { formatDuration } from '../core/time.js';
import type { Outcomes } from './metrics.js';
import type { SampleStats } from './stats.js';

type Align = 'left' | 'right';
type Row = readonly string[];

const NONE = '-';

/** Lays rows out in columns two spaces apart, each padded to its widest cell. */
function grid(rows: readonly Row[], align: readonly Align[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const w = widths[i] ?? 0;
      return (align[i] ?? 'left') === 'right' ? cell.padStart(w) : cell.padEnd(w);
    });
    return (indent + cells.join('  ')).trimEnd();
  });
}

/** A titled section of label/value(/note) rows; counts read best right-aligned, words left-aligned. */
function section(title: string, rows: readonly Row[], values: Align = 'right'): string[] {
  return [title, ...grid(rows, ['left', values, 'left'])];
}

/** Milliseconds as an ISO-8601 duration, rounded to the second. */
function duration(ms: number | null): string {
  return ms === null ? NONE : formatDuration(Math.round(ms / 1000) * 1000);
}

/** A fraction as a percentage with one decimal. */
function percent(x: number | null): string {
  return x === null ? NONE : `${(x * 100).toFixed(1)}%`;
}

function number(x: number | null): string {
  if (x === null) return NONE;
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

function header(o: Outcomes, meta: RunMeta | undefined): string[] {
  const name = meta?.scenario.name ?? '(no scenario: the log has not started)';
  const parts: string[] = [];
  if (meta) parts.push(`seed ${meta.seed}`);
  const { start, end } = o.period;
  if (start !== null && end !== null) parts.push(`simulated ${start} to ${end} (${duration(o.period.ms)})`);
  return [`Parley outcomes: ${name}`, ...(parts.length > 0 ? [parts.join(', ')] : [])];
}

/** What the cell is for, first: misunderstandings it cleared in time to stop a retaliation. */
function headline(o: Outcomes): string[] {
  return section('Headline', [
    [
      'consequential misunderstandings caught',
      String(o.consequentialMisunderstandingsCaught),
      '(misattribution cleared while a retaliation against the wrongly blamed side was planned and not yet carried out)',
    ],
    ['accidental escalations', String(o.accidentalEscalations), '(retaliation carried out against a side that did not do it)'],
  ]);
}

function incidents(o: Outcomes): string[] {
  const i = o.incidents;
  const r = o.retaliationPlans;
  const out = section('Incidents', [
    ['total', String(i.total)],
    ['hostile (weight < 0)', String(i.hostile)],
    ['cooperative', String(i.cooperative)],
    ['retaliations', String(i.retaliations)],
    ['retaliations planned', String(r.planned), `(${r.carriedOut} carried out, ${r.calledOffClarified} called off on a clarification, ${r.calledOffResolved} on a dispute's peaceful end, ${r.pending} pending; ${r.held} held for a dispute)`],
    ['misunderstandings caught', String(o.misunderstandingsCaught), '(every misattribution cleared before the misled side retaliated, planned or not)'],
  ]);
  const kinds = Object.entries(i.byKind).map(([k, n]): Row => [k, String(n)]);
  const parties = Object.entries(i.byParty).map(([p, n]): Row => [p, String(n)]);
  if (kinds.length > 0) out.push('', ...grid([['by kind', 'count'], ...kinds], ['left', 'right']));
  if (parties.length > 0) out.push('', ...grid([['by party', 'count'], ...parties], ['left', 'right']));
  return out;
}

/** Rows of the races table at most: a long run says how many more there were. */
const RACE_ROWS = 20;

const OUTCOME_WORDS = {
  calledOff: 'called off on the clarification',
  resolved: "called off on a dispute's end",
  carriedOut: 'carried out (the cell lost)',
  pending: 'still pending',
} as const;

/** A margin in words: `PT6H`, `-PT2H30M` when the clarification came late, `never clarified`. */
function margin(ms: number | null): string {
  if (ms === null) return 'never clarified';
  return ms < 0 ? `-${duration(-ms)}` : duration(ms);
}

/**
 * Every retaliation planned against a side that did not do it, with the margin between the
 * clarification and the retaliation's due time: where the cell won and where it lost.
 */
function races(o: Outcomes): string[] {
  const r = o.races;
  if (r.count === 0) return [];
  const rows = r.rows.slice(0, RACE_ROWS).map((x): Row => [
    x.incidentId,
    x.party,
    x.blamed,
    x.by,
    x.due,
    x.clarifiedAt ?? '-',
    margin(x.marginMs),
    `${x.held ? 'held for a dispute, then ' : ''}${OUTCOME_WORDS[x.outcome]}`,
  ]);
  const out = [
    'Races: retaliations planned against a side that did not do it (margin = due time − clarification)',
    ...grid([['incident', 'party', 'blamed', 'by', 'due', 'clarified', 'margin', 'outcome'], ...rows], ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'left']),
  ];
  if (r.count > RACE_ROWS) out.push(`  … ${r.count - RACE_ROWS} more (--json lists every race)`);
  out.push(
    `  ${r.calledOff} of ${r.count} called off on a clarification, ${r.resolved} on a dispute's end, ${r.carriedOut} carried out, ${r.pending} pending; ${r.held} held for a dispute; ` +
      `clarified in time ${r.clarifiedInTime}, late ${r.clarifiedLate}, never ${r.neverClarified}; margin median ${margin(r.margin.median)}, closest ${margin(r.margin.min)}`,
  );
  return out;
}

function disputes(o: Outcomes): string[] {
  const d = o.disputes;
  return section('Disputes', [
    ['raised', String(d.raised)],
    ['settled', String(d.settled)],
    ['ruled', String(d.ruled)],
    ['escalated', String(d.escalated)],
    ['withdrawn', String(d.withdrawn)],
    ['lapsed', String(d.lapsed)],
    ['still open', String(d.open)],
    ['closed peacefully', percent(o.deescalation.peacefulCloseRate), `(${d.resolved} settled or ruled of ${d.closed} closed)`],
  ]);
}

function times(o: Outcomes): string[] {
  const row = (label: string, s: SampleStats): Row => [label, String(s.count), duration(s.median), duration(s.p90), duration(s.max)];
  return [
    'Response times',
    ...grid(
      [
        ['', 'n', 'median', 'p90', 'max'],
        row('acknowledge a message', o.ackTime),
        row('resolve a dispute (settled or ruled)', o.resolveTime),
        row('close a dispute (any outcome)', o.closeTime),
      ],
      ['left', 'right', 'right', 'right', 'right'],
    ),
  ];
}

function channel(o: Outcomes): string[] {
  const m = o.messages;
  const s = o.supervisor;
  const c = o.cell;
  return section('Channel and supervision', [
    ['messages sent', String(m.sent)],
    ['acknowledged', String(m.acknowledged)],
    ['lost', String(m.lost)],
    ['overdue acknowledgements', String(m.overdueAcks)],
    ['supervisor interventions', String(s.interventions), `(${s.referrals} referrals, ${s.factFindings} fact-findings, ${s.rulings} rulings, ${s.failedMediations} failed mediations)`],
    ['cell suspensions', String(c.suspensions)],
    ['time suspended', duration(c.suspendedMs), c.suspendedShare === null ? '' : `(${percent(c.suspendedShare)} of the period)`],
    ['meetings', String(c.regularMeetings + c.extraordinaryMeetings), `(${c.extraordinaryMeetings} extraordinary)`],
  ]);
}

function ladder(o: Outcomes): string[] {
  const l = o.ladder;
  const after = l.timeToCrisisMs === null ? '' : `(after ${duration(l.timeToCrisisMs)})`;
  const out = section('Escalation ladder', [
    ['peak', l.peak ?? NONE],
    ['level at the end', l.level ?? NONE],
    ['first at crisis or above', l.firstCrisisAt ?? 'never', after],
    ['de-escalation rate', percent(o.deescalation.rate), `(${l.levelsDown} levels down / ${l.levelsUp} up, in ${l.downs} and ${l.ups} moves)`],
    ['de-escalation steps', String(o.deescalation.steps)],
  ], 'left');
  const total = Object.values(l.timeAt).reduce((a, b) => a + b, 0);
  const levels = Object.entries(l.timeAt).map(([level, ms]): Row => [
    level,
    duration(ms),
    percent(total === 0 ? null : ms / total),
    l.firstAt[level] ?? NONE,
  ]);
  if (levels.length > 0) {
    out.push('', ...grid([['level', 'time', 'share', 'first reached'], ...levels], ['left', 'right', 'right', 'left']));
  }
  return out;
}

function game(o: Outcomes): string[] {
  const g = o.game;
  if (!g) return [];
  const out = section('Repeated interaction', [
    ['rounds', String(g.rounds)],
    ['mutual restraint', String(g.mutualRestraint), `(${percent(g.mutualRestraintRate)} of rounds)`],
    ['mutual strike', String(g.mutualStrike), `(${percent(g.mutualStrikeRate)} of rounds)`],
    ['accidents', String(g.accidents), `(${g.clarifiedAccidents} clarified)`],
  ]);
  const payoffs = Object.entries(g.meanPayoff).map(([p, x]): Row => [p, number(x)]);
  if (payoffs.length > 0) out.push('', ...grid([['party', 'mean payoff'], ...payoffs], ['left', 'right']));
  return out;
}

/**
 * Formats outcomes as plain-text tables, headed by the scenario name, seed and simulated
 * period (`meta` is the run's `LogStarted` data, `state.meta`). Ends with a newline.
 * @example process.stdout.write(formatSummary(computeOutcomes(state), state.meta));
 */
export function formatSummary(outcomes: Outcomes, meta: RunMeta | undefined): string {
  const blocks = [
    header(outcomes, meta),
    headline(outcomes),
    incidents(outcomes),
    races(outcomes),
    disputes(outcomes),
    times(outcomes),
    channel(outcomes),
    ladder(outcomes),
    game(outcomes),
  ].filter((b) => b.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
