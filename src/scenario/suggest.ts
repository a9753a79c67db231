/**
 * "Did you mean" suggestions for misspelt keys, kinds and ids: the closest candidate by
 * optimal-string-alignment distance (a transposition counts as one edit), compared
 * case-insensitively, if it is close enough to be a plausible typo.
 */

/** Edit distance with adjacent transpositions; stops early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate `word` was most likely meant as, or `undefined`. Allows one edit per three
 * characters (at least one), so `incidnt` → `incident` but `foo` → nothing.
 * @example closest('ackdeadline', ['ackDeadline', 'referral']) // 'ackDeadline'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(w, candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined ? '' : `; did you mean ${quote(guess)}?`;
}

/** Lists candidates for a message, eliding long lists. */
export function listOf(candidates: readonly string[], max = 12): string {
  const shown = candidates.slice(0, max).join(', ');
  return candidates.length > max ? `${shown}, … (${candidates.length - max} more)` : shown;
}

/**
 * A user-supplied string as messages show it: JSON-quoted (so control characters and
 * newlines are escaped and a message stays on one line) and cut after `max` characters.
 */
export function quote(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** Escapes line breaks and other control characters so that a message prints on one line. */
export function oneLine(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
