/**
 * ECVRF_nonce_generation_RFC8032 (RFC 9381 section 5.4.2.2): the deterministic nonce of Ed25519
 * signing, k = SHA-512(truncated_hashed_sk_string || h_string) read little-endian, mod q.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../bytes.ts';
import { Q, leToInt } from './suite.ts';

export interface Nonce {
  /** k_string, the 64-byte hash the RFC's vectors print as k. */
  kString: Uint8Array;
  k: bigint;
}

export function generateNonce(prefix: Uint8Array, hString: Uint8Array): Nonce {
  const kString = sha512(concatBytes(prefix, hString));
  return { kString, k: leToInt(kString) % Q };
}
