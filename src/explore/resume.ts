/**
 * Reading an existing row file back: for `--resume` (which continues it) and for `parley
 * merge` (which joins parts). Every line is checked: the identity must be the expected one,
 * a CSV header must be the expected columns, and the rows must be exactly the next run
 * indices of the file's block, in order. A trailing partial line (a process killed in the
 * middle of a write) is not a row; it is reported so that `--resume` cuts it off.
 */
import { UsageError } from '../core/errors.js';
import { identityDifference, parseIdentityLine, type SweepIdentity } from './identity.js';
import { decodeRow, headerText, type Row, type RowLayout } from './rowFormat.js';
import { scanLines, type ScanResult } from './rowFile.js';

/** A row file that is not what was expected; the message names the file and line. */
export class RowFileError extends UsageError {
  override readonly name = 'RowFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message, 'ROWS_FILE');
  }
}

/** What a checked scan of a row file found. */
export interface RowFileScan extends ScanResult {
  readonly identity: SweepIdentity;
  /** Rows read: runs `[first, first + rows)`. */
  readonly rows: number;
}

/** Options of {@link readRowFile}. */
export interface ReadRowFileOptions {
  readonly layout: RowLayout;
  /**
   * Checks the identity line (throwing when the file belongs to another sweep) and returns
   * the run index the file's rows must start at.
   */
  readonly identity: (identity: SweepIdentity) => number;
  /** Receives each row (and its text, with the newline) in order. */
  readonly onRow?: (row: Row, line: string) => void;
}

/**
 * Scans a row file, checking every line.
 * @throws {RowFileError} for a line that is not the expected identity, header or next row.
 */
export async function readRowFile(path: string, file: string, options: ReadRowFileOptions): Promise<RowFileScan> {
  const { layout } = options;
  const header = headerText(layout).replace(/\n$/, '');
  const headerLines = header === '' ? 1 : 2;
  let identity: SweepIdentity | undefined;
  let next = 0;
  let rows = 0;
  const scan = await scanLines(path, (line, number) => {
    if (number === 1) {
      identity = parseIdentityLine(layout.format, line);
      if (!identity) throw new RowFileError(file, 1, `line 1 is not the identity line of a Parley sweep ${layout.format === 'csv' ? 'CSV' : 'JSON Lines'} file`);
      next = options.identity(identity);
      return;
    }
    if (number === 2 && headerLines === 2) {
      if (line !== header) throw new RowFileError(file, 2, 'line 2 is not the column header this sweep writes');
      return;
    }
    const row = decodeRow(layout, line);
    if (!row) throw new RowFileError(file, number, `line ${number} is not a row of this sweep`);
    if (row.run !== next) throw new RowFileError(file, number, `line ${number} holds run ${row.run}, expected run ${next}`);
    options.onRow?.(row, `${line}\n`);
    next += 1;
    rows += 1;
  });
  if (!identity) throw new RowFileError(file, 1, 'the file is empty or has no complete first line');
  if (scan.lines < headerLines) throw new RowFileError(file, scan.lines + 1, 'the column header line is missing');
  return { ...scan, identity, rows };
}

/** An identity check for {@link readRowFile} that accepts only `expected` (a resumed sweep). */
export function sameSweep(file: string, expected: SweepIdentity): (found: SweepIdentity) => number {
  return (found) => {
    const field = identityDifference(found, expected);
    if (field !== undefined) {
      throw new RowFileError(file, 1, `the file is from another sweep (its ${field} differs); refusing to resume it`);
    }
    return expected.shard?.from ?? 0;
  };
}
