/**
 * The signature capability a replica is given. Injecting it keeps the replica pure and lets each
 * host pick its fastest ed25519: WebCrypto in a Durable Object, node:crypto in tests, or the pure
 * noble implementation here (workers, browsers, anything without native ed25519).
 */
import { ed25519 } from '@noble/curves/ed25519.js';

export interface PbftCrypto {
  /** 64-byte ed25519 signature of `message` (a 32-byte signing hash) by this replica's key. */
  sign(message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Signature verification alone, for verifiers that hold no key. */
export type PbftVerifier = Pick<PbftCrypto, 'verify'>;

/** RFC 8032 verification (no ZIP-215 leniency), the same acceptance rule as WebCrypto and OpenSSL. */
function nobleVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export const nobleVerifier: PbftVerifier = { verify: nobleVerify };

/**
 * Pure ed25519 signer for a 32-byte secret key.
 * @example
 * const c = noblePbftCrypto(secret);
 * const sig = c.sign(hash); c.verify(c.publicKey, hash, sig) === true;
 */
export function noblePbftCrypto(secret: Uint8Array): PbftCrypto & { publicKey: Uint8Array } {
  if (!(secret instanceof Uint8Array) || secret.length !== 32)
    throw new TypeError('ed25519 secret must be 32 bytes');
  const key = secret.slice();
  const publicKey = ed25519.getPublicKey(key);
  return {
    publicKey,
    sign: (message) => ed25519.sign(message, key),
    verify: nobleVerify,
  };
}
