/**
 * Character-table matchers for the simplest anchored regular expressions, the kind schemas
 * use for codes and digests (`/^[0-9a-f]{64}$/`, `/^\d{2,4}$/`). V8 runs such a pattern over
 * a 64-character hash several times slower than a loop over a 128-entry table, and a log
 * has one hash per line. Only a small grammar is understood: `^`, then atoms that are each a
 * literal character, `\d` or a bracket class of literals and ranges (no negation), each with
 * an optional `{n}`, `{m,n}`, `{m,}`, `?`, `*` or `+`, then `$`, no flags; every atom but the
 * last must have a fixed count, so matching never backtracks. Anything else is left to the
 * regular expression.
 */

/** A table-driven predicate equal to `pattern.test(s)` on strings, or undefined. */
export function simpleMatcher(pattern: RegExp): ((s: string) => boolean) | undefined {
  if (pattern.flags !== '') return undefined;
  const atoms = parseAtoms(pattern.source);
  if (atoms === undefined || atoms.length === 0) return undefined;
  const fixed = atoms.slice(0, -1);
  if (fixed.some((a) => a.min !== a.max)) return undefined;
  const last = atoms[atoms.length - 1] as Atom;
  const prefix = fixed.reduce((n, a) => n + a.min, 0);
  const [lo, hi] = [prefix + last.min, prefix + last.max];
  // One table per atom, indexed by char code; anything beyond ASCII never matches.
  const tables: Uint8Array[] = [];
  for (const a of fixed) for (let i = 0; i < a.min; i++) tables.push(a.table);
  return (s) => {
    const n = s.length;
    if (n < lo || n > hi) return false;
    let i = 0;
    for (; i < prefix; i++) {
      const c = s.charCodeAt(i);
      if (c > 127 || (tables[i] as Uint8Array)[c] === 0) return false;
    }
    const table = last.table;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127 || table[c] === 0) return false;
    }
    return true;
  };
}

interface Atom {
  readonly table: Uint8Array;
  readonly min: number;
  readonly max: number;
}

const DIGITS = '0123456789';
// Characters that stand for themselves outside and inside a class; everything else is refused.
const PLAIN = /^[A-Za-z0-9 _:,;!@#%&=~'"<>/-]$/;
const ESCAPED = /^[.\\/\-^$*+?()[\]{}|]$/;

function parseAtoms(source: string): Atom[] | undefined {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return undefined;
  const body = source.slice(1, -1);
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    const table = new Uint8Array(128);
    const ch = body[i] as string;
    if (ch === '[') {
      const end = parseClass(body, i + 1, table);
      if (end === undefined) return undefined;
      i = end;
    } else if (ch === '\\') {
      const next = body[i + 1] ?? '';
      if (next === 'd') mark(table, DIGITS);
      else if (ESCAPED.test(next)) mark(table, next);
      else return undefined;
      i += 2;
    } else if (PLAIN.test(ch)) {
      mark(table, ch);
      i += 1;
    } else {
      return undefined;
    }
    const quantifier = parseQuantifier(body, i);
    if (quantifier === undefined) return undefined;
    atoms.push({ table, min: quantifier.min, max: quantifier.max });
    i = quantifier.end;
  }
  return atoms;
}

/** Reads a class body from `i` (after `[`) into `table`; returns the index after `]`. */
function parseClass(body: string, start: number, table: Uint8Array): number | undefined {
  let i = start;
  if (body[i] === '^' || body[i] === ']') return undefined;
  while (i < body.length && body[i] !== ']') {
    let from: string;
    if (body[i] === '\\') {
      const next = body[i + 1] ?? '';
      if (next === 'd') {
        mark(table, DIGITS);
        i += 2;
        continue;
      }
      if (!ESCAPED.test(next)) return undefined;
      from = next;
      i += 2;
    } else if (PLAIN.test(body[i] as string) || body[i] === '.') {
      from = body[i] as string;
      i += 1;
    } else {
      return undefined;
    }
    // `a-z` is a range; a `-` first or last in the class is itself.
    if (body[i] === '-' && i + 1 < body.length && body[i + 1] !== ']') {
      const to = body[i + 1] as string;
      if (!PLAIN.test(to) || to.charCodeAt(0) < from.charCodeAt(0)) return undefined;
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) table[c] = 1;
      i += 2;
    } else {
      mark(table, from);
    }
  }
  return body[i] === ']' ? i + 1 : undefined;
}

function parseQuantifier(body: string, i: number): { min: number; max: number; end: number } | undefined {
  const ch = body[i];
  if (ch === '?') return { min: 0, max: 1, end: i + 1 };
  if (ch === '*') return { min: 0, max: Infinity, end: i + 1 };
  if (ch === '+') return { min: 1, max: Infinity, end: i + 1 };
  if (ch !== '{') return { min: 1, max: 1, end: i };
  const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(body.slice(i));
  if (m === null) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  // A lazy (`?`) or possessive-looking suffix changes nothing for a full match, but keep it simple.
  if (max < min || body[i + m[0].length] === '?') return undefined;
  return { min, max, end: i + m[0].length };
}

function mark(table: Uint8Array, chars: string): void {
  for (let k = 0; k < chars.length; k++) table[chars.charCodeAt(k)] = 1;
}
