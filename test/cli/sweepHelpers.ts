/** Helpers for the sweep command tests: splitting a `reproduce` command, reading rows. */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvLine } from '../../src/explore/rowFormat.js';

/** Splits a command as a POSIX shell would, for the words `shellWord` writes (plain or '…'). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s']+|'(?:[^']|'\\'')*')+/g;
  for (const m of command.match(re) ?? []) {
    words.push(m.replace(/'((?:[^']|'\\'')*)'/g, (_, inner: string) => inner.replace(/'\\''/g, "'")));
  }
  return words;
}

/** A CSV row file as its identity line, header and rows (typed fields). */
export function readCsv(path: string): { identity: string; header: string[]; rows: Array<Record<string, unknown>> } {
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  const [identity = '', headerLine = '', ...rest] = lines;
  const header = (parseCsvLine(headerLine) ?? []) as string[];
  const rows = rest.map((l) => {
    const fields = parseCsvLine(l) ?? [];
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
  return { identity, header, rows };
}
