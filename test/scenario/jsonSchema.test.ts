/**
 * The committed JSON Schema (schema/scenario.schema.json) must equal the one generated from
 * the zod schema. After changing the scenario format, regenerate it with
 *
 *     UPDATE_SCHEMA=1 npx vitest run test/scenario/jsonSchema.test.ts
 *
 * and commit the result; without UPDATE_SCHEMA this test only compares.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

const file = fileURLToPath(new URL(`../../${SCENARIO_SCHEMA_PATH}`, import.meta.url));

type Json = { [key: string]: unknown };

/** Every property schema in the tree, with its path. */
function* properties(node: unknown, path: string): Generator<[string, Json]> {
  if (typeof node !== 'object' || node === null) return;
  const n = node as Json;
  for (const [key, child] of Object.entries((n.properties ?? {}) as Json)) {
    yield [`${path}.${key}`, child as Json];
    yield* properties(child, `${path}.${key}`);
  }
  for (const key of ['items', 'additionalProperties'] as const) yield* properties(n[key], `${path}[]`);
  for (const key of ['oneOf', 'anyOf'] as const) {
    for (const [i, option] of ((n[key] ?? []) as unknown[]).entries()) yield* properties(option, `${path}|${i}`);
  }
}

describe('scenario JSON Schema', () => {
  const generated = scenarioJsonSchema();

  if (process.env.UPDATE_SCHEMA === '1') {
    it('is rewritten (UPDATE_SCHEMA=1)', () => {
      writeFileSync(`${file}.tmp`, `${JSON.stringify(generated, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
    });
  }

  it('is committed and in sync with the zod schema (UPDATE_SCHEMA=1 regenerates it)', () => {
    const committed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(committed).toEqual(generated);
  });

  it('identifies itself and targets draft-07', () => {
    expect(generated).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:parley:schema:scenario:1',
      title: 'Parley scenario',
      type: 'object',
      additionalProperties: false,
      required: ['parley', 'name', 'start', 'horizon', 'parties', 'supervisor'],
    });
  });

  it('documents every field (editors show these on hover)', () => {
    const undocumented = [...properties(generated, '')]
      .filter(([, schema]) => typeof schema.description !== 'string' || schema.description === '')
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it('rejects unknown keys in every object', () => {
    const open = [...properties(generated, '')]
      .filter(([, s]) => s.type === 'object' && s.properties !== undefined && s.additionalProperties !== false)
      .map(([path]) => path);
    expect(open).toEqual([]);
  });
});
