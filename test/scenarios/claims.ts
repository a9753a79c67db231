/**
 * The header claim of each shipped scenario ("What it shows: …"), written as checks on one
 * run, so a test can hold every claim over many seeds (seeds.test.ts). A claim that does not
 * hold for almost every seed must be reworded in the scenario's header, and here.
 */
import type { Recorded } from '../../src/core/catalogue.js';
import type { ParleyState } from '../../src/core/state.js';
import type { Outcomes } from '../../src/report/metrics.js';

/** What a claim looks at: the run's outcomes, its final state and its events. */
export interface ClaimRun {
  readonly outcomes: Outcomes;
  readonly state: ParleyState;
  readonly events: readonly Recorded[];
  readonly refusedCount: number;
}

/** One claim: what the header says, and a check on one run. */
export interface Claim {
  readonly says: string;
  readonly holds: (run: ClaimRun) => boolean;
}

const DAY_MS = 86_400_000;

const race = (run: ClaimRun, incidentId: string) => run.outcomes.races.rows.find((r) => r.incidentId === incidentId);

/** Incidents a party protested through the cell. */
const protested = (run: ClaimRun): Set<string> =>
  new Set([...run.state.messages.values()].flatMap((m) => (m.kind === 'protest' && m.incidentId !== undefined ? [m.incidentId] : [])));

/** The claims of every shipped scenario, by file name. */
export const CLAIMS: Readonly<Record<string, readonly Claim[]>> = {
  'paris-2026.yaml': [
    { says: 'the cell catches at least one consequential misunderstanding', holds: (r) => r.outcomes.consequentialMisunderstandingsCaught >= 1 },
    { says: 'no retaliation is carried out against the wrong side', holds: (r) => r.outcomes.accidentalEscalations === 0 },
    { says: 'every overdue message is referred to the supervisor', holds: (r) => r.outcomes.supervisor.referrals === r.outcomes.messages.overdueAcks },
  ],
  'paris-2026-no-cell.yaml': [
    { says: 'nothing is notified, disputed or clarified', holds: (r) => r.outcomes.messages.sent === 0 && r.outcomes.disputes.raised === 0 && r.outcomes.misunderstandingsCaught === 0 },
    { says: 'a party that wrongly blames the other retaliates', holds: (r) => r.outcomes.accidentalEscalations >= 1 },
    { says: 'scripted messages and disputes are refused', holds: (r) => r.refusedCount >= 1 },
  ],
  'late-clarification.yaml': [
    {
      says: "Israel's retaliation for the Golan attack is carried out before Syria's denial clears it (negative margin)",
      holds: (r) => {
        const g = race(r, 'golan-attack');
        return g?.outcome === 'carriedOut' && g.marginMs !== null && g.marginMs < 0;
      },
    },
    {
      says: "Syria's retaliation for the Sweida attack is called off, with a margin of more than a day",
      holds: (r) => {
        const s = race(r, 'sweida-attack');
        return s?.outcome === 'calledOff' && s.marginMs !== null && s.marginMs > DAY_MS;
      },
    },
    { says: 'no dispute and no meeting: the protest is the only path', holds: (r) => r.outcomes.disputes.raised === 0 && r.outcomes.cell.extraordinaryMeetings + r.outcomes.cell.regularMeetings === 0 },
  ],
  'late-warning-il20.yaml': [
    {
      says: 'strikes warned in time are not protested; the late-warned Latakia strike is, and disputed',
      holds: (r) => {
        const strikes = [...r.state.incidents.values()].filter((i) => i.by === 'israel' && i.against === 'russia');
        const p = protested(r);
        const disputed = [...r.state.disputes.values()].some((d) => d.by === 'russia' && d.incidentId === 'latakia-strike');
        return strikes.every((i) => p.has(i.id) === (i.id === 'latakia-strike')) && disputed;
      },
    },
    {
      says: 'the Il-20 blame on Israel is cleared while a retaliation is pending, and no retaliation is carried out',
      holds: (r) => race(r, 'il20-lost')?.outcome === 'calledOff' && r.outcomes.accidentalEscalations === 0,
    },
    {
      says: 'the Il-20 blame becomes a dispute, with fact-finding',
      holds: (r) => [...r.state.disputes.values()].some((d) => d.incidentId === 'il20-lost') && r.outcomes.supervisor.factFindings >= 1,
    },
  ],
  'suspension-2017.yaml': [
    { says: 'the cell is suspended after a severe incident', holds: (r) => r.outcomes.cell.suspensions >= 1 },
    {
      says: 'each suspension lasts no more than three weeks',
      holds: (r) => r.outcomes.cell.suspendedMs <= r.outcomes.cell.suspensions * 21 * DAY_MS,
    },
  ],
  'iprm-monthly.yaml': [
    {
      says: 'a meeting clears up a misattribution nobody protested through the hotline',
      holds: (r) => {
        const opened = new Set(r.events.filter((e) => e.type === 'MeetingOpened').map((e) => e.seq));
        const p = protested(r);
        return r.events.some((e) => e.type === 'IncidentClarified' && e.cause !== undefined && opened.has(e.cause) && !p.has(e.data.incidentId));
      },
    },
    { says: 'monthly meetings are held', holds: (r) => r.outcomes.cell.regularMeetings >= 1 },
  ],
  'noise-tit-for-tat.yaml': [
    {
      says: 'mutual restraint near 25 % and a mean payoff near 2.25 for each side',
      holds: (r) => {
        const g = r.outcomes.game;
        const payoffs = Object.values(g?.meanPayoff ?? {});
        return g !== null && Math.abs((g.mutualRestraintRate ?? 0) - 0.25) <= 0.07 && payoffs.length === 2 && payoffs.every((p) => p !== null && Math.abs(p - 2.25) <= 0.35);
      },
    },
  ],
  'noise-generous.yaml': [{ says: 'mutual restraint stays far above 25 %', holds: (r) => (r.outcomes.game?.mutualRestraintRate ?? 0) >= 0.5 }],
  'noise-tit-for-tat-cell.yaml': [
    { says: 'the cell makes the tit-for-tat world cooperative again', holds: (r) => (r.outcomes.game?.mutualRestraintRate ?? 0) >= 0.5 },
    {
      // Each accidental strike (an intended restraint flipped) is clarified with probability
      // 0.9: the share clarified lies within three binomial standard deviations of it (fails
      // at a seed with probability about 0.003). Accidental restraints need no clarification.
      says: 'nine accidental strikes in ten are clarified before the other side moves',
      holds: (r) => {
        let n = 0;
        let k = 0;
        for (const e of r.events) {
          if (e.type === 'AccidentClarified') k += 1;
          if (e.type !== 'RoundPlayed') continue;
          for (const [party, move] of Object.entries(e.data.moves)) if (move === 'strike' && e.data.intended[party] === 'restrain') n += 1;
        }
        return n > 0 && Math.abs(k / n - 0.9) <= 3 * Math.sqrt((0.9 * 0.1) / n);
      },
    },
  ],
};
