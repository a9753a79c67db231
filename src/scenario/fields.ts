/**
 * Scalar field schemas shared by the scenario format. Every factory takes the field's
 * description, so no field reaches the JSON Schema (and editors' hover docs) undocumented.
 * Runtime checks reuse the core parsers (`parseDuration`, `parseInstant`, `idProblem`); the
 * `pattern` metadata only helps editors and mirrors those parsers.
 */
import { z } from 'zod';
import { ID_PATTERN, idProblem } from '../core/ids.js';
import { parseDuration, parseInstant } from '../core/time.js';
import { quote } from './suggest.js';

const DURATION_PATTERN =
  '^P(?!$)(\\d+W)?(\\d+D)?(T(?!$)(\\d+H)?(\\d+M)?(\\d+(\\.\\d{1,3})?S)?)?$';
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|\\+00:00)$';
const CAMEO_PATTERN = /^\d{2,4}$/;

/** An identifier (party, incident, dispute, level…): see `src/core/ids.ts`. */
export const idSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = idProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ pattern: ID_PATTERN.source });

/** An id field with its description. */
export const id = (description: string) => idSchema.describe(description);

/** Why a duration string is rejected, or `undefined` when it parses. */
export function durationProblem(text: string): string | undefined {
  if (parseDuration(text) !== undefined) return undefined;
  if (/^P(?:\d+(?:\.\d+)?[YMWD])*\d+(?:\.\d+)?[YM]/.test(text)) {
    return `${quote(text)}: months and years have no fixed length; write days or weeks instead (P30D, P52W)`;
  }
  return `${quote(text)} is not an ISO-8601 duration (examples: PT6H, P7D, P1DT12H, P2W)`;
}

/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, kept as written (the
 * compiler turns it into milliseconds). `positive` rejects zero-length durations.
 */
export function duration(description: string, options: { positive?: boolean } = {}) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = durationProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (options.positive && parseDuration(value) === 0) {
        ctx.addIssue({ code: 'custom', message: `must be longer than zero (found ${value})` });
      }
    })
    .meta({ pattern: DURATION_PATTERN })
    .describe(description);
}

/** A UTC instant such as `2026-01-06T00:00:00Z`, kept as written. */
export function instant(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (parseInstant(value) === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${quote(value)} is not a UTC instant (expected e.g. 2026-01-06T00:00:00Z; a real date, in UTC)`,
        });
      }
    })
    .meta({ pattern: INSTANT_PATTERN })
    .describe(description);
}

/** A probability or fraction in [0, 1]. */
export const unit = (description: string) => z.number().min(0).max(1).describe(description);

/** A CAMEO event code, always a string: "010" and "10" are different codes. */
export const cameoSchema = z
  .string({ error: 'expected a CAMEO code as a quoted string such as "195" (2-4 digits)' })
  .regex(CAMEO_PATTERN, { error: 'expected a CAMEO code of 2-4 digits, quoted, such as "195"' });

/** A CAMEO code field with its description. */
export const cameo = (description: string) => cameoSchema.describe(description);

/** A Goldstein weight in [−10, 10]. */
export const weight = (description: string) => z.number().min(-10).max(10).describe(description);

/** Free text (names, descriptions, reasons). */
export const text = (description: string, max = 2000) => z.string().max(max).describe(description);

/** A non-empty display name. */
export const name = (description: string) => z.string().min(1).max(200).describe(description);

/**
 * A whole number in [min, max]. Checked by a refinement rather than `.int()`, whose failure
 * aborts the parse and would hide every cross-reference problem in the same file.
 */
export function integer(description: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .number()
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      if (!Number.isInteger(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number, found ${value}` });
      }
    })
    .meta({ type: 'integer' })
    .describe(description);
}

/** A count for expectations: a whole number, zero or more. */
export const count = (description: string) => integer(description, 0);

/**
 * `when` option for refinements that must also run when nested fields failed (so that every
 * problem is reported at once), but only on values that are at least objects.
 */
export const isObjectPayload = (payload: { value: unknown }): boolean =>
  typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
