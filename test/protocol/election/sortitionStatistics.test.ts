/**
 * Does selection follow stake? Over fixed seeds (so the outcome never changes between runs):
 * - first place over 10,000 elections of 8 candidates with stakes 1..8 is multinomial with
 *   p_i = w_i / Σw: chi-square (7 dof) below 24.32 (the 0.1% critical value) and every candidate
 *   within 4 standard errors; the same counts against equal odds fail loudly, so the test can fail.
 * - membership of a 3-seat committee from 6 candidates (stakes 1, 2, 3, 5, 8, 13) over 10,000
 *   elections matches the exact inclusion probabilities of weighted sampling without replacement,
 *   computed here by enumerating all 120 ordered draws: every candidate within 4 standard errors.
 */
import { describe, expect, it } from 'vitest';
import { sortition } from '../../../protocol/election/index.ts';
import { fakeBeta, fakeSeed } from './helpers.ts';

const DRAWS = 10_000;

function candidates(stakes: number[], draw: number) {
  return stakes.map((w, i) => ({ id: `node-${i}`, stake: BigInt(w), beta: fakeBeta(`beta/${draw}/${i}`) }));
}

/** P(i among the first k) when each step draws from the rest with probability ∝ weight. */
function inclusion(weights: number[], k: number): number[] {
  const p = weights.map(() => 0);
  const walk = (left: number[], depth: number, prob: number) => {
    if (depth === k) return;
    const total = left.reduce((s, i) => s + weights[i]!, 0);
    for (const i of left) {
      const q = (prob * weights[i]!) / total;
      p[i]! += q;
      walk(
        left.filter((j) => j !== i),
        depth + 1,
        q,
      );
    }
  };
  walk(
    weights.map((_, i) => i),
    0,
    1,
  );
  return p;
}

describe('sortition follows stake', () => {
  it('first place is drawn with probability stake / total stake (chi-square, 10,000 elections)', () => {
    const stakes = [1, 2, 3, 4, 5, 6, 7, 8];
    const total = stakes.reduce((a, b) => a + b, 0);
    const counts = stakes.map(() => 0);
    for (let d = 0; d < DRAWS; d++) {
      const { committees } = sortition({
        seed: fakeSeed(`seed/${d}`),
        candidates: candidates(stakes, d),
        committees: 1,
        committeeSize: 1,
      });
      counts[Number(committees[0]![0]!.slice(5))]!++;
    }
    const chi = (expected: number[]) =>
      counts.reduce((s, c, i) => s + (c - expected[i]!) ** 2 / expected[i]!, 0);
    const expected = stakes.map((w) => (DRAWS * w) / total);
    expect(chi(expected)).toBeLessThan(24.32);
    counts.forEach((c, i) => {
      const p = stakes[i]! / total;
      expect(Math.abs(c - DRAWS * p) / Math.sqrt(DRAWS * p * (1 - p))).toBeLessThan(4);
    });
    // Power: the same data is nowhere near equal odds.
    expect(chi(stakes.map(() => DRAWS / stakes.length))).toBeGreaterThan(1000);
  });

  it('committee membership matches weighted sampling without replacement (10,000 elections)', () => {
    const stakes = [1, 2, 3, 5, 8, 13];
    const k = 3;
    const p = inclusion(stakes, k);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(k, 12);
    const counts = stakes.map(() => 0);
    for (let d = 0; d < DRAWS; d++) {
      const { committees } = sortition({
        seed: fakeSeed(`member-seed/${d}`),
        candidates: candidates(stakes, 100_000 + d),
        committees: 1,
        committeeSize: k,
      });
      for (const id of committees[0]!) counts[Number(id.slice(5))]!++;
    }
    counts.forEach((c, i) => {
      const z = Math.abs(c - DRAWS * p[i]!) / Math.sqrt(DRAWS * p[i]! * (1 - p[i]!));
      expect(z, `node-${i}: ${c} vs ${DRAWS * p[i]!}`).toBeLessThan(4);
    });
    // Power: proportional-to-stake inclusion (k·w/Σw, capped) would be a different, wrong answer.
    const naive = stakes.map((w) => Math.min(1, (k * w) / 32));
    expect(Math.abs(counts[5]! - DRAWS * naive[5]!) / Math.sqrt(DRAWS * 0.25)).toBeGreaterThan(4);
  });
});
