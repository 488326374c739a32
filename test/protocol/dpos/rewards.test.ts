/**
 * Epoch rewards: the 60/20/10/4/4/2 split by workload, voters' dividends by each node's ratio, the
 * 80% signing rule, and exact totals — every line floors and governance takes the rest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributeRewards, splitByWeight } from '../../../protocol/dpos/rewards.ts';
import { DEFAULT_DPOS_PARAMS } from '../../../protocol/dpos/params.ts';
import { codeOf } from '../election/helpers.ts';

const split = DEFAULT_DPOS_PARAMS.split;
const sum = (ls: { amount: bigint }[]) => ls.reduce((s, l) => s + l.amount, 0n);

describe('rewards', () => {
  it('splits 1,000,000 uTOP exactly as 60/20/10/4/4/2 with dividends by ratio', () => {
    const lines = distributeRewards({
      issuance: 1_000_000n,
      split,
      governance: 'gov',
      validators: [
        { address: 'v1', signed: 30, rewarded: true },
        { address: 'v2', signed: 10, rewarded: true },
        { address: 'v3', signed: 50, rewarded: false },
      ],
      voterNodes: [
        {
          address: 'v1',
          dividendRatePpm: 250_000,
          votes: [
            ['x', 3n],
            ['y', 1n],
          ],
        },
      ],
      auditors: [{ address: 'a1', stake: 1n }],
      archive: ['r1', 'r2'],
      edge: ['e1'],
    });
    const by = (to: string, kind: string) =>
      lines.filter((l) => l.to === to && l.kind === kind).reduce((s, l) => s + l.amount, 0n);
    expect(by('v1', 'validator')).toBe(450_000n);
    expect(by('v2', 'validator')).toBe(150_000n);
    expect(by('v3', 'validator')).toBe(0n);
    // voters' pool 200,000 all to v1; 25% = 50,000 to its voters 3:1
    expect(by('x', 'dividend')).toBe(37_500n);
    expect(by('y', 'dividend')).toBe(12_500n);
    expect(by('v1', 'voters')).toBe(150_000n);
    expect(by('a1', 'auditor')).toBe(100_000n);
    expect(by('r1', 'archive')).toBe(20_000n);
    expect(by('e1', 'edge')).toBe(20_000n);
    expect(by('gov', 'governance')).toBe(40_000n);
    expect(sum(lines)).toBe(1_000_000n);
  });

  it('gives governance the shares nobody earned', () => {
    const lines = distributeRewards({
      issuance: 999n,
      split,
      governance: 'gov',
      validators: [],
      voterNodes: [],
      auditors: [],
      archive: [],
      edge: [],
    });
    expect(lines).toEqual([{ to: 'gov', amount: 999n, kind: 'governance' }]);
  });

  it('refuses a split that does not sum to 10^6', () => {
    expect(
      codeOf(() =>
        distributeRewards({
          issuance: 1n,
          split: { ...split, edge: 1 },
          governance: 'g',
          validators: [],
          voterNodes: [],
          auditors: [],
          archive: [],
          edge: [],
        }),
      ),
    ).toBe('OUT_OF_RANGE');
  });

  it('always pays out exactly the issuance, never a negative line (property)', () => {
    const amount = fc.bigInt({ min: 1n, max: 10n ** 15n });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.array(fc.record({ signed: fc.nat(1000), rewarded: fc.boolean() }), { maxLength: 8 }),
        fc.array(
          fc.record({
            ratio: fc.integer({ min: 0, max: 1_000_000 }),
            votes: fc.array(amount, { maxLength: 5 }),
          }),
          { maxLength: 5 },
        ),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { maxLength: 4 }),
        fc.nat(3),
        fc.nat(3),
        (issuance, vs, ns, aus, archives, edges) => {
          const lines = distributeRewards({
            issuance,
            split,
            governance: 'gov',
            validators: vs.map((v, i) => ({ address: `v${i}`, ...v })),
            voterNodes: ns.map((n, i) => ({
              address: `n${i}`,
              dividendRatePpm: n.ratio,
              votes: n.votes.map((a, j) => [`w${i}/${j}`, a] as [string, bigint]),
            })),
            auditors: aus.map((stake, i) => ({ address: `a${i}`, stake })),
            archive: Array.from({ length: archives }, (_, i) => `r${i}`),
            edge: Array.from({ length: edges }, (_, i) => `e${i}`),
          });
          expect(sum(lines)).toBe(issuance);
          expect(lines.every((l) => l.amount > 0n)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splitByWeight floors each part and returns the rest', () => {
    expect(splitByWeight(10n, [1n, 1n, 1n])).toEqual({ parts: [3n, 3n, 3n], rest: 1n });
    expect(splitByWeight(10n, [0n, 0n])).toEqual({ parts: [0n, 0n], rest: 10n });
  });
});
