/**
 * The party policies a scenario can name, by kind. To add one: a file exporting a
 * {@link PartyPolicy} (copy titForTat.ts), and a line here. The scenario schema, its JSON
 * Schema and the compiler take kinds, descriptions, parameters and defaults from this list.
 */
import { dove } from './dove.js';
import { generousTitForTat } from './generousTitForTat.js';
import { hawk } from './hawk.js';
import { probabilistic } from './probabilistic.js';
import { scripted } from './scripted.js';
import { titForTat } from './titForTat.js';
import type { PartyPolicy } from './types.js';

export { standardSupervisor } from './supervisor.js';
export type { Dispositions, Occasion, PartyPolicy, PolicyParameter, Provocation, SupervisorPolicy } from './types.js';

/** Every built-in party policy, in the order the scenario schema lists them. */
export const PARTY_POLICIES = [scripted, titForTat, generousTitForTat, hawk, dove, probabilistic] as const satisfies readonly PartyPolicy[];

/** The kind names of the built-in policies. */
export type PolicyKind = (typeof PARTY_POLICIES)[number]['kind'];

const byKind = new Map<string, PartyPolicy>(PARTY_POLICIES.map((p) => [p.kind, p]));

/** The built-in policy named `kind`, or undefined. */
export function partyPolicy(kind: string): PartyPolicy | undefined {
  return byKind.get(kind);
}
