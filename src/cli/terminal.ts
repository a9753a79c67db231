/**
 * The stepper's terminal: keys read from a TTY in raw mode, decoded into names the stepper's
 * session understands (`right`, `enter`, `n` …). Only this file touches `process.stdin`.
 */
import { on } from 'node:events';
import type { Key } from '../report/stepper/session.js';

/** What an interactive command needs from a terminal. */
export interface Terminal {
  /** Decoded keys, until the terminal closes. */
  readonly keys: AsyncIterable<Key>;
  readonly rows: number;
  readonly columns: number;
  /** Restores the terminal (cooked mode) and stops reading. */
  close(): void;
}

const SEQUENCES: Readonly<Record<string, Key>> = {
  '\u001b[A': 'up',
  '\u001b[B': 'down',
  '\u001b[C': 'right',
  '\u001b[D': 'left',
  '\u001bOC': 'right',
  '\u001bOD': 'left',
};

/**
 * The keys in one chunk of raw terminal input. Escape sequences other than the arrows are
 * dropped whole; a lone ESC is `escape`.
 * @example decodeKeys('n\u001b[Cg12\r') // ['n', 'right', 'g', '1', '2', 'enter']
 */
export function decodeKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < chunk.length; ) {
    const c = chunk[i] as string;
    if (c === '\u001b') {
      const m = /^\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O[@-~])/.exec(chunk.slice(i));
      if (m) {
        const name = SEQUENCES[m[0]];
        if (name) keys.push(name);
        i += m[0].length;
      } else {
        keys.push('escape');
        i += 1;
      }
      continue;
    }
    const code = c.charCodeAt(0);
    if (c === '\r' || c === '\n') keys.push('enter');
    else if (c === '\u007f' || c === '\b') keys.push('backspace');
    else if (c === '\u0003') keys.push('ctrl-c');
    else if (c === ' ') keys.push('space');
    else if (code >= 0x20) {
      // One key per code point (a surrogate pair is one character).
      const point = String.fromCodePoint(chunk.codePointAt(i) as number);
      keys.push(point);
      i += point.length;
      continue;
    }
    i += 1;
  }
  return keys;
}

/** The process's terminal when both standard input and output are TTYs, else undefined. */
export function processTerminal(): Terminal | undefined {
  const { stdin, stdout } = process;
  if (!stdin.isTTY || !stdout.isTTY) return undefined;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  // Listening (rather than iterating the stream) leaves stdin open and usable when the
  // stepper stops: breaking out of a stream's iterator would destroy it while still raw.
  const stop = new AbortController();
  async function* keys(): AsyncGenerator<Key> {
    try {
      for await (const [chunk] of on(stdin, 'data', { signal: stop.signal })) yield* decodeKeys(chunk as string);
    } catch (e) {
      if ((e as { name?: unknown }).name !== 'AbortError') throw e;
    }
  }
  return {
    keys: keys(),
    rows: stdout.rows,
    columns: stdout.columns,
    close: () => {
      stop.abort();
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
