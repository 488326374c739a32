/**
 * Recursive Length Prefix (Ethereum's serialization), strict: only the canonical encoding of a
 * value decodes (no leading zero in a length, no long form for a short payload, a single byte below
 * 0x80 never wrapped), so one transaction has one byte string and therefore one hash.
 */
import { concatBytes } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';

export type Rlp = Uint8Array | Rlp[];

function lengthBytes(n: number): Uint8Array {
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from(out);
}

function prefix(short: number, length: number): Uint8Array {
  if (length <= 55) return Uint8Array.of(short + length);
  const l = lengthBytes(length);
  return concatBytes(Uint8Array.of(short + 55 + l.length), l);
}

export function rlpEncode(item: Rlp): Uint8Array {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) return item;
    return concatBytes(prefix(0x80, item.length), item);
  }
  const body = concatBytes(...item.map(rlpEncode));
  return concatBytes(prefix(0xc0, body.length), body);
}

/** A bigint as RLP's minimal big-endian integer (zero is the empty string). */
export function rlpInt(v: bigint): Uint8Array {
  if (v < 0n) fail(ErrorCode.NEGATIVE, 'RLP integers are unsigned', 'rlp');
  const out: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) out.unshift(Number(x & 0xffn));
  return Uint8Array.from(out);
}

function readLength(b: Uint8Array, at: number, size: number, field: string): number {
  if (at + size > b.length) fail(ErrorCode.TRUNCATED, 'RLP length runs past the end', field);
  if (b[at] === 0) fail(ErrorCode.BAD_TYPE, 'RLP length has a leading zero', field);
  let n = 0;
  for (let i = 0; i < size; i++) n = n * 256 + b[at + i]!;
  if (n <= 55) fail(ErrorCode.BAD_TYPE, 'RLP long form used for a short payload', field);
  return n;
}

function decodeAt(b: Uint8Array, at: number, field: string, depth: number): { item: Rlp; end: number } {
  if (depth > 16) fail(ErrorCode.BAD_TYPE, 'RLP nests too deep', field);
  if (at >= b.length) fail(ErrorCode.TRUNCATED, 'RLP item missing', field);
  const p = b[at]!;
  if (p < 0x80) return { item: b.subarray(at, at + 1), end: at + 1 };
  let start = at + 1;
  let length: number;
  const list = p >= 0xc0;
  if (p <= 0xb7) {
    length = p - 0x80;
    if (length === 1 && (b[start] ?? 0x80) < 0x80)
      fail(ErrorCode.BAD_TYPE, 'RLP single byte below 0x80 must not be wrapped', field);
  } else if (p <= 0xbf || p > 0xf7) {
    const size = p - (list ? 0xf7 : 0xb7);
    length = readLength(b, at + 1, size, field);
    start = at + 1 + size;
  } else length = p - 0xc0;
  const end = start + length;
  if (end > b.length) fail(ErrorCode.TRUNCATED, 'RLP payload runs past the end', field);
  if (!list) return { item: b.subarray(start, end), end };
  const items: Rlp[] = [];
  for (let i = start; i < end;) {
    const r = decodeAt(b, i, field, depth + 1);
    if (r.end > end) fail(ErrorCode.TRUNCATED, 'RLP list item runs past the list', field);
    items.push(r.item);
    i = r.end;
  }
  return { item: items, end };
}

/** Decodes exactly one item spanning all of `b`. */
export function rlpDecode(b: Uint8Array, field = 'rlp'): Rlp {
  const { item, end } = decodeAt(b, 0, field, 0);
  if (end !== b.length) fail(ErrorCode.TRAILING_BYTES, `${b.length - end} bytes after the RLP item`, field);
  return item;
}

/** An RLP string as a canonical unsigned integer (no leading zero byte). */
export function rlpToInt(item: Rlp | undefined, field: string, maxBytes = 32): bigint {
  if (!(item instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected an RLP integer, got a list', field);
  if (item.length > maxBytes) fail(ErrorCode.OUT_OF_RANGE, `more than ${maxBytes} bytes`, field);
  if (item.length > 0 && item[0] === 0) fail(ErrorCode.BAD_TYPE, 'integer has a leading zero byte', field);
  let v = 0n;
  for (const x of item) v = (v << 8n) | BigInt(x);
  return v;
}

export function rlpToBytes(item: Rlp | undefined, field: string): Uint8Array {
  if (!(item instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected an RLP string, got a list', field);
  return item;
}

export function rlpToList(item: Rlp | undefined, field: string): Rlp[] {
  if (!Array.isArray(item)) fail(ErrorCode.BAD_TYPE, 'expected an RLP list', field);
  return item;
}
