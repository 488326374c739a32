/**
 * Everything vrfVerify must refuse: a changed bit anywhere in pi, PK or alpha, small-order and
 * off-curve public keys, non-canonical encodings, s ≥ q, wrong lengths and wrong types. Refusals
 * are results, never exceptions; the typed API (decodeVrfProof, vrfProve, vrfProofToHash) throws
 * ProtocolError with stable codes.
 */
import { describe, expect, it } from 'vitest';
import vectors from '../vectors/vrf-rfc9381-tai.json';
import { concatBytes, fromHex } from '../../../protocol/bytes.ts';
import { ErrorCode, ProtocolError } from '../../../protocol/errors.ts';
import {
  decodeVrfProof,
  encodeToCurve,
  vrfProofToHash,
  vrfProve,
  vrfPublicKey,
  vrfVerify,
} from '../../../protocol/vrf/index.ts';
import { generateChallenge } from '../../../protocol/vrf/generateChallenge.ts';
import { Point, Q, intToLe, type EdwardsPoint } from '../../../protocol/vrf/suite.ts';

interface Example {
  pk: Uint8Array;
  pi: Uint8Array;
  alpha: Uint8Array;
}
const [ex16, ex17, ex18] = vectors.vectors.map((v): Example => ({
  pk: fromHex(v.pk),
  pi: fromHex(v.pi),
  alpha: fromHex(v.alpha),
})) as [Example, Example, Example];

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const out = b.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

function reasonOf(pk: Uint8Array, pi: Uint8Array, alpha: Uint8Array): string {
  const r = vrfVerify(pk, pi, alpha);
  return r.valid ? 'VALID' : r.reason;
}

function expectCode(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).code).toBe(code);
    return;
  }
  throw new Error(`expected ProtocolError ${code}`);
}

/** The 8 points of order dividing 8, computed: T = P − (8⁻¹ mod q)·8P is P's torsion part. */
function smallOrderPoints(): EdwardsPoint[] {
  const inv8 = (() => {
    // 8⁻¹ mod q by Fermat: 8^(q−2).
    let r = 1n;
    let b = 8n;
    for (let e = Q - 2n; e > 0n; e >>= 1n, b = (b * b) % Q) if (e & 1n) r = (r * b) % Q;
    return r;
  })();
  for (let y = 2n; ; y++) {
    let p: EdwardsPoint;
    try {
      p = Point.fromBytes(intToLe(y, 32));
    } catch {
      continue;
    }
    const t = p.subtract(p.clearCofactor().multiplyUnsafe(inv8));
    if (t.double().double().is0()) continue; // need a torsion part of order exactly 8
    const all: EdwardsPoint[] = [Point.ZERO];
    for (let i = 1; i < 8; i++) all.push(all[i - 1]!.add(t));
    return all;
  }
}

describe('vrfVerify refuses tampering', () => {
  it('accepts the untouched examples (the control)', () => {
    for (const e of [ex16, ex17, ex18]) expect(reasonOf(e.pk, e.pi, e.alpha)).toBe('VALID');
  });

  it('refuses every single-bit change of pi (all 640 bits of Example 16)', () => {
    const reasons = new Set<string>();
    for (let bit = 0; bit < 640; bit++) {
      const r = reasonOf(ex16.pk, flipBit(ex16.pi, bit), ex16.alpha);
      expect(r, `bit ${bit}`).not.toBe('VALID');
      reasons.add(r);
    }
    // Flips land in Gamma (off-curve or a different point), c, and s (the top bit pushes s ≥ q).
    expect(reasons).toContain('CHALLENGE_MISMATCH');
    expect(reasons).toContain('S_NOT_REDUCED');
    expect(reasons).toContain('GAMMA_NOT_ON_CURVE');
  });

  it('refuses every single-bit change of the public key (Example 17)', () => {
    for (let bit = 0; bit < 256; bit++)
      expect(reasonOf(flipBit(ex17.pk, bit), ex17.pi, ex17.alpha), `bit ${bit}`).not.toBe('VALID');
  });

  it('refuses every single-bit change of alpha, and a longer or shorter alpha (Example 18)', () => {
    for (let bit = 0; bit < 16; bit++)
      expect(reasonOf(ex18.pk, ex18.pi, flipBit(ex18.alpha, bit))).toBe('CHALLENGE_MISMATCH');
    expect(reasonOf(ex18.pk, ex18.pi, concatBytes(ex18.alpha, Uint8Array.of(0)))).toBe('CHALLENGE_MISMATCH');
    expect(reasonOf(ex18.pk, ex18.pi, ex18.alpha.subarray(1))).toBe('CHALLENGE_MISMATCH');
    expect(reasonOf(ex16.pk, ex16.pi, Uint8Array.of(0))).toBe('CHALLENGE_MISMATCH');
  });

  it('refuses a proof checked against another key', () => {
    expect(reasonOf(ex17.pk, ex16.pi, ex16.alpha)).toBe('CHALLENGE_MISMATCH');
  });
});

describe('public key validation (validate_key)', () => {
  const points = smallOrderPoints();

  it('computes the 8 distinct small-order points, including the known encodings', () => {
    const enc = new Set(points.map((p) => Buffer.from(p.toBytes()).toString('hex')));
    expect(enc.size).toBe(8);
    for (const p of points) expect(p.multiplyUnsafe(8n).is0()).toBe(true);
    expect(enc).toContain('0100000000000000000000000000000000000000000000000000000000000000'); // identity
    expect(enc).toContain('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'); // (0, −1)
  });

  it('refuses every small-order public key', () => {
    for (const p of points) expect(reasonOf(p.toBytes(), ex16.pi, ex16.alpha)).toBe('PUBLIC_KEY_SMALL_ORDER');
  });

  it('refuses a forged proof under the identity key that only validate_key stops', () => {
    // With Y = identity, pick s freely, Gamma = identity: U = s·B and V = s·H need no secret.
    const Y = Point.ZERO;
    const pk = Y.toBytes();
    const alpha = Uint8Array.of(1, 2, 3);
    const H = encodeToCurve(pk, alpha).point;
    const s = 123456789n;
    const U = Point.BASE.multiply(s);
    const V = H.multiply(s);
    const c = generateChallenge([Y, H, Point.ZERO, U, V]);
    // The recomputation a verifier without validate_key would do matches the forged c:
    const U2 = Point.BASE.multiplyUnsafe(s).subtract(Y.multiplyUnsafe(c));
    const V2 = H.multiplyUnsafe(s).subtract(Point.ZERO.multiplyUnsafe(c));
    expect(generateChallenge([Y, H, Point.ZERO, U2, V2])).toBe(c);
    const forged = concatBytes(Point.ZERO.toBytes(), intToLe(c, 16), intToLe(s, 32));
    expect(reasonOf(pk, forged, alpha)).toBe('PUBLIC_KEY_SMALL_ORDER');
  });

  it('refuses public keys that are not canonical curve points', () => {
    // y = p (non-canonical 0), y = p + 1 (non-canonical identity), x = 0 with the sign bit set.
    const yP = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const yP1 = fromHex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const negZero = fromHex('0100000000000000000000000000000000000000000000000000000000000080');
    for (const pk of [yP, yP1, negZero])
      expect(reasonOf(pk, ex16.pi, ex16.alpha)).toBe('PUBLIC_KEY_NOT_ON_CURVE');
    // y = 2 has no x on edwards25519.
    expect(reasonOf(intToLe(2n, 32), ex16.pi, ex16.alpha)).toBe('PUBLIC_KEY_NOT_ON_CURVE');
  });
});

describe('malformed proofs and inputs', () => {
  it('refuses s = q and s = q + small, keeping Gamma and c', () => {
    for (const s of [Q, Q + 1n, (1n << 256n) - 1n]) {
      const pi = concatBytes(ex16.pi.subarray(0, 48), intToLe(s, 32));
      expect(reasonOf(ex16.pk, pi, ex16.alpha)).toBe('S_NOT_REDUCED');
      expectCode(() => decodeVrfProof(pi), ErrorCode.BAD_VRF_PROOF);
      expectCode(() => vrfProofToHash(pi), ErrorCode.BAD_VRF_PROOF);
    }
  });

  it('refuses an off-curve Gamma', () => {
    const pi = concatBytes(intToLe(2n, 32), ex16.pi.subarray(32));
    expect(reasonOf(ex16.pk, pi, ex16.alpha)).toBe('GAMMA_NOT_ON_CURVE');
    expectCode(() => decodeVrfProof(pi), ErrorCode.BAD_VRF_PROOF);
  });

  it('answers wrong lengths with a reason, and the typed API with BAD_LENGTH', () => {
    for (const n of [0, 79, 81, 160]) {
      const pi = new Uint8Array(n);
      expect(reasonOf(ex16.pk, pi, ex16.alpha)).toBe('PROOF_LENGTH');
      expectCode(() => decodeVrfProof(pi), ErrorCode.BAD_LENGTH);
      expectCode(() => vrfProofToHash(pi), ErrorCode.BAD_LENGTH);
    }
    for (const n of [0, 31, 33, 64])
      expect(reasonOf(new Uint8Array(n), ex16.pi, ex16.alpha)).toBe('PUBLIC_KEY_LENGTH');
    for (const n of [0, 31, 33, 64]) {
      expectCode(() => vrfProve(new Uint8Array(n), ex16.alpha), ErrorCode.BAD_LENGTH);
      expectCode(() => vrfPublicKey(new Uint8Array(n)), ErrorCode.BAD_LENGTH);
    }
  });

  it('answers wrong types without throwing', () => {
    const junk: unknown[] = [undefined, null, 'ab', 42, [1, 2], {}];
    for (const j of junk) {
      expect(reasonOf(j as Uint8Array, ex16.pi, ex16.alpha)).toBe('BAD_INPUT_TYPE');
      expect(reasonOf(ex16.pk, j as Uint8Array, ex16.alpha)).toBe('BAD_INPUT_TYPE');
      expect(reasonOf(ex16.pk, ex16.pi, j as Uint8Array)).toBe('BAD_INPUT_TYPE');
      expectCode(() => decodeVrfProof(j as Uint8Array), ErrorCode.BAD_TYPE);
      expectCode(() => vrfProve(j as Uint8Array, ex16.alpha), ErrorCode.BAD_TYPE);
    }
    expectCode(() => vrfProve(new Uint8Array(32), 'x' as unknown as Uint8Array), ErrorCode.BAD_TYPE);
  });
});
