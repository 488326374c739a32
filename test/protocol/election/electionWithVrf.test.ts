/**
 * End to end over real RFC 9381 proofs: 12 nodes prove over each epoch's election alpha, a
 * verifier checks every proof and admits only the valid ones, sortition seats committees from
 * the verified outputs with a rotation cap, and the next seed follows from those outputs.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../../protocol/bytes.ts';
import { electionAlpha, genesisSeed, nextEpochSeed, sortition } from '../../../protocol/election/index.ts';
import { validatorStake } from '../../../protocol/stake/index.ts';
import { vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from '../../../protocol/vrf/index.ts';

const nodes = Array.from({ length: 12 }, (_, i) => {
  const secret = new Uint8Array(createHash('sha256').update(`node-secret-${i}`).digest());
  return {
    id: `node-${i}`,
    secret,
    publicKey: vrfPublicKey(secret),
    stake: validatorStake({
      depositUtop: BigInt(1 + i) * 1_000_000n * 1_000_000n,
      votesUtop: 0n,
      creditPpm: 330_000,
    }),
  };
});

describe('an election over verified VRF proofs', () => {
  it('runs four epochs, admitting only valid proofs and rotating at most the cap', () => {
    let seed = genesisSeed('devnet');
    let previous: string[][] | undefined;
    for (let epoch = 0; epoch < 4; epoch++) {
      const alpha = electionAlpha(seed, epoch);
      const proofs = nodes.map((n) => ({ n, pi: vrfProve(n.secret, alpha) }));
      // node-5 submits last epoch's proof (or any wrong one): it must be refused and left out.
      const stale = vrfProve(nodes[5]!.secret, electionAlpha(seed, epoch + 1000));
      proofs[5] = { n: nodes[5]!, pi: stale };
      const admitted = proofs.flatMap(({ n, pi }) => {
        const r = vrfVerify(n.publicKey, pi, alpha);
        return r.valid ? [{ id: n.id, stake: n.stake, beta: r.beta }] : [];
      });
      expect(admitted.map((c) => c.id)).not.toContain('node-5');
      expect(admitted).toHaveLength(11);
      for (const c of admitted)
        expect(bytesEqual(c.beta, vrfProofToHash(proofs.find((p) => p.n.id === c.id)!.pi))).toBe(true);

      const { committees } = sortition({
        seed,
        candidates: admitted,
        committees: 2,
        committeeSize: 4,
        previous,
        maxRotationPpm: 250_000,
      });
      expect(committees.flat()).not.toContain('node-5');
      expect(new Set(committees.flat()).size).toBe(8);
      if (previous) {
        committees.forEach((g, i) => {
          const prev = previous![i]!;
          const keepable = prev.filter((id) => id !== 'node-5').length;
          expect(g.filter((id) => !prev.includes(id)).length).toBeLessThanOrEqual(Math.max(1, 4 - keepable));
        });
      }
      previous = committees;
      const next = nextEpochSeed(
        seed,
        admitted.map((c) => c.beta),
      );
      expect(bytesEqual(next, seed)).toBe(false);
      seed = next;
    }
  });
});
