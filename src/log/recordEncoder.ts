/**
 * Facts as records ({@link factRecord}), written straight into one reused byte buffer as
 * UTF-8: the form a {@link LogStream} hands to its writer thread.
 *
 * Why bytes and not strings: building a record as a string costs a dozen intermediate
 * strings per fact (the canonical data's pieces, the record's, the batch's), all garbage
 * that the simulator's thread must collect, and then the batch is copied once more to
 * reach the worker. Measured on the simulator benchmark, that garbage made writing cost
 * about twice what serialising alone costs. Here a fact's record is one pass over its
 * fields into a buffer that is reused batch after batch, and a batch reaches the worker
 * with one copy into shared memory (sealThread.ts).
 *
 * The bytes are exactly the UTF-8 of `factRecord(at, type, v, actor, cause,
 * canonicalJson(data))`: strings that need any escaping, or are not plain ASCII, go through
 * canonical.ts's own `canonicalString`, and anything without a JSON form falls back to
 * `canonicalJson`, which throws its usual error naming the field. A property test checks
 * the two agree on arbitrary data.
 */
import { canonicalJson, canonicalString, MAX_DEPTH, shapeOf } from './canonical.js';

/** The part of a fact a record holds (a recorded event's `seq` and `hash` are not used). */
export interface RecordFields {
  readonly at: string;
  readonly type: string;
  readonly v: number;
  readonly actor: string;
  readonly cause?: number | undefined;
  readonly data: unknown;
}

const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Records appended one after another into a growing, reusable buffer. */
export class RecordEncoder {
  private buffer: Buffer;
  private pos = 0;

  /** @param initialBytes the buffer's first size; it doubles whenever a record needs more. */
  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, initialBytes));
  }

  /** Bytes encoded since the last {@link RecordEncoder.reset}. */
  get length(): number {
    return this.pos;
  }

  /** The encoded bytes (a view of the buffer: valid until the next append or reset). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.pos);
  }

  /** The encoded records as text. */
  text(): string {
    return this.buffer.toString('utf8', 0, this.pos);
  }

  /** Forgets every encoded record; the buffer is kept for the next ones. */
  reset(): void {
    this.pos = 0;
  }

  /**
   * Appends `f`'s record. The envelope fields are written as they are (the caller has
   * checked them: an instant, an event type, an id, integers); the data canonically.
   * @throws {CanonicalJsonError} when the data has no JSON form; nothing is appended then.
   */
  append(f: RecordFields): void {
    const start = this.pos;
    this.raw(f.at);
    this.byte(TAB);
    this.raw(f.type);
    this.byte(TAB);
    this.raw(`${f.v}`);
    this.byte(TAB);
    this.raw(f.actor);
    this.byte(TAB);
    if (f.cause !== undefined) this.raw(`${f.cause}`);
    this.byte(TAB);
    const dataStart = this.pos;
    if (!this.value(f.data, 0)) {
      this.pos = dataStart;
      let json: string;
      try {
        // Names the field without a JSON form; returns only if this encoder was stricter.
        json = canonicalJson(f.data, 'data');
      } catch (e) {
        this.pos = start;
        throw e;
      }
      this.utf8(json);
    }
    this.byte(NEWLINE);
  }

  /** Writes `value` canonically; false (with garbage written) when it has no JSON form. */
  private value(value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return true;
      case 'number':
        if (value - value !== 0) return false;
        this.raw(`${value}`);
        return true;
      case 'boolean':
        this.raw(value ? 'true' : 'false');
        return true;
      case 'object': {
        if (value === null) {
          this.raw('null');
          return true;
        }
        if (depth >= MAX_DEPTH) return false;
        if (Array.isArray(value)) {
          this.byte(0x5b);
          for (let i = 0; i < value.length; i++) {
            if (i > 0) this.byte(COMMA);
            if (!this.value(value[i], depth + 1)) return false;
          }
          this.byte(0x5d);
          return true;
        }
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) return false;
        const keys = Object.keys(value);
        this.byte(0x7b);
        if (keys.length > 0) {
          const { sorted, quoted } = shapeOf(keys);
          const record = value as Record<string, unknown>;
          let first = true;
          for (let i = 0; i < sorted.length; i++) {
            const v = record[sorted[i] as string];
            if (v === undefined) continue;
            if (!first) this.byte(COMMA);
            first = false;
            this.raw(quoted[i] as string);
            this.byte(COLON);
            if (!this.value(v, depth + 1)) return false;
          }
        }
        this.byte(0x7d);
        return true;
      }
      default:
        return false;
    }
  }

  /** A string value: plain printable ASCII is copied as is, anything else as canonical.ts writes it. */
  private string(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const b = this.buffer;
    let p = this.pos;
    b[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this.utf8(canonicalString(s));
        return;
      }
      b[p++] = c;
    }
    b[p++] = QUOTE;
    this.pos = p;
  }

  /** Text written as it is (already JSON, or an envelope field): ASCII copied, the rest encoded. */
  private raw(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buffer;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        this.utf8(s);
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** Any text, UTF-8 encoded (Node's encoder: `s` is well formed, canonical JSON escapes lone surrogates). */
  private utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buffer.write(s, this.pos, 'utf8');
  }

  private byte(b: number): void {
    if (this.pos >= this.buffer.length) this.room(1);
    this.buffer[this.pos++] = b;
  }

  /** Makes room for `n` more bytes, doubling the buffer as often as needed. */
  private room(n: number): void {
    const need = this.pos + n;
    if (need <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < need) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.buffer.copy(bigger, 0, 0, this.pos);
    this.buffer = bigger;
  }
}
