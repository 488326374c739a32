/**
 * ECVRF_challenge_generation (RFC 9381 section 5.4.3): c = the first cLen = 16 bytes of
 * SHA-512(suite || 0x02 || Y || H || Gamma || U || V || 0x00), read little-endian.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../bytes.ts';
import { C_LEN, SUITE, leToInt, pointToString, type EdwardsPoint } from './suite.ts';

const FRONT = 0x02;
const BACK = 0x00;

export function generateChallenge(points: readonly EdwardsPoint[]): bigint {
  const parts = [Uint8Array.of(SUITE, FRONT), ...points.map(pointToString), Uint8Array.of(BACK)];
  return leToInt(sha512(concatBytes(...parts)).subarray(0, C_LEN));
}
