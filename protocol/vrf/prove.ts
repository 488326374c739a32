/**
 * ECVRF_prove (RFC 9381 section 5.1): H = encode_to_curve(PK, alpha), Gamma = x*H, nonce k from the
 * secret's high half and H, c = challenge(Y, H, Gamma, k*B, k*H), s = k + c*x mod q,
 * pi = Gamma || c (16 bytes LE) || s (32 bytes LE). Deterministic: no randomness is consumed.
 */
import { concatBytes } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { encodeToCurve } from './encodeToCurve.ts';
import { expandSecretKey } from './expandSecretKey.ts';
import { generateChallenge } from './generateChallenge.ts';
import { generateNonce } from './generateNonce.ts';
import { gammaToHash } from './proofToHash.ts';
import { C_LEN, Point, Q, Q_LEN, intToLe, pointToString, type EdwardsPoint } from './suite.ts';

/** Every intermediate value RFC 9381 Appendix B prints, for vectors and for teaching. */
export interface VrfProveTrace {
  x: Uint8Array;
  publicKey: Uint8Array;
  ctr: number;
  h: Uint8Array;
  kString: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
  pi: Uint8Array;
  beta: Uint8Array;
}

interface ProveSteps {
  x: bigint;
  publicKey: Uint8Array;
  ctr: number;
  hString: Uint8Array;
  gamma: EdwardsPoint;
  kString: Uint8Array;
  U: EdwardsPoint;
  V: EdwardsPoint;
  pi: Uint8Array;
}

function proveSteps(secret: Uint8Array, alpha: Uint8Array): ProveSteps {
  if (!(alpha instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected a Uint8Array', 'alpha');
  const { x, scalar, prefix, publicKey } = expandSecretKey(secret);
  const Y = Point.fromBytes(publicKey);
  const { point: H, ctr } = encodeToCurve(publicKey, alpha);
  const hString = pointToString(H);
  const gamma = H.multiply(scalar);
  const { kString, k } = generateNonce(prefix, hString);
  // k = 0 has probability 2^-252; the library refuses a zero secret multiplier, and so do we.
  if (k === 0n) fail(ErrorCode.BAD_VRF_PROOF, 'nonce is zero', 'alpha');
  const U = Point.BASE.multiply(k);
  const V = H.multiply(k);
  const c = generateChallenge([Y, H, gamma, U, V]);
  const s = (k + c * scalar) % Q;
  const pi = concatBytes(pointToString(gamma), intToLe(c, C_LEN), intToLe(s, Q_LEN));
  return { x, publicKey, ctr, hString, gamma, kString, U, V, pi };
}

export function vrfProveTrace(secret: Uint8Array, alpha: Uint8Array): VrfProveTrace {
  const p = proveSteps(secret, alpha);
  return {
    x: intToLe(p.x, 32),
    publicKey: p.publicKey,
    ctr: p.ctr,
    h: p.hString,
    kString: p.kString,
    u: pointToString(p.U),
    v: pointToString(p.V),
    pi: p.pi,
    beta: gammaToHash(p.gamma),
  };
}

/**
 * An 80-byte RFC 9381 proof that `beta = vrfProofToHash(pi)` is the VRF output of `alpha`.
 * @example
 * const pi = vrfProve(secret, electionAlpha(seed, epoch));
 */
export function vrfProve(secret: Uint8Array, alpha: Uint8Array): Uint8Array {
  return proveSteps(secret, alpha).pi;
}
