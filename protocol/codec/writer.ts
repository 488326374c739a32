/**
 * The canonical binary writer. Every encoding in topnet is a fixed sequence of these primitives —
 * big-endian fixed-width integers, length-prefixed byte strings, count-prefixed lists — so each
 * value has exactly one encoding and hashes are stable across implementations.
 */
import { ErrorCode, fail } from '../errors.ts';
import { utf8 } from '../bytes.ts';

export const U64_MAX = (1n << 64n) - 1n;

export class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(n: number, field = 'u8'): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xff) fail(ErrorCode.OUT_OF_RANGE, `${n} is not a u8`, field);
    this.grow(1);
    this.buf[this.len++] = n;
    return this;
  }

  u16(n: number, field = 'u16'): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffff) fail(ErrorCode.OUT_OF_RANGE, `${n} is not a u16`, field);
    this.grow(2);
    this.view.setUint16(this.len, n);
    this.len += 2;
    return this;
  }

  u32(n: number, field = 'u32'): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      fail(ErrorCode.OUT_OF_RANGE, `${n} is not a u32`, field);
    this.grow(4);
    this.view.setUint32(this.len, n);
    this.len += 4;
    return this;
  }

  /** u64 from a bigint (amounts, nonces, heights) or a safe integer (times). */
  u64(n: bigint | number, field = 'u64'): this {
    const v = typeof n === 'number' ? (Number.isSafeInteger(n) ? BigInt(n) : -1n) : n;
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX)
      fail(ErrorCode.OUT_OF_RANGE, `${String(n)} is not a u64`, field);
    this.grow(8);
    this.view.setBigUint64(this.len, v);
    this.len += 8;
    return this;
  }

  bool(b: boolean): this {
    return this.u8(b ? 1 : 0);
  }

  /** Fixed-length bytes: the length is part of the schema, not the encoding. */
  fixed(b: Uint8Array, length: number, field = 'bytes'): this {
    if (!(b instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected bytes', field);
    if (b.length !== length) fail(ErrorCode.BAD_LENGTH, `expected ${length} bytes, got ${b.length}`, field);
    this.grow(length);
    this.buf.set(b, this.len);
    this.len += length;
    return this;
  }

  /** u32 length prefix then the bytes; `max` bounds what a decoder will accept. */
  bytes(b: Uint8Array, max: number, field = 'bytes'): this {
    if (!(b instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected bytes', field);
    if (b.length > max) fail(ErrorCode.OVERSIZED, `${b.length} bytes exceeds the limit of ${max}`, field);
    this.u32(b.length, field);
    return this.fixed(b, b.length, field);
  }

  string(s: string, maxBytes: number, field = 'string'): this {
    if (typeof s !== 'string') fail(ErrorCode.BAD_TYPE, `expected a string, got ${typeof s}`, field);
    return this.bytes(utf8(s), maxBytes, field);
  }

  list<T>(items: readonly T[], max: number, each: (w: this, item: T) => void, field = 'list'): this {
    if (!Array.isArray(items)) fail(ErrorCode.BAD_TYPE, 'expected a list', field);
    if (items.length > max)
      fail(ErrorCode.OVERSIZED, `${items.length} items exceeds the limit of ${max}`, field);
    this.u32(items.length, field);
    for (const it of items) each(this, it);
    return this;
  }

  raw(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
