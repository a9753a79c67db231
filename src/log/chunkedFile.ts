/**
 * Buffered writing of text to an open file descriptor: lines are encoded straight into one
 * reused buffer and written in large chunks. On Node 20 this is several times cheaper than
 * concatenating strings and encoding the result, mostly because a single non-ASCII character
 * turns a whole concatenated chunk into a two-byte string. Needs nothing but `node:fs`, so
 * the log's writer thread can use it.
 */
import { fsyncSync, writeSync } from 'node:fs';

/** Default size of the buffer: 256 KiB. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Text written to `fd` through a buffer. System errors are thrown as Node raises them. */
export class ChunkedFile {
  private readonly buffer: Buffer;
  private used = 0;
  private written = 0;

  constructor(
    private readonly fd: number,
    chunkBytes: number = DEFAULT_CHUNK_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  /** Bytes handed to the file so far (buffered bytes not included). */
  get bytes(): number {
    return this.written;
  }

  /** Appends `text` (UTF-8). */
  write(text: string): void {
    // A UTF-16 code unit encodes to at most 3 bytes: flush when the text might not fit.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        this.writeAll(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Writes out whatever is buffered. */
  flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeAll(this.buffer.subarray(0, used));
  }

  /** Flushes, then makes the file's content durable (fsync). */
  sync(): void {
    this.flush();
    fsyncSync(this.fd);
  }

  private writeAll(chunk: Uint8Array): void {
    for (let offset = 0; offset < chunk.length; ) offset += writeSync(this.fd, chunk, offset);
    this.written += chunk.length;
  }
}
