/**
 * secp256k1 keys and recoverable signatures for T8 accounts, byte-compatible with Ethereum: the
 * signature is r(32) || s(32) || v(1) with v the recovery id 0 or 1 and s always in the low half of
 * the group order, taken over a 32-byte digest directly (no hashing inside). Recovering the signer's
 * key from the signature is how a T8 signature is checked, since a T8 address holds only a hash of
 * the key.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToBigInt, concatBytes } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { keccak256 } from '../hash.ts';
import { recoverUncompressed } from './secp256k1Recover.ts';

type Point = ReturnType<typeof secp256k1.Point.fromBytes>;

/** The group order n: a secret key is a scalar in [1, n). */
export const SECP256K1_N = secp256k1.Point.Fn.ORDER;
const HALF_N = SECP256K1_N >> 1n;

export function isValidSecp256k1Secret(secret: Uint8Array): boolean {
  if (!(secret instanceof Uint8Array) || secret.length !== 32) return false;
  const x = bytesToBigInt(secret);
  return x > 0n && x < SECP256K1_N;
}

function assertSecret(secret: Uint8Array, field: string): void {
  if (!(secret instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the secret key as bytes', field);
  if (secret.length !== 32) fail(ErrorCode.BAD_LENGTH, `expected 32 bytes, got ${secret.length}`, field);
  if (!isValidSecp256k1Secret(secret))
    fail(ErrorCode.BAD_KEY, 'secp256k1 secret key must be a scalar in [1, n)', field);
}

/** SEC1 public key: 33-byte compressed by default, 65-byte uncompressed (0x04 || x || y) on request. */
export function secp256k1PublicKey(secret: Uint8Array, compressed = true, field = 'secretKey'): Uint8Array {
  assertSecret(secret, field);
  return secp256k1.getPublicKey(secret, compressed);
}

/** Decodes a 33- or 65-byte SEC1 public key, checking the point is on the curve. */
function decodePublicKey(publicKey: Uint8Array, field: string): Point {
  if (!(publicKey instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the public key as bytes', field);
  if (publicKey.length !== 33 && publicKey.length !== 65)
    fail(ErrorCode.BAD_KEY, `secp256k1 public key must be 33 or 65 bytes, got ${publicKey.length}`, field);
  try {
    return secp256k1.Point.fromBytes(publicKey);
  } catch {
    return fail(ErrorCode.BAD_KEY, 'not a valid secp256k1 public key', field);
  }
}

/** The 20-byte account body of an uncompressed key 0x04 || x || y: the last 20 bytes of keccak256(x || y), i.e. its Ethereum address. */
function bodyOfUncompressed(key65: Uint8Array): Uint8Array {
  return keccak256(key65.subarray(1)).slice(12);
}

/** The 20-byte T8 body (Ethereum address bytes) of a compressed or uncompressed public key. */
export function secp256k1AddressBody(publicKey: Uint8Array, field = 'publicKey'): Uint8Array {
  return bodyOfUncompressed(decodePublicKey(publicKey, field).toBytes(false));
}

function assertDigest(digest: Uint8Array, field: string): void {
  if (!(digest instanceof Uint8Array))
    fail(ErrorCode.BAD_TYPE, 'expected the message digest as bytes', field);
  if (digest.length !== 32)
    fail(ErrorCode.BAD_LENGTH, `secp256k1 signs a 32-byte digest, got ${digest.length} bytes`, field);
}

/** Deterministic (RFC 6979) low-s signature of a 32-byte digest: r || s || v. */
export function secp256k1Sign(secret: Uint8Array, digest: Uint8Array): Uint8Array {
  assertSecret(secret, 'secretKey');
  assertDigest(digest, 'message');
  // noble's 'recovered' layout is v || r || s; ours (Ethereum's) puts v last.
  const sig = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' });
  const v = sig[0]!;
  // v >= 2 needs R.x >= n, probability ~2^-128: unreachable in practice, and unrepresentable in our format.
  if (v > 1) fail(ErrorCode.BAD_SIGNATURE, 'signature needs a recovery id above 1', 'signature');
  return concatBytes(sig.subarray(1), Uint8Array.of(v));
}

/**
 * Recovers the signer's uncompressed key (0x04 || x || y), enforcing the one canonical form:
 * 65 bytes, 1 <= r < n, 1 <= s <= n/2 (low-s, so a signature cannot be rewritten into a second
 * valid one), v in {0, 1}. Only the curve arithmetic after these checks goes to the backend
 * (secp256k1Recover.ts: noble, or the host's WebAssembly libsecp256k1).
 */
function recoverUncompressedKey(digest: Uint8Array, sig: Uint8Array): Uint8Array {
  assertDigest(digest, 'message');
  if (!(sig instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the signature as bytes', 'signature');
  if (sig.length !== 65)
    fail(ErrorCode.BAD_SIGNATURE, `secp256k1 signature must be 65 bytes, got ${sig.length}`, 'signature');
  const r = bytesToBigInt(sig.subarray(0, 32));
  const s = bytesToBigInt(sig.subarray(32, 64));
  const v = sig[64]!;
  if (v > 1) fail(ErrorCode.BAD_SIGNATURE, `recovery id v must be 0 or 1, got ${v}`, 'signature');
  if (r === 0n || r >= SECP256K1_N) fail(ErrorCode.BAD_SIGNATURE, 'r is out of range', 'signature');
  if (s === 0n || s > HALF_N)
    fail(ErrorCode.BAD_SIGNATURE, 's must be in the low half of the order', 'signature');
  let point: Uint8Array | null = null;
  try {
    point = recoverUncompressed(digest, sig.subarray(0, 64), v);
  } catch {
    // A backend that throws (instead of answering null) is treated as recovering nothing.
  }
  if (!point) return fail(ErrorCode.BAD_SIGNATURE, 'no public key recovers from this signature', 'signature');
  return point;
}

/** The signer's 33-byte compressed public key; BAD_SIGNATURE when the signature is malformed or recovers nothing. */
export function recoverSecp256k1PublicKey(digest32: Uint8Array, sig65: Uint8Array): Uint8Array {
  const point = recoverUncompressedKey(digest32, sig65);
  // SEC1 compression: 0x02 for an even y, 0x03 for an odd one, then x.
  return concatBytes(Uint8Array.of(0x02 | (point[64]! & 1)), point.subarray(1, 33));
}

/** The 20-byte T8 body of whoever signed `digest`; throws like recoverSecp256k1PublicKey. */
export function recoverSecp256k1AddressBody(digest32: Uint8Array, sig65: Uint8Array): Uint8Array {
  return bodyOfUncompressed(recoverUncompressedKey(digest32, sig65));
}
