/**
 * The few zod 4 internals a derived validator reads: each schema's `_zod.def` (its kind and
 * parts), `traits` (its class), `optin`/`optout` (how an object treats an absent key),
 * `values` (an enum's members) and its checks. Typed here once, loosely, so the deriving
 * code does not fight zod's generic definition types; anything this view does not describe
 * is treated as unknown and left to zod itself.
 */
import type { z } from 'zod';

/** What zod hands a check: the value, and the list the check adds its issues to. */
export interface CheckPayload {
  value: unknown;
  issues: unknown[];
}

/** A schema or a check, as zod 4 stores it. */
export interface ZodNode {
  readonly _zod: {
    readonly def: ZodDef;
    readonly traits: ReadonlySet<string>;
    readonly optin?: string;
    readonly optout?: string;
    readonly values?: ReadonlySet<unknown>;
    readonly check?: (payload: CheckPayload) => unknown;
  };
}

/** The parts of a definition the deriver understands. */
export interface ZodDef {
  readonly type: string;
  readonly check?: string;
  readonly coerce?: boolean;
  readonly checks?: readonly ZodNode[];
  readonly when?: (payload: CheckPayload) => boolean;
  readonly fn?: (value: unknown) => unknown;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly shape?: Readonly<Record<string, ZodNode>>;
  readonly catchall?: ZodNode;
  readonly element?: ZodNode;
  readonly keyType?: ZodNode;
  readonly valueType?: ZodNode;
  readonly innerType?: ZodNode;
  readonly mode?: string;
}

/** The internal view of a zod schema. */
export function nodeOf(schema: z.ZodType): ZodNode {
  return schema as unknown as ZodNode;
}

/**
 * The checks zod runs after parsing a value of `node`, in zod's order: the schema itself when
 * it is also a check (a string format such as `z.email()`), then `def.checks`.
 */
export function checksOf(node: ZodNode): readonly ZodNode[] {
  const own = node._zod.def.checks ?? [];
  return node._zod.traits.has('$ZodCheck') ? [node, ...own] : own;
}
