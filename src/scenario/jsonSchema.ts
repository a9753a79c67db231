/**
 * The JSON Schema of the scenario format, generated from the zod schema so the two cannot
 * drift. Editors use it through the header line every shipped scenario starts with:
 * `# yaml-language-server: $schema=../schema/scenario.schema.json`.
 *
 * It describes the input side (fields with defaults are optional) and targets draft-07,
 * which the YAML and JSON language servers support fully. Cross-reference rules (declared
 * parties, earlier incidents, …) are beyond JSON Schema: `parley validate` checks them.
 */
import { z } from 'zod';
import { scenarioObjectSchema } from './schema.js';

/** Where the generated schema is committed, relative to the repository root. */
export const SCENARIO_SCHEMA_PATH = 'schema/scenario.schema.json';

/** The scenario format as a JSON Schema (draft-07) object. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioObjectSchema, { io: 'input', target: 'draft-07' }) as Record<string, unknown>;
}
