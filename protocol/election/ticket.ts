/**
 * A candidate's sortition ticket: SHA-512(len(tag) || tag || seed || beta || utf8(id)), read as a
 * 512-bit big-endian integer T, giving u = (T + 1) / 2^512 in (0, 1]. Hashing the VRF output again
 * with the seed and the id binds the ticket to this election and this candidate, and separates it
 * from any other use of the same VRF output.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToBigInt, concatBytes, utf8 } from '../bytes.ts';
import { ElectionDomain } from './domains.ts';
import { negLnUnit } from './fixedLn.ts';

const TAG = utf8(ElectionDomain.ticket);
const TAG_PREFIX = concatBytes(Uint8Array.of(TAG.length), TAG);

export function sortitionTicket(seed: Uint8Array, id: string, beta: Uint8Array): Uint8Array {
  return sha512(concatBytes(TAG_PREFIX, seed, beta, utf8(id)));
}

/** -ln(u) × 2^160 of a candidate's ticket: the numerator of its Efraimidis–Spirakis key. */
export function ticketNegLn(seed: Uint8Array, id: string, beta: Uint8Array): bigint {
  return negLnUnit(bytesToBigInt(sortitionTicket(seed, id, beta)));
}
