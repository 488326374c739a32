/**
 * The canonical binary reader, mirror of Writer. It never reads past the input, rejects
 * non-canonical values (a bool that is not 0 or 1, trailing bytes) and names the field at fault,
 * so a malformed input always ends in a ProtocolError with a stable code, never a crash.
 */
import { ErrorCode, fail } from '../errors.ts';
import { fromUtf8 } from '../bytes.ts';

export class Reader {
  private off = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    if (!(buf instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected bytes to decode', 'input');
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get offset(): number {
    return this.off;
  }

  get remaining(): number {
    return this.buf.length - this.off;
  }

  private need(n: number, field: string): void {
    if (this.off + n > this.buf.length)
      fail(ErrorCode.TRUNCATED, `needs ${n} more bytes at offset ${this.off}, ${this.remaining} left`, field);
  }

  u8(field = 'u8'): number {
    this.need(1, field);
    return this.buf[this.off++]!;
  }

  u16(field = 'u16'): number {
    this.need(2, field);
    const v = this.view.getUint16(this.off);
    this.off += 2;
    return v;
  }

  u32(field = 'u32'): number {
    this.need(4, field);
    const v = this.view.getUint32(this.off);
    this.off += 4;
    return v;
  }

  u64(field = 'u64'): bigint {
    this.need(8, field);
    const v = this.view.getBigUint64(this.off);
    this.off += 8;
    return v;
  }

  /** A u64 that must fit a JS safe integer (times, counts). */
  u64n(field = 'u64'): number {
    const v = this.u64(field);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(ErrorCode.OUT_OF_RANGE, `${v} is too large`, field);
    return Number(v);
  }

  bool(field = 'bool'): boolean {
    const b = this.u8(field);
    if (b > 1) fail(ErrorCode.BAD_TYPE, `bool must be 0 or 1, got ${b}`, field);
    return b === 1;
  }

  fixed(length: number, field = 'bytes'): Uint8Array {
    this.need(length, field);
    const out = this.buf.slice(this.off, this.off + length);
    this.off += length;
    return out;
  }

  bytes(max: number, field = 'bytes'): Uint8Array {
    const n = this.u32(field);
    if (n > max) fail(ErrorCode.OVERSIZED, `${n} bytes exceeds the limit of ${max}`, field);
    return this.fixed(n, field);
  }

  string(maxBytes: number, field = 'string'): string {
    return fromUtf8(this.bytes(maxBytes, field), field);
  }

  list<T>(max: number, each: (r: this, i: number) => T, field = 'list'): T[] {
    const n = this.u32(field);
    if (n > max) fail(ErrorCode.OVERSIZED, `${n} items exceeds the limit of ${max}`, field);
    // Each item takes at least one byte, so a count beyond the input is truncation, caught before allocating.
    if (n > this.remaining)
      fail(ErrorCode.TRUNCATED, `${n} items cannot fit in ${this.remaining} bytes`, field);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(each(this, i));
    return out;
  }

  /** Asserts the whole input was consumed: one value, one encoding. */
  end(field = 'input'): void {
    if (this.off !== this.buf.length)
      fail(ErrorCode.TRAILING_BYTES, `${this.buf.length - this.off} unexpected bytes after the value`, field);
  }
}

/** Decodes with `fn` and requires that it consumes the whole input. */
export function decodeAll<T>(bytes: Uint8Array, fn: (r: Reader) => T, field = 'input'): T {
  const r = new Reader(bytes);
  const v = fn(r);
  r.end(field);
  return v;
}
