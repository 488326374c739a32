/**
 * The integer logarithm behind sortition keys: ln 2 against its published decimal expansion,
 * ln(a·b) = ln a + ln b to ~2^-155, agreement with Math.log where doubles can tell, monotonicity,
 * and the exact values at the ends of the ticket range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LN2_FIXED, LN_FRAC_BITS, LN_ONE, lnFixed, negLnUnit } from '../../../protocol/election/index.ts';

const F = BigInt(LN_FRAC_BITS);
// ln 2 to 60 decimal places (OEIS A002162).
const LN2_DIGITS = '693147180559945309417232121458176568075500134360255254120680';
const abs = (x: bigint) => (x < 0n ? -x : x);

describe('lnFixed', () => {
  it('gets ln 2 to within 1 unit of 2^-160', () => {
    const ref = (BigInt(LN2_DIGITS) << F) / 10n ** BigInt(LN2_DIGITS.length);
    expect(abs(LN2_FIXED - ref) <= 1n).toBe(true);
  });

  it('is exact at 1', () => {
    expect(lnFixed(LN_ONE)).toBe(0n);
  });

  it('satisfies ln(a·b) = ln a + ln b within 4 units of 2^-160 (1,000 runs)', () => {
    const frac = fc.bigInt({ min: 0n, max: LN_ONE - 1n });
    fc.assert(
      fc.property(frac, frac, (x, y) => {
        // a, b in [1, 4/3): a·b < 16/9 < 2.
        const a = LN_ONE + x / 3n;
        const b = LN_ONE + y / 3n;
        const ab = (a * b) >> F;
        return abs(lnFixed(ab) - lnFixed(a) - lnFixed(b)) <= 4n;
      }),
      { numRuns: 1000, seed: 21 },
    );
  });

  it('agrees with Math.log to double precision', () => {
    for (const v of [1.000001, 1.1, 1.25, 1.5, Math.SQRT2, 1.75, 1.999999]) {
      const m = BigInt(Math.round(v * 2 ** 52)) << (F - 52n);
      const got = Number((lnFixed(m) * 10n ** 18n) >> F) / 1e18;
      expect(Math.abs(got - Math.log(v))).toBeLessThan(1e-15);
    }
  });

  it('is monotone (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: LN_ONE, max: 2n * LN_ONE }),
        fc.bigInt({ min: 0n, max: 1n << 100n }),
        (m, d) => {
          const n = m + d > 2n * LN_ONE ? 2n * LN_ONE : m + d;
          return lnFixed(n) >= lnFixed(m);
        },
      ),
      { numRuns: 1000, seed: 22 },
    );
  });

  it('refuses arguments outside [1, 2]', () => {
    expect(() => lnFixed(LN_ONE - 1n)).toThrow(RangeError);
    expect(() => lnFixed(2n * LN_ONE + 1n)).toThrow(RangeError);
  });
});

describe('negLnUnit: -ln((T + 1) / 2^512)', () => {
  it('is 0 for the largest ticket, ln 2 at u = 1/2, 512·ln 2 for T = 0', () => {
    expect(negLnUnit((1n << 512n) - 1n)).toBe(0n);
    expect(negLnUnit((1n << 511n) - 1n)).toBe(LN2_FIXED);
    expect(negLnUnit((1n << 510n) - 1n)).toBe(2n * LN2_FIXED);
    expect(negLnUnit(0n)).toBe(512n * LN2_FIXED);
  });

  it('decreases as the ticket grows and matches -Math.log(u) (1,000 runs)', () => {
    const t = fc.bigInt({ min: 0n, max: (1n << 512n) - 1n });
    fc.assert(
      fc.property(t, t, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (negLnUnit(lo) < negLnUnit(hi)) return false;
        const u = Number((hi + 1n) >> 460n) / 2 ** 52;
        const got = Number((negLnUnit(hi) * 10n ** 15n) >> F) / 1e15;
        return u === 0 || Math.abs(got + Math.log(u)) < 1e-9 * Math.max(1, -Math.log(u)) + 1e-12;
      }),
      { numRuns: 1000, seed: 23 },
    );
  });

  it('refuses tickets outside 512 bits', () => {
    expect(() => negLnUnit(-1n)).toThrow(RangeError);
    expect(() => negLnUnit(1n << 512n)).toThrow(RangeError);
  });
});
