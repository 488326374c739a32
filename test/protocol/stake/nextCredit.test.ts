/**
 * Credit per epoch: +0.01 when rewarded (signed ≥ 80% of expected blocks, no slash), −0.1 when
 * unrewarded, −0.1 per slash, unchanged with nothing to sign, clamped to [0.1, 1.0].
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, type ProtocolError } from '../../../protocol/errors.ts';
import {
  CREDIT_CAP_PPM,
  CREDIT_FLOOR_PPM,
  CREDIT_INITIAL_PPM,
  isRewarded,
  nextCredit,
  type EpochParticipation,
} from '../../../protocol/stake/index.ts';

const ep = (signed: number, expected: number, slashed = 0): EpochParticipation => ({
  signed,
  expected,
  slashed,
});

describe('nextCredit', () => {
  it('starts at 0.33', () => {
    expect(CREDIT_INITIAL_PPM).toBe(330_000);
  });

  it('adds 0.01 at exactly 80% and above', () => {
    expect(nextCredit(330_000, ep(80, 100))).toBe(340_000);
    expect(nextCredit(330_000, ep(100, 100))).toBe(340_000);
    expect(nextCredit(330_000, ep(4, 5))).toBe(340_000);
  });

  it('takes 0.1 just below 80%', () => {
    expect(nextCredit(330_000, ep(79, 100))).toBe(230_000);
    expect(nextCredit(330_000, ep(799_999, 1_000_000))).toBe(230_000);
    expect(nextCredit(330_000, ep(0, 1))).toBe(230_000);
  });

  it('takes 0.1 per slash and never rewards a slashed epoch', () => {
    expect(nextCredit(900_000, ep(100, 100, 1))).toBe(800_000);
    expect(nextCredit(900_000, ep(100, 100, 3))).toBe(600_000);
    expect(nextCredit(900_000, ep(0, 100, 2))).toBe(700_000);
    expect(isRewarded(ep(100, 100, 1))).toBe(false);
  });

  it('leaves credit alone in an epoch with nothing to sign', () => {
    expect(nextCredit(330_000, ep(0, 0))).toBe(330_000);
  });

  it('clamps to the floor 0.1 and the cap 1.0', () => {
    expect(nextCredit(150_000, ep(0, 10))).toBe(CREDIT_FLOOR_PPM);
    expect(nextCredit(100_000, ep(0, 10, 1_000_000_000))).toBe(CREDIT_FLOOR_PPM);
    expect(nextCredit(995_000, ep(10, 10))).toBe(CREDIT_CAP_PPM);
    expect(nextCredit(1_000_000, ep(10, 10))).toBe(CREDIT_CAP_PPM);
  });

  it('needs 67 rewarded epochs from 0.33 to reach 1.0', () => {
    let c = CREDIT_INITIAL_PPM;
    let epochs = 0;
    while (c < CREDIT_CAP_PPM) {
      c = nextCredit(c, ep(9, 10));
      epochs++;
    }
    expect(epochs).toBe(67);
  });

  it('always stays an integer within [0.1, 1.0] and moves by the documented steps (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CREDIT_FLOOR_PPM, max: CREDIT_CAP_PPM }),
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 3 }),
        (c, a, b, slashed) => {
          const expected = Math.max(a, b);
          const signed = Math.min(a, b);
          const n = nextCredit(c, { signed, expected, slashed });
          const raw =
            slashed > 0
              ? c - 100_000 * slashed
              : expected === 0
                ? c
                : signed * 5 >= expected * 4
                  ? c + 10_000
                  : c - 100_000;
          return Number.isInteger(n) && n === Math.min(1_000_000, Math.max(100_000, raw));
        },
      ),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('refuses malformed input with stable codes', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ProtocolError).code;
      }
      return undefined;
    };
    expect(codeOf(() => nextCredit(330_000, ep(11, 10)))).toBe(ErrorCode.OUT_OF_RANGE);
    expect(codeOf(() => nextCredit(330_000, ep(-1, 10)))).toBe(ErrorCode.NEGATIVE);
    expect(codeOf(() => nextCredit(330_000, ep(1.5, 10)))).toBe(ErrorCode.NOT_INTEGER);
    expect(codeOf(() => nextCredit(0.33, ep(1, 10)))).toBe(ErrorCode.NOT_INTEGER);
    expect(codeOf(() => nextCredit(2_000_000, ep(1, 10)))).toBe(ErrorCode.OUT_OF_RANGE);
    expect(codeOf(() => nextCredit(330_000, null as unknown as EpochParticipation))).toBe(ErrorCode.BAD_TYPE);
  });
});
