/**
 * Byte helpers shared by every codec: strict hex, concatenation, comparison, UTF-8 and big-endian
 * integers. Strict means an odd-length or non-hex string is an error, never silently truncated.
 */
import { ErrorCode, fail } from './errors.ts';

// Lookup tables: hex conversion runs for every hash and encoding that crosses a boundary.
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

// The runtime's own hex codec (Uint8Array.prototype.toHex / Uint8Array.fromHex, in V8 since 14.0)
// when present: several times faster than the tables below, and just as strict.
interface NativeHex {
  toHex?: (this: Uint8Array) => string;
}
const nativeToHex = (Uint8Array.prototype as NativeHex).toHex;
const nativeFromHex = (Uint8Array as unknown as { fromHex?: (hex: string) => Uint8Array }).fromHex;

export function toHex(bytes: Uint8Array): string {
  if (nativeToHex) return nativeToHex.call(bytes);
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = BYTE_HEX[bytes[i]!]!;
  return parts.join('');
}

/** Decodes hex with or without a 0x prefix; `length`, when given, is the exact byte length required. */
export function fromHex(hex: string, field = 'hex', length?: number): Uint8Array {
  if (typeof hex !== 'string') fail(ErrorCode.BAD_TYPE, `expected a hex string, got ${typeof hex}`, field);
  const start = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  const digits = hex.length - start;
  if (digits % 2 !== 0) fail(ErrorCode.BAD_HEX, 'hex string has an odd number of digits', field);
  if (nativeFromHex) {
    let out: Uint8Array;
    try {
      out = nativeFromHex(start ? hex.slice(start) : hex);
    } catch {
      return fail(ErrorCode.BAD_HEX, 'hex string has a non-hex character', field);
    }
    if (length !== undefined && out.length !== length)
      fail(ErrorCode.BAD_LENGTH, `expected ${length} bytes, got ${out.length}`, field);
    return out;
  }
  const out = new Uint8Array(digits / 2);
  for (let i = 0, j = start; i < out.length; i++, j += 2) {
    const hi = NIBBLE[hex.charCodeAt(j)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(j + 1)] ?? -1;
    if (hi < 0 || lo < 0) fail(ErrorCode.BAD_HEX, 'hex string has a non-hex character', field);
    out[i] = (hi << 4) | lo;
  }
  if (length !== undefined && out.length !== length)
    fail(ErrorCode.BAD_LENGTH, `expected ${length} bytes, got ${out.length}`, field);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Lexicographic order, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}

export function fromUtf8(b: Uint8Array, field = 'string'): string {
  try {
    return dec.decode(b);
  } catch {
    return fail(ErrorCode.BAD_UTF8, 'invalid UTF-8', field);
  }
}

export function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0);
  return out;
}

export function u64be(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, n));
  return out;
}

/** Big-endian unsigned integer of any length as bigint (hash → number for sortition and table ids). */
export function bytesToBigInt(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = 0; i < b.length; i++) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

export const ZERO32: Uint8Array = new Uint8Array(32);
