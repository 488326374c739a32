/**
 * ECVRF_proof_to_hash (RFC 9381 section 5.2): beta = SHA-512(suite || 0x03 || (8*Gamma) || 0x00).
 * It does not verify the proof: only call it on a proof you made or already verified.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../bytes.ts';
import { decodeVrfProof } from './decodeProof.ts';
import { COFACTOR, SUITE, pointToString, type EdwardsPoint } from './suite.ts';

const FRONT = 0x03;
const BACK = 0x00;

export function gammaToHash(gamma: EdwardsPoint): Uint8Array {
  const cleared = gamma.multiplyUnsafe(COFACTOR);
  return sha512(concatBytes(Uint8Array.of(SUITE, FRONT), pointToString(cleared), Uint8Array.of(BACK)));
}

/**
 * The 64-byte VRF output of an 80-byte proof; throws BAD_LENGTH / BAD_VRF_PROOF on a malformed one.
 * @example
 * const beta = vrfProofToHash(vrfProve(secret, alpha));
 */
export function vrfProofToHash(pi: Uint8Array): Uint8Array {
  return gammaToHash(decodeVrfProof(pi).gamma);
}
