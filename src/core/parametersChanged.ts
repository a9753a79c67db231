/**
 * `ParametersChanged`'s data: a run's parameters changed from this instant on (`parley fork`).
 * What the log records so that it alone rebuilds the run (the overrides, the injected timeline
 * entries as written, the new seed), and the mechanism's rules `decide` computes deadlines
 * from next.
 */
import { z } from 'zod';
import { isJsonValue, mechanismRulesSchema, overridesSchema } from './logStarted.js';

/** Most timeline entries a `ParametersChanged` event adds. */
export const MAX_INJECTED = 200;
/** The longest a timeline entry added at a fork may be, as JSON text. */
export const MAX_INJECTED_ENTRY = 4000;

/** A timeline entry added at a fork, as JSON data (validated by the scenario's timeline schema when the run is rebuilt). */
const injectedEntry = z
  .unknown()
  .refine(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && isJsonValue(v) && JSON.stringify(v).length <= MAX_INJECTED_ENTRY,
    `expected a timeline entry as a JSON object of at most ${MAX_INJECTED_ENTRY} characters`,
  );

/** `ParametersChanged`'s data. */
export const parametersChangedSchema = z.strictObject({
  /** Parameter changes from this instant on (`--set path=value`), in the order given. */
  overrides: overridesSchema,
  /** Timeline entries added from this instant on (`--inject`), as written (a scenario's timeline syntax). */
  timeline: z.array(injectedEntry).max(MAX_INJECTED),
  /** The seed every random stream restarts from at this instant; absent: the streams go on. */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** The mechanism's rules from this instant on. */
  rules: mechanismRulesSchema,
});
