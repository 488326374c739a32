/**
 * Comprehensive stake: worked examples computed by hand, the 5000 cap, exactness against a
 * rational reference (fast-check), and input rejection with stable codes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ProtocolError } from '../../../protocol/errors.ts';
import {
  CREDIT_INITIAL_PPM,
  VALIDATOR_STAKE_CAP,
  auditorStake,
  isqrt,
  validatorStake,
  type StakeInputs,
} from '../../../protocol/stake/index.ts';

const TOP = 1_000_000n;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ProtocolError) return e.code;
    throw e;
  }
  return undefined;
}

describe('isqrt', () => {
  it('matches small squares and their neighbours', () => {
    for (let r = 0n; r < 2000n; r++) {
      expect(isqrt(r * r)).toBe(r);
      if (r > 0n) expect(isqrt(r * r - 1n)).toBe(r - 1n);
      expect(isqrt(r * r + 2n * r)).toBe(r); // (r+1)² − 1
    }
  });

  it('is floor(sqrt(n)) for huge n (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 600n) - 1n }), (n) => {
        const r = isqrt(n);
        return r * r <= n && n < (r + 1n) * (r + 1n);
      }),
      { numRuns: 1000, seed: 2 },
    );
  });

  it('refuses negative input', () => {
    expect(codeOf(() => isqrt(-1n))).toBe(ErrorCode.NEGATIVE);
  });
});

describe('auditorStake = floor((D + V/2) × credit × (50 + w)/100)', () => {
  it('computes worked examples', () => {
    // 10,000 TOP deposit, no votes, new node (0.33), neutral weight: 10000 × 0.33 = 3300.
    expect(auditorStake({ depositUtop: 10_000n * TOP, votesUtop: 0n, creditPpm: CREDIT_INITIAL_PPM })).toBe(
      3300n,
    );
    // (1000 + 3001/2) × 0.5 × 1.5 = 2500.5 × 0.75 = 1875.375 → 1875.
    expect(
      auditorStake({
        depositUtop: 1000n * TOP,
        votesUtop: 3001n * TOP,
        creditPpm: 500_000,
        computeWeight: 100,
      }),
    ).toBe(1875n);
    // w = 1 scales by 0.51: 1000 × 1.0 × 0.51 = 510.
    expect(
      auditorStake({ depositUtop: 1000n * TOP, votesUtop: 0n, creditPpm: 1_000_000, computeWeight: 1 }),
    ).toBe(510n);
  });

  it('uses whole TOP only: fractions of a TOP in deposit or votes count for nothing', () => {
    const base: StakeInputs = { depositUtop: 999_999n, votesUtop: 1_999_999n, creditPpm: 1_000_000 };
    // D = 0, V = 1 → 0.5 → 0.
    expect(auditorStake(base)).toBe(0n);
    expect(auditorStake({ ...base, votesUtop: 2n * TOP })).toBe(1n);
  });

  it('keeps the half vote exact until the one final floor', () => {
    // D = 0, V = 3: (0 + 3/2) × 1.0 × 1.5 = 2.25 → 2; flooring V/2 first would give 1 × 1.5 → 1.
    expect(
      auditorStake({ depositUtop: 0n, votesUtop: 3n * TOP, creditPpm: 1_000_000, computeWeight: 100 }),
    ).toBe(2n);
  });
});

describe('validatorStake = min(5000, floor(sqrt((D + V/2) × credit) × (50 + w)/100))', () => {
  it('computes worked examples', () => {
    // sqrt(1,000,000 × 1.0) = 1000.
    expect(validatorStake({ depositUtop: 1_000_000n * TOP, votesUtop: 0n, creditPpm: 1_000_000 })).toBe(
      1000n,
    );
    // sqrt(10000 × 0.33) = sqrt(3300) = 57.44 → 57.
    expect(validatorStake({ depositUtop: 10_000n * TOP, votesUtop: 0n, creditPpm: 330_000 })).toBe(57n);
    // sqrt(3300) × 1.5 = 86.17 → 86 (not 1.5 × 57 = 85: one floor at the end).
    expect(
      validatorStake({ depositUtop: 10_000n * TOP, votesUtop: 0n, creditPpm: 330_000, computeWeight: 100 }),
    ).toBe(86n);
  });

  it('caps at 5000', () => {
    // sqrt(25,000,000) = 5000 exactly, then anything above stays 5000.
    expect(validatorStake({ depositUtop: 25_000_000n * TOP, votesUtop: 0n, creditPpm: 1_000_000 })).toBe(
      5000n,
    );
    expect(validatorStake({ depositUtop: 24_990_001n * TOP, votesUtop: 0n, creditPpm: 1_000_000 })).toBe(
      4999n,
    );
    expect(
      validatorStake({
        depositUtop: 10n ** 30n,
        votesUtop: 10n ** 30n,
        creditPpm: 1_000_000,
        computeWeight: 100,
      }),
    ).toBe(VALIDATOR_STAKE_CAP);
  });
});

describe('exactness against a rational reference (fast-check, 1,000 runs each)', () => {
  const inputs = fc.record({
    depositUtop: fc.bigInt({ min: 0n, max: 10n ** 18n }),
    votesUtop: fc.bigInt({ min: 0n, max: 10n ** 18n }),
    creditPpm: fc.integer({ min: 0, max: 1_000_000 }),
    computeWeight: fc.integer({ min: 1, max: 100 }),
  });
  // Stake × 2·10^6·100 as a numerator over that denominator, from whole TOP.
  const num = (i: StakeInputs) =>
    (2n * (i.depositUtop / TOP) + i.votesUtop / TOP) *
    BigInt(i.creditPpm) *
    BigInt(50 + (i.computeWeight ?? 50));
  const den = 2n * 1_000_000n * 100n;

  it('auditor stake is the floor of the exact product', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const a = auditorStake(i);
        return a * den <= num(i) && num(i) < (a + 1n) * den;
      }),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('validator stake is the floor of sqrt(E)·cw, capped', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const v = validatorStake(i);
        const cw = BigInt(50 + i.computeWeight);
        // x = sqrt(E)·cw/100 and E = (2D+V)·credit/(2·10^6): x² = (2D+V)·credit·cw² / (2·10^6·10^4).
        const n = (2n * (i.depositUtop / TOP) + i.votesUtop / TOP) * BigInt(i.creditPpm) * cw * cw;
        const d = 2n * 1_000_000n * 10_000n;
        if (v === 5000n) return 5000n * 5000n * d <= n;
        return v * v * d <= n && n < (v + 1n) * (v + 1n) * d;
      }),
      { numRuns: 1000, seed: 6 },
    );
  });

  it('more deposit, votes, credit or compute weight never lowers either stake', () => {
    fc.assert(
      fc.property(
        inputs,
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 3 }),
        (i, extra, which) => {
          const j = { ...i };
          if (which === 0) j.depositUtop += extra;
          if (which === 1) j.votesUtop += extra;
          if (which === 2) j.creditPpm = Math.min(1_000_000, j.creditPpm + Number(extra % 1000n));
          if (which === 3) j.computeWeight = Math.min(100, j.computeWeight + Number(extra % 10n));
          return auditorStake(j) >= auditorStake(i) && validatorStake(j) >= validatorStake(i);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('input checks', () => {
  const ok: StakeInputs = { depositUtop: TOP, votesUtop: 0n, creditPpm: 330_000, computeWeight: 50 };
  it.each([
    ['deposit as number', { ...ok, depositUtop: 5 as unknown as bigint }, ErrorCode.BAD_TYPE],
    ['negative deposit', { ...ok, depositUtop: -1n }, ErrorCode.NEGATIVE],
    ['negative votes', { ...ok, votesUtop: -1n }, ErrorCode.NEGATIVE],
    ['fractional credit', { ...ok, creditPpm: 0.33 }, ErrorCode.NOT_INTEGER],
    ['credit above 1.0', { ...ok, creditPpm: 1_000_001 }, ErrorCode.OUT_OF_RANGE],
    ['compute weight 0', { ...ok, computeWeight: 0 }, ErrorCode.OUT_OF_RANGE],
    ['compute weight 101', { ...ok, computeWeight: 101 }, ErrorCode.OUT_OF_RANGE],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => auditorStake(input as StakeInputs))).toBe(code);
    expect(codeOf(() => validatorStake(input as StakeInputs))).toBe(code);
  });
});
