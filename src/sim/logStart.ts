/**
 * What a run's first event records: where the log comes from (scenario, seed, Parley
 * version) and everything a replay needs without the scenario (period, parties, supervisor,
 * tracks, ladder, the game's payoffs).
 */
import type { EventData } from '../core/catalogue.js';
import { formatInstant } from '../core/time.js';
import type { Plan } from './plan.js';

/** The `LogStarted` data of a run of `plan` starting at `at` (the plan's start, formatted). */
export function logStartedData(p: Plan, at: string): EventData<'LogStarted'> {
  return {
    scenario: { name: p.name, hash: p.hash },
    seed: p.seed,
    parley: p.parleyVersion,
    start: at,
    end: formatInstant(p.endMs),
    parties: Object.fromEntries(p.parties.map((x) => [x.id, { name: x.name }])),
    supervisor: { id: p.supervisor.id, name: p.supervisor.name },
    mechanism: p.mechanism.enabled,
    tracks: [...p.mechanism.tracks],
    ladder: p.ladder,
    ...(p.game ? { game: { payoff: p.game.payoff } } : {}),
  };
}
