/**
 * Properties over random keys and inputs (fast-check, fixed seeds so runs repeat): 300 fresh
 * prove → verify round trips, 1,000 single-bit tamperings of pi, PK or alpha over a pool of 40
 * honest proofs (every one refused), and 50 distinctness checks: 1,350 runs. Proving costs ~5 ms
 * and verifying ~3.5 ms in plain JS, which is what bounds the round-trip count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../../protocol/bytes.ts';
import { vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from '../../../protocol/vrf/index.ts';

const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const alphaArb = fc.uint8Array({ minLength: 0, maxLength: 48 });

describe('VRF properties', () => {
  it('prove → verify round trips and beta = proof_to_hash(pi) (300 runs)', () => {
    fc.assert(
      fc.property(secretArb, alphaArb, (sk, alpha) => {
        const pk = vrfPublicKey(sk);
        const pi = vrfProve(sk, alpha);
        const r = vrfVerify(pk, pi, alpha);
        return r.valid && bytesEqual(r.beta, vrfProofToHash(pi));
      }),
      { numRuns: 300, seed: 9381 },
    );
  });

  it('any single-bit change of pi, PK or alpha is refused (1,000 runs)', () => {
    const pool = fc
      .sample(fc.tuple(secretArb, fc.uint8Array({ minLength: 1, maxLength: 32 })), { numRuns: 40, seed: 42 })
      .map(([sk, alpha]) => ({ pk: vrfPublicKey(sk), pi: vrfProve(sk, alpha), alpha }));
    for (const p of pool) expect(vrfVerify(p.pk, p.pi, p.alpha).valid).toBe(true);
    const flip = (b: Uint8Array, bit: number) => {
      const out = b.slice();
      out[(bit >> 3) % out.length]! ^= 1 << (bit & 7);
      return out;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pool.length - 1 }),
        fc.constantFrom('pi', 'pk', 'alpha'),
        fc.nat({ max: 639 }),
        (i, where, bit) => {
          const p = pool[i]!;
          const pk = where === 'pk' ? flip(p.pk, bit) : p.pk;
          const pi = where === 'pi' ? flip(p.pi, bit) : p.pi;
          const alpha = where === 'alpha' ? flip(p.alpha, bit) : p.alpha;
          return !vrfVerify(pk, pi, alpha).valid;
        },
      ),
      { numRuns: 1000, seed: 8032 },
    );
  });

  it('proving is deterministic', () => {
    fc.assert(
      fc.property(secretArb, alphaArb, (sk, alpha) => bytesEqual(vrfProve(sk, alpha), vrfProve(sk, alpha))),
      { numRuns: 20, seed: 3 },
    );
  });

  it('different alphas give different outputs under one key, different keys under one alpha', () => {
    fc.assert(
      fc.property(secretArb, secretArb, alphaArb, (a, b, alpha) => {
        fc.pre(!bytesEqual(a, b));
        const other = Uint8Array.of(...alpha, 0);
        const ba = vrfProofToHash(vrfProve(a, alpha));
        return (
          !bytesEqual(ba, vrfProofToHash(vrfProve(b, alpha))) &&
          !bytesEqual(ba, vrfProofToHash(vrfProve(a, other)))
        );
      }),
      { numRuns: 50, seed: 1 },
    );
  });
});
