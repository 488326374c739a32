/**
 * Sortition invariants over random elections (fast-check, fixed seeds): right sizes, no member
 * twice within or across committees, only candidates with stake, the rotation bound
 * newcomers ≤ max(R, seats that could not be kept), order independence, and agreement of the
 * committees with the ranking (a deal without previous; the elected set at 100% rotation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, sortition, type SortitionInput } from '../../../protocol/election/index.ts';

const electionArb = fc
  .record({
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    stakes: fc.array(
      fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 5n })),
      {
        minLength: 1,
        maxLength: 30,
      },
    ),
    betaSeed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    committees: fc.integer({ min: 1, max: 4 }),
    committeeSize: fc.integer({ min: 1, max: 6 }),
    previous: fc.option(
      fc.array(fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 8 }), { maxLength: 5 }),
      {
        nil: undefined,
      },
    ),
    maxRotationPpm: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
  })
  .map((r): SortitionInput => {
    const candidates = r.stakes.map((stake, i) => {
      const beta = r.betaSeed.slice();
      beta[0] = i; // distinct per candidate; the ticket hash spreads it
      return { id: `c${i}`, stake, beta };
    });
    return {
      seed: r.seed,
      candidates,
      committees: r.committees,
      committeeSize: r.committeeSize,
      previous: r.previous?.map((g) => g.map((i) => `c${i}`)),
      maxRotationPpm: r.maxRotationPpm,
    };
  })
  .filter((i) => i.candidates.filter((c) => c.stake > 0n).length >= i.committees * i.committeeSize);

describe('sortition invariants (1,000 runs each)', () => {
  it('seats committeeSize distinct candidates with stake in each committee, nobody twice', () => {
    fc.assert(
      fc.property(electionArb, (input) => {
        const { committees } = sortition(input);
        const stake = new Map(input.candidates.map((c) => [c.id, c.stake]));
        expect(committees).toHaveLength(input.committees);
        for (const g of committees) expect(g).toHaveLength(input.committeeSize);
        const all = committees.flat();
        expect(new Set(all).size).toBe(all.length);
        for (const id of all) expect(stake.get(id)! > 0n).toBe(true);
      }),
      { numRuns: 1000, seed: 31 },
    );
  });

  it('respects the rotation cap against previous committees', () => {
    fc.assert(
      fc.property(electionArb, (input) => {
        const { committees } = sortition(input);
        const stake = new Map(input.candidates.map((c) => [c.id, c.stake]));
        const size = input.committeeSize;
        const allowed = Math.floor((size * (input.maxRotationPpm ?? 250_000)) / 1_000_000);
        const claimed = new Set<string>();
        committees.forEach((g, i) => {
          const prev = input.previous?.[i] ?? [];
          // Seats the committee could keep: distinct members with stake not claimed by an earlier committee.
          const keepable = prev.filter(
            (id, k) => (stake.get(id) ?? 0n) > 0n && !claimed.has(id) && prev.indexOf(id) === k,
          );
          keepable.forEach((id) => claimed.add(id));
          const fresh = g.filter((id) => !prev.includes(id)).length;
          expect(fresh).toBeLessThanOrEqual(Math.max(allowed, size - Math.min(size, keepable.length)));
        });
      }),
      { numRuns: 1000, seed: 32 },
    );
  });

  it('does not depend on the order of candidates', () => {
    fc.assert(
      fc.property(electionArb, fc.integer(), (input, shift) => {
        const n = input.candidates.length;
        const k = ((shift % n) + n) % n;
        const rotated = [...input.candidates.slice(k), ...input.candidates.slice(0, k)].reverse();
        expect(sortition({ ...input, candidates: rotated })).toEqual(sortition(input));
      }),
      { numRuns: 1000, seed: 33 },
    );
  });

  it('ranks every candidate with stake by key, and agrees with the ranking', () => {
    fc.assert(
      fc.property(electionArb, (input) => {
        const { committees, ranking } = sortition({ ...input, previous: undefined });
        expect(ranking).toHaveLength(input.candidates.filter((c) => c.stake > 0n).length);
        for (let i = 1; i < ranking.length; i++)
          expect(compareKeys(ranking[i - 1]!, ranking[i]!)).toBeLessThan(0);
        const ids = ranking.map((c) => c.id);
        committees.forEach((g, gi) => g.forEach((id, k) => expect(id).toBe(ids[k * input.committees + gi])));
        const full = sortition({ ...input, maxRotationPpm: 1_000_000 })
          .committees.flat()
          .sort();
        expect(full).toEqual(ids.slice(0, input.committees * input.committeeSize).sort());
      }),
      { numRuns: 1000, seed: 34 },
    );
  });
});
