/**
 * Secret key expansion of RFC 8032 section 5.1.5, which RFC 9381 reuses for edwards25519: the
 * 32-byte secret is hashed with SHA-512; the clamped low half is the secret scalar x, the high half
 * feeds nonce generation. The public key Y = x*B is then byte-identical to an Ed25519 public key.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { ErrorCode, fail } from '../errors.ts';
import { Point, Q, SECRET_LEN, leToInt, pointToString } from './suite.ts';

export interface ExpandedSecret {
  /** The clamped scalar exactly as RFC 8032 defines it (what the RFC's vectors print as x). */
  x: bigint;
  /** x mod q: the same multiplier on the prime-order subgroup, and what the curve library accepts. */
  scalar: bigint;
  /** truncated_hashed_sk_string: SHA-512(SK)[32..64], the nonce key. */
  prefix: Uint8Array;
  publicKey: Uint8Array;
}

export function expandSecretKey(secret: Uint8Array): ExpandedSecret {
  if (!(secret instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected a Uint8Array', 'secret');
  if (secret.length !== SECRET_LEN)
    fail(ErrorCode.BAD_LENGTH, `expected ${SECRET_LEN} bytes, got ${secret.length}`, 'secret');
  const h = sha512(secret);
  const low = h.slice(0, 32);
  low[0]! &= 248;
  low[31]! &= 127;
  low[31]! |= 64;
  const x = leToInt(low);
  // Clamping makes x a multiple of 8 in [2^254, 2^255) < 8q, so x mod q is never 0.
  const scalar = x % Q;
  return { x, scalar, prefix: h.slice(32, 64), publicKey: pointToString(Point.BASE.multiply(scalar)) };
}

/**
 * The VRF public key of a 32-byte secret (equal to its Ed25519 public key).
 * @example
 * const pk = vrfPublicKey(secret); // 32 bytes
 */
export function vrfPublicKey(secret: Uint8Array): Uint8Array {
  return expandSecretKey(secret).publicKey;
}
