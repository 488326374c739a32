/**
 * ECVRF_decode_proof (RFC 9381 section 5.4.4): pi = Gamma (32) || c (16) || s (32); Gamma must be a
 * canonically encoded curve point and s < q. Two forms: `decodeVrfProof` throws typed errors for
 * the edge, `tryDecodeProof` answers a reason for verification, which must never throw.
 */
import { ErrorCode, fail } from '../errors.ts';
import { C_LEN, PROOF_LEN, PT_LEN, Q, leToInt, stringToPoint, type EdwardsPoint } from './suite.ts';

export interface DecodedProof {
  gamma: EdwardsPoint;
  c: bigint;
  s: bigint;
}

export type ProofDefect = 'PROOF_LENGTH' | 'GAMMA_NOT_ON_CURVE' | 'S_NOT_REDUCED';

export function tryDecodeProof(pi: Uint8Array): DecodedProof | ProofDefect {
  if (!(pi instanceof Uint8Array) || pi.length !== PROOF_LEN) return 'PROOF_LENGTH';
  const gamma = stringToPoint(pi.subarray(0, PT_LEN));
  if (!gamma) return 'GAMMA_NOT_ON_CURVE';
  const c = leToInt(pi.subarray(PT_LEN, PT_LEN + C_LEN));
  const s = leToInt(pi.subarray(PT_LEN + C_LEN));
  if (s >= Q) return 'S_NOT_REDUCED';
  return { gamma, c, s };
}

export function decodeVrfProof(pi: Uint8Array): DecodedProof {
  if (!(pi instanceof Uint8Array)) return fail(ErrorCode.BAD_TYPE, 'expected a Uint8Array', 'pi');
  const d = tryDecodeProof(pi);
  if (d === 'PROOF_LENGTH')
    return fail(ErrorCode.BAD_LENGTH, `expected ${PROOF_LEN} bytes, got ${pi.length}`, 'pi');
  if (d === 'GAMMA_NOT_ON_CURVE')
    return fail(ErrorCode.BAD_VRF_PROOF, 'Gamma is not a valid point encoding', 'pi');
  if (d === 'S_NOT_REDUCED') return fail(ErrorCode.BAD_VRF_PROOF, 's is not below the group order', 'pi');
  return d;
}
