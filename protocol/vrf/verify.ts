/**
 * ECVRF_verify (RFC 9381 section 5.3) with validate_key = TRUE: decode Y and reject it if 8*Y is
 * the identity (section 5.4.5), decode pi, recompute H, U = s*B - c*Y and V = s*H - c*Gamma, and
 * accept iff the challenge recomputed over (Y, H, Gamma, U, V) equals c. Every malformed input
 * yields { valid: false, reason }, never an exception, so a verifier can log why and move on.
 */
import { tryDecodeProof, type ProofDefect } from './decodeProof.ts';
import { encodeToCurve } from './encodeToCurve.ts';
import { generateChallenge } from './generateChallenge.ts';
import { gammaToHash } from './proofToHash.ts';
import { COFACTOR, PUBLIC_KEY_LEN, Point, stringToPoint } from './suite.ts';

export type VrfInvalidReason =
  | 'BAD_INPUT_TYPE'
  | 'PUBLIC_KEY_LENGTH'
  | 'PUBLIC_KEY_NOT_ON_CURVE'
  | 'PUBLIC_KEY_SMALL_ORDER'
  | ProofDefect
  | 'CHALLENGE_MISMATCH';

export type VrfVerifyResult = { valid: true; beta: Uint8Array } | { valid: false; reason: VrfInvalidReason };

const invalid = (reason: VrfInvalidReason): VrfVerifyResult => ({ valid: false, reason });

/**
 * Checks an 80-byte proof against a 32-byte public key and the input alpha.
 * @example
 * const r = vrfVerify(pk, pi, alpha);
 * if (r.valid) useOutput(r.beta);
 */
export function vrfVerify(publicKey: Uint8Array, pi: Uint8Array, alpha: Uint8Array): VrfVerifyResult {
  if (!(publicKey instanceof Uint8Array) || !(pi instanceof Uint8Array) || !(alpha instanceof Uint8Array))
    return invalid('BAD_INPUT_TYPE');
  if (publicKey.length !== PUBLIC_KEY_LEN) return invalid('PUBLIC_KEY_LENGTH');
  const Y = stringToPoint(publicKey);
  if (!Y) return invalid('PUBLIC_KEY_NOT_ON_CURVE');
  if (Y.multiplyUnsafe(COFACTOR).is0()) return invalid('PUBLIC_KEY_SMALL_ORDER');
  const d = tryDecodeProof(pi);
  if (typeof d === 'string') return invalid(d);
  const { point: H } = encodeToCurve(publicKey, alpha);
  // c < 2^128 < q and s < q were checked, so both multipliers are in the library's range; s·B takes
  // the precomputed-base path (s is public, so its constant time is merely faster here).
  const sB = d.s === 0n ? Point.ZERO : Point.BASE.multiply(d.s);
  const U = sB.subtract(Y.multiplyUnsafe(d.c));
  const V = H.multiplyUnsafe(d.s).subtract(d.gamma.multiplyUnsafe(d.c));
  const c = generateChallenge([Y, H, d.gamma, U, V]);
  if (c !== d.c) return invalid('CHALLENGE_MISMATCH');
  return { valid: true, beta: gammaToHash(d.gamma) };
}
