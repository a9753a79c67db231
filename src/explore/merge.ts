/**
 * `parley merge`: the row files of a sharded sweep, joined into the file the unsharded sweep
 * writes, byte for byte: its identity line (without the shard), the header, then each shard's
 * rows in shard order (shard i holds the i-th contiguous block of runs).
 *
 * Refused, with the part named: a file that is not a sweep's, parts of different sweeps, a
 * part that is not a shard, a missing or duplicated shard, a part whose rows are not its
 * whole block in order (an unfinished shard: resume it first), parts of different formats.
 * The output is written to a temp file and renamed into place only when every part checked.
 */
import { commitTemp, openTemp, removeQuietly } from '../log/atomic.js';
import { identityDifference, identityLine, parseIdentityLine, unsharded, type SweepIdentity } from './identity.js';
import { RowFileError } from './resume.js';
import { readFirstLine, RowFile, scanLines } from './rowFile.js';
import { formatFor, type RowFormat } from './rowFormat.js';

/** A part to merge: the path to open and the path as the user wrote it. */
export interface Part {
  readonly path: string;
  readonly file: string;
}

/** What a merge produced. */
export interface MergeResult {
  readonly identity: SweepIdentity;
  readonly parts: number;
  readonly rows: number;
}

/** The run index a row line starts with, or `undefined`. */
function runOf(format: RowFormat, line: string): number | undefined {
  const m = format === 'csv' ? /^(\d+),/.exec(line) : /^\{"run":(\d+),/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/**
 * Checks the parts' identities and orders them by shard.
 * @throws {RowFileError} naming the part at fault.
 */
function orderParts(parts: readonly Part[], format: RowFormat): Array<{ part: Part; identity: SweepIdentity }> {
  const found = parts.map((part) => {
    const identity = parseIdentityLine(format, readFirstLine(part.path) ?? '');
    if (!identity) throw new RowFileError(part.file, 1, 'line 1 is not the identity line of a Parley sweep file');
    if (!identity.shard) throw new RowFileError(part.file, 1, 'is a whole sweep, not a shard (it has no shard in its identity)');
    return { part, identity };
  });
  const [first] = found;
  if (!first) throw new RowFileError('parley merge', 0, 'no parts given');
  const count = first.identity.shard?.count ?? 0;
  const byIndex = new Map<number, Part>();
  for (const f of found) {
    const field = identityDifference(unsharded(f.identity), unsharded(first.identity));
    if (field !== undefined) throw new RowFileError(f.part.file, 1, `is from another sweep than ${first.part.file} (its ${field} differs)`);
    const shard = f.identity.shard as NonNullable<SweepIdentity['shard']>;
    if (shard.count !== count) throw new RowFileError(f.part.file, 1, `is shard ${shard.index} of ${shard.count}, but ${first.part.file} is one of ${count}`);
    const twin = byIndex.get(shard.index);
    if (twin) throw new RowFileError(f.part.file, 1, `is shard ${shard.index} of ${count}, and so is ${twin.file}`);
    byIndex.set(shard.index, f.part);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new RowFileError('parley merge', 0, `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} ${missing.length > 1 ? 'are' : 'is'} missing`);
  }
  return found.sort((a, b) => (a.identity.shard?.index ?? 0) - (b.identity.shard?.index ?? 0));
}

/**
 * Merges `parts` into `out` (the path to write and the path as typed).
 * @throws {RowFileError} for parts that do not make one whole sweep (nothing is written).
 * @throws {LogIoError} when a file cannot be read or the output written.
 */
export async function mergeParts(parts: readonly Part[], out: Part): Promise<MergeResult> {
  const format = formatFor(out.file);
  if (!format) throw new RowFileError(out.file, 0, '--out: expected a .csv or .jsonl file');
  for (const p of parts) {
    if (formatFor(p.file) !== format) throw new RowFileError(p.file, 0, `is not a .${format} file like --out ${out.file}`);
  }
  const ordered = orderParts(parts, format);
  const identity = unsharded((ordered[0] as { identity: SweepIdentity }).identity);
  const { tempPath, fd } = openTemp(out.path);
  // The temp file is written through the same whole-line appender as a sweep's rows.
  const writer = RowFile.adopt(out.path, fd);
  let rows = 0;
  let header: string | undefined;
  try {
    writer.append(identityLine(format, identity));
    for (const { part, identity: own } of ordered) {
      const shard = own.shard as NonNullable<SweepIdentity['shard']>;
      let next = shard.from;
      const scan = await scanLines(part.path, (line, number) => {
        if (number === 1) return;
        if (number === 2 && format === 'csv') {
          if (header === undefined) {
            header = line;
            writer.append(`${line}\n`);
          } else if (line !== header) throw new RowFileError(part.file, 2, `its column header differs from ${ordered[0]?.part.file ?? ''}'s`);
          return;
        }
        const run = runOf(format, line);
        if (run !== next) {
          throw new RowFileError(part.file, number, run === undefined ? `line ${number} is not a row` : `line ${number} holds run ${run}, expected run ${next}`);
        }
        writer.append(`${line}\n`);
        next += 1;
        rows += 1;
      });
      if (scan.partial > 0) throw new RowFileError(part.file, scan.lines + 1, 'ends with a partial line: finish that shard with --resume first');
      if (next !== shard.to) {
        throw new RowFileError(part.file, scan.lines, `shard ${shard.index} of ${shard.count} is unfinished: it holds runs ${shard.from} to ${next - 1} of ${shard.from} to ${shard.to - 1}; finish it with --resume`);
      }
    }
    writer.close();
    await commitTemp(tempPath, out.path);
  } catch (e) {
    writer.close();
    await removeQuietly(tempPath);
    throw e;
  }
  return { identity, parts: ordered.length, rows };
}
