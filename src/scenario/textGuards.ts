/**
 * Checks on a scenario file's bytes and text before the YAML parser sees them: size, UTF-8,
 * characters YAML forbids (binary files), and nesting depth.
 *
 * The depth check matters: `yaml` composes documents recursively, so a few kilobytes of
 * `[[[[…` or deeply indented blocks exhaust the stack, and near that limit V8 has been seen
 * to abort the whole process while compiling a regular expression — no exception to catch.
 * The lexer is iterative, so it is used here to measure nesting before composing.
 */
import { CST, Lexer } from 'yaml';
import { MAX_SCENARIO_BYTES } from '../core/catalogue.js';

/**
 * Largest scenario file accepted, in bytes (256 KiB): a run records its scenario's text in
 * its log's first line, whose length the log bounds (see `MAX_SCENARIO_BYTES`).
 */
export const MAX_FILE_BYTES = MAX_SCENARIO_BYTES;
/** Deepest flow nesting (`[` / `{`) accepted; real scenarios use three or four levels. */
export const MAX_FLOW_DEPTH = 64;
/** Widest structural indentation (spaces plus `- ` / `? ` indicators) accepted on a line. */
export const MAX_INDENT = 128;

/** A problem at a character offset of the text. */
export interface OffsetIssue {
  readonly offset: number;
  readonly message: string;
}

/** A problem at a byte offset (the text could not be decoded, so lines are counted in bytes). */
export interface ByteIssue {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** Continuation bytes after a lead byte, or -1 for a byte that cannot start a character. */
function continuationCount(lead: number): number {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return -1;
}

// Smallest code point each sequence length may encode (longer encodings are overlong).
const MIN_CODE_POINT = [0, 0x80, 0x800, 0x10000];

/** Offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const n = continuationCount(lead);
    if (n < 0) return i;
    let cp = n === 0 ? lead : lead & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < (MIN_CODE_POINT[n] ?? 0) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Decodes UTF-8 strictly (a leading BOM is dropped), or says where it is malformed. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { issue: ByteIssue } {
  const bad = invalidUtf8Offset(bytes);
  if (bad < 0) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  // lastIndexOf with a negative start would search from the end: guard offset 0.
  const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
  const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
  return {
    issue: { line, col, message: `not valid UTF-8 (byte 0x${byte}): scenarios are UTF-8 text; is this a binary file?` },
  };
}

// YAML 1.2's printable set (§5.1); anything else, NUL above all, means binary or corrupt input.
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** The first character YAML does not allow in a stream, if any. */
export function forbiddenCharacter(text: string): OffsetIssue | undefined {
  const m = NOT_PRINTABLE.exec(text);
  if (!m) return undefined;
  const cp = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return {
    offset: m.index,
    message: `the character U+${cp} is not allowed in YAML (is this a binary file?)`,
  };
}

// Block indicators that open a nested node on the same line (`- - x`, `? ? x`).
const INDICATORS = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

/** The first place nesting gets deeper than the limits, if any. */
export function excessiveNesting(text: string): OffsetIssue | undefined {
  let offset = 0;
  let flow = 0;
  let indent = 0;
  let lineStart = true;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = token === CST.SCALAR;
    if (token === CST.SCALAR || token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (type === 'newline') {
      lineStart = true;
      indent = 0;
    } else if (lineStart && (type === 'space' || INDICATORS.has(type ?? ''))) {
      if (indent + token.length > MAX_INDENT) {
        return {
          offset: offset + Math.max(0, MAX_INDENT - indent),
          message: `nesting too deep: more than ${MAX_INDENT} columns of indentation`,
        };
      }
      indent += token.length;
    } else if (type !== 'comment' && type !== 'space' && type !== 'byte-order-mark') {
      lineStart = false;
      if (type === 'flow-seq-start' || type === 'flow-map-start') {
        if (++flow > MAX_FLOW_DEPTH) {
          return { offset, message: `nesting too deep: more than ${MAX_FLOW_DEPTH} levels of [ ] or { }` };
        }
      } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
        flow = Math.max(0, flow - 1);
      }
    }
    offset += token.length;
    // Multi-line scalars (block scalars above all) carry their final newline themselves.
    if (type === 'scalar' && token.endsWith('\n')) {
      lineStart = true;
      indent = 0;
    }
  }
  return undefined;
}
