/**
 * Over many seeded epochs, how often a node is chosen follows its comprehensive stake. Ten
 * validators with varied deposits, votes, credit and compute weight get their stakes from the
 * protocol's formula; 8,000 elections of one seat run along the seed chain (each election's next
 * seed seeds the next), and first place must be distributed as stake / Σ stake: the chi-square
 * statistic (9 degrees of freedom) must stay below 27.88, the 0.1% critical value, and every
 * node's frequency within 4 standard errors. The seeds are fixed, so the outcome is deterministic.
 * VRF outputs are stood in for by SHA-512(seed || id): 8,000 × 10 real proofs would take minutes,
 * and that proofs verify and bind outputs is tested apart (epochs.test.ts, test/protocol/vrf).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import { validatorStake } from '../../../protocol/stake/index.ts';
import { decideCommittees, type CandidateEntry } from '../../../protocol/dpos/electEpoch.ts';
import { TOP } from './fixtures.ts';

const nodes = [
  { deposit: 10_000n, votes: 0n, credit: 330_000, weight: 50 },
  { deposit: 40_000n, votes: 0n, credit: 330_000, weight: 50 },
  { deposit: 90_000n, votes: 20_000n, credit: 500_000, weight: 50 },
  { deposit: 10_000n, votes: 0n, credit: 1_000_000, weight: 100 },
  { deposit: 250_000n, votes: 0n, credit: 330_000, weight: 1 },
  { deposit: 160_000n, votes: 80_000n, credit: 700_000, weight: 70 },
  { deposit: 20_000n, votes: 0n, credit: 100_000, weight: 50 },
  { deposit: 1_000_000n, votes: 0n, credit: 900_000, weight: 90 },
  { deposit: 30_000n, votes: 30_000n, credit: 330_000, weight: 30 },
  { deposit: 60_000n, votes: 0n, credit: 600_000, weight: 60 },
].map((n, i) => ({
  address: `node${i}`,
  stake: validatorStake({
    depositUtop: n.deposit * TOP,
    votesUtop: n.votes * TOP,
    creditPpm: n.credit,
    computeWeight: n.weight,
  }),
}));

const beta = (seed: Uint8Array, id: string) =>
  '0x' + createHash('sha512').update(seed).update(id).digest('hex');

describe('selection follows comprehensive stake', () => {
  it('first place over 8,000 chained epochs is distributed as stake / total (chi-square, 0.1%)', () => {
    const runs = 8_000;
    const counts = new Map(nodes.map((n) => [n.address, 0]));
    let seed = createHash('sha256').update('topnet dpos statistics').digest();
    for (let e = 0; e < runs; e++) {
      const candidates: CandidateEntry[] = nodes.map((n) => ({
        address: n.address,
        deposit: '0',
        votes: '0',
        creditPpm: 0,
        computeWeight: 50,
        stake: n.stake.toString(),
        vrfKey: '',
        proof: '',
        beta: beta(seed, n.address),
      }));
      const r = decideCommittees({
        seed,
        candidates,
        layout: { zones: 1, tablesPerZone: 1, committeesPerZone: 1, committeeSize: 1 },
        maxRotationPpm: 1_000_000,
        previous: [],
      });
      counts.set(r.committees[0]![0]!, counts.get(r.committees[0]![0]!)! + 1);
      seed = Buffer.from(fromHex(r.nextSeed, 'seed', 32));
    }
    const total = nodes.reduce((s, n) => s + Number(n.stake), 0);
    let chi2 = 0;
    for (const n of nodes) {
      const p = Number(n.stake) / total;
      const expected = runs * p;
      const got = counts.get(n.address)!;
      chi2 += (got - expected) ** 2 / expected;
      expect(Math.abs(got - expected)).toBeLessThan(4 * Math.sqrt(runs * p * (1 - p)));
    }
    expect(chi2).toBeLessThan(27.88);
    // the stakes really differ (the test would be vacuous otherwise)
    expect(new Set(nodes.map((n) => n.stake)).size).toBe(nodes.length);
    expect(toHex(seed)).toHaveLength(64);
  });
});
