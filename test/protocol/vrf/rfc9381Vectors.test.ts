/**
 * RFC 9381 Appendix B.3 (ECVRF-EDWARDS25519-SHA512-TAI, Examples 16–18), table-driven from
 * test/protocol/vectors/vrf-rfc9381-tai.json: every intermediate value the RFC prints is checked.
 */
import { describe, expect, it } from 'vitest';
import vectors from '../vectors/vrf-rfc9381-tai.json';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import {
  decodeVrfProof,
  encodeToCurve,
  expandSecretKey,
  vrfProofToHash,
  vrfProve,
  vrfProveTrace,
  vrfPublicKey,
  vrfVerify,
} from '../../../protocol/vrf/index.ts';

describe('RFC 9381 B.3 ECVRF-EDWARDS25519-SHA512-TAI', () => {
  it('has the three examples of the RFC', () => {
    expect(vectors.vectors.map((v) => v.name)).toEqual(['Example 16', 'Example 17', 'Example 18']);
  });

  describe.each(vectors.vectors)('$name', (tv) => {
    const sk = fromHex(tv.sk);
    const alpha = fromHex(tv.alpha);

    it('derives PK and the secret scalar x from SK', () => {
      expect(toHex(vrfPublicKey(sk))).toBe(tv.pk);
      const e = expandSecretKey(sk);
      expect(toHex(e.publicKey)).toBe(tv.pk);
      expect(e.x.toString(16).padStart(64, '0')).toBe(
        toHex(fromHex(tv.x).reverse()), // x is printed little-endian
      );
    });

    it('encodes alpha to H with try_and_increment at the printed counter', () => {
      const { point, ctr } = encodeToCurve(fromHex(tv.pk), alpha);
      expect(ctr).toBe(tv.ctr);
      expect(toHex(point.toBytes())).toBe(tv.h);
    });

    it('reproduces x, H, k, U, V, pi and beta while proving', () => {
      const t = vrfProveTrace(sk, alpha);
      expect({
        x: toHex(t.x),
        pk: toHex(t.publicKey),
        ctr: t.ctr,
        h: toHex(t.h),
        k: toHex(t.kString),
        u: toHex(t.u),
        v: toHex(t.v),
        pi: toHex(t.pi),
        beta: toHex(t.beta),
      }).toEqual({
        x: tv.x,
        pk: tv.pk,
        ctr: tv.ctr,
        h: tv.h,
        k: tv.k,
        u: tv.u,
        v: tv.v,
        pi: tv.pi,
        beta: tv.beta,
      });
      expect(toHex(vrfProve(sk, alpha))).toBe(tv.pi);
    });

    it('turns pi into beta', () => {
      expect(toHex(vrfProofToHash(fromHex(tv.pi)))).toBe(tv.beta);
    });

    it('verifies pi under PK and alpha, answering beta', () => {
      const r = vrfVerify(fromHex(tv.pk), fromHex(tv.pi), alpha);
      expect(r.valid).toBe(true);
      if (r.valid) expect(toHex(r.beta)).toBe(tv.beta);
    });

    it('decodes pi into Gamma, c and s', () => {
      const pi = fromHex(tv.pi);
      const d = decodeVrfProof(pi);
      expect(toHex(d.gamma.toBytes())).toBe(tv.pi.slice(0, 64));
      expect(d.c).toBe(BigInt('0x' + toHex(pi.slice(32, 48).reverse())));
      expect(d.s).toBe(BigInt('0x' + toHex(pi.slice(48, 80).reverse())));
    });
  });
});
