/**
 * ECVRF_encode_to_curve_try_and_increment (RFC 9381 section 5.4.1.1) with encode_to_curve_salt =
 * PK_string: hash suite || 0x01 || PK || alpha || ctr || 0x00 with SHA-512, read the first 32 bytes
 * as a point, retry with the next one-octet counter until that decodes, then clear the cofactor.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { COFACTOR, PT_LEN, SUITE, stringToPoint, type EdwardsPoint } from './suite.ts';

const FRONT = 0x01;
const BACK = 0x00;

export interface EncodedPoint {
  point: EdwardsPoint;
  /** The counter value that produced the point (the RFC's vectors print it). */
  ctr: number;
}

export function encodeToCurve(salt: Uint8Array, alpha: Uint8Array): EncodedPoint {
  const prefix = concatBytes(Uint8Array.of(SUITE, FRONT), salt, alpha);
  for (let ctr = 0; ctr < 256; ctr++) {
    const hash = sha512(concatBytes(prefix, Uint8Array.of(ctr, BACK)));
    const p = stringToPoint(hash.subarray(0, PT_LEN));
    // Multiplying by the cofactor as the RFC writes it; the identity (probability ~2^-250) stays
    // a valid H, exactly as in the RFC.
    if (p) return { point: p.multiplyUnsafe(COFACTOR), ctr };
  }
  // Each try succeeds with probability ~1/2: 256 failures in a row never happen for SHA-512.
  return fail(ErrorCode.BAD_VRF_PROOF, 'encode_to_curve found no point in 256 tries', 'alpha');
}
