/**
 * Ed25519 (RFC 8032) keys and signatures for TE accounts and committee members. Verification here
 * is the cofactorless rule of RFC 8032 §5.1.7 that OpenSSL and BoringSSL — the engines behind
 * WebCrypto in Node and workerd — implement: decode A strictly, require S < L, recompute
 * R' = [S]B - [k]A and compare its encoding with R byte for byte. Using the very same rule in the
 * synchronous path as the WebCrypto one sees means both paths give the same answer on every input,
 * adversarial ones included, which a consensus check needs. Public keys are decoded strictly (y < p,
 * on the curve, not of small order) and the decoded points are cached per key.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesEqual, concatBytes, toHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { BoundedLru } from './lru.ts';

type Point = ReturnType<typeof ed25519.Point.fromBytes>;

/** The prime order L of the base point; S must be below it. */
export const ED25519_L = ed25519.Point.Fn.ORDER;

const points = new BoundedLru<string, Point | null>(4096);

/** The public key as a point, or null when it is not canonical, not on the curve or of small order. */
export function decodeEd25519PublicKey(publicKey: Uint8Array): Point | null {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return null;
  const key = toHex(publicKey);
  const hit = points.get(key);
  if (hit !== undefined) return hit;
  let p: Point | null;
  try {
    const pt = ed25519.Point.fromBytes(publicKey, false);
    // Small-order keys verify signatures on many messages at once; no honest key is one.
    p = pt.isSmallOrder() ? null : pt;
  } catch {
    p = null;
  }
  points.set(key, p);
  return p;
}

/** True when a 64-byte signature's S half is a canonical scalar (< L). */
export function hasCanonicalS(signature: Uint8Array): boolean {
  return bytesToNumberLE(signature.subarray(32, 64)) < ED25519_L;
}

function assertSecret(secret: Uint8Array, field: string): void {
  if (!(secret instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the secret key as bytes', field);
  if (secret.length !== 32) fail(ErrorCode.BAD_LENGTH, `expected 32 bytes, got ${secret.length}`, field);
}

/** The 32-byte public key of a 32-byte RFC 8032 secret key (seed). Any 32 bytes are a valid secret. */
export function ed25519PublicKey(secret: Uint8Array): Uint8Array {
  assertSecret(secret, 'secretKey');
  return ed25519.getPublicKey(secret);
}

/** The deterministic 64-byte signature R || S of RFC 8032 over the message itself. */
export function ed25519Sign(secret: Uint8Array, message: Uint8Array): Uint8Array {
  assertSecret(secret, 'secretKey');
  if (!(message instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the message as bytes', 'message');
  return ed25519.sign(message, secret);
}

/** Synchronous verification (noble arithmetic, WebCrypto's rule). Never throws: anything malformed is false. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array) || signature.length !== 64)
    return false;
  const A = decodeEd25519PublicKey(publicKey);
  if (!A) return false;
  const s = bytesToNumberLE(signature.subarray(32, 64));
  if (s >= ED25519_L) return false;
  const R = signature.subarray(0, 32);
  const k = bytesToNumberLE(sha512(concatBytes(R, publicKey, message))) % ED25519_L;
  const check = ed25519.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
  return bytesEqual(check.toBytes(), R);
}
