/**
 * The second half of writing a log, once {@link FactGate} has admitted a fact: chaining its
 * hash and writing its line. Facts arrive as *records*, a compact text form (one line of
 * tab-separated fields per fact) that is cheap to build on the simulator's thread and cheap
 * to hand to a worker thread (logStream.ts), so hashing and writing can run on another core.
 * Needs nothing but `node:fs` and `node:crypto`.
 */
import { ChunkedFile } from './chunkedFile.js';
import { bodyText, chainHash, lineText } from './lineText.js';

/**
 * One admitted fact as a record: `at`, `type`, `v`, `actor`, `cause` (empty when absent) and
 * the canonical data, tab-separated, newline-terminated. Neither separator can occur in a
 * field: `at`, `type` and `actor` are an instant, an event type and an id, `v` and `cause`
 * integers, and canonical JSON escapes every control character.
 */
export function factRecord(
  at: string,
  type: string,
  v: number,
  actor: string,
  cause: number | undefined,
  dataJson: string,
): string {
  return `${at}\t${type}\t${v}\t${actor}\t${cause ?? ''}\t${dataJson}\n`;
}

/** Where a chain ends after a sink is finished. */
export interface ChainEnd {
  readonly seq: number;
  readonly hash: string;
  /** Bytes this sink wrote to the file. */
  readonly bytes: number;
}

/** Chains records into log lines written to an open file. System errors are thrown as raised. */
export class ChainSink {
  private seq: number;
  private hash: string;
  private readonly file: ChunkedFile;

  /**
   * @param fd an open file, written from its current offset.
   * @param start the seq and hash of the event before the first record (0 and 64 zeros for a new log).
   */
  constructor(fd: number, start: { readonly seq: number; readonly hash: string }, chunkBytes?: number) {
    this.seq = start.seq;
    this.hash = start.hash;
    this.file = new ChunkedFile(fd, chunkBytes);
  }

  /**
   * Seals and writes every record of `records` (one or more {@link factRecord}s).
   * @throws {Error} when `records` does not end with a complete record.
   */
  write(records: string): void {
    let start = 0;
    for (let end = records.indexOf('\n'); end !== -1; end = records.indexOf('\n', start)) {
      const t1 = records.indexOf('\t', start);
      const t2 = records.indexOf('\t', t1 + 1);
      const t3 = records.indexOf('\t', t2 + 1);
      const t4 = records.indexOf('\t', t3 + 1);
      const t5 = records.indexOf('\t', t4 + 1);
      if (t1 === -1 || t5 === -1 || t5 > end) throw new Error(`ChainSink: malformed record after seq ${this.seq}`);
      const at = records.slice(start, t1);
      const type = records.slice(t1 + 1, t2);
      const v = records.slice(t2 + 1, t3);
      const actor = records.slice(t3 + 1, t4);
      const cause = t5 === t4 + 1 ? undefined : records.slice(t4 + 1, t5);
      const data = records.slice(t5 + 1, end);
      const seq = this.seq + 1;
      const hash = chainHash(this.hash, bodyText(seq, at, type, v, actor, cause, data));
      this.seq = seq;
      this.hash = hash;
      this.file.write(lineText(seq, at, type, v, actor, cause, data, hash));
      start = end + 1;
    }
    if (start !== records.length) throw new Error(`ChainSink: a record without its newline after seq ${this.seq}`);
  }

  /**
   * Writes out whatever is buffered and returns where the chain ends: another sink can then
   * carry on writing the same file from there.
   */
  flush(): ChainEnd {
    this.file.flush();
    return { seq: this.seq, hash: this.hash, bytes: this.file.bytes };
  }

  /** Flushes and fsyncs the file; returns where the chain ends. */
  finish(): ChainEnd {
    this.file.sync();
    return { seq: this.seq, hash: this.hash, bytes: this.file.bytes };
  }
}
