/**
 * Credit after one epoch, in ppm. Applied in this order:
 *   slashed > 0                          → credit − 0.1 × slashed
 *   expected > 0 and signed ≥ 80%        → credit + 0.01 (a rewarded epoch)
 *   expected > 0 and signed < 80%        → credit − 0.1 (an unrewarded epoch)
 *   expected = 0 (nothing to sign)       → unchanged
 * then clamped to [0.1, 1.0]. A slashed epoch is never also rewarded, and its penalty is the
 * slashes alone (not one more for being unrewarded).
 */
import { ErrorCode, fail } from '../errors.ts';
import {
  CREDIT_CAP_PPM,
  CREDIT_FLOOR_PPM,
  CREDIT_PENALTY_STEP_PPM,
  CREDIT_REWARD_STEP_PPM,
  PPM,
  REWARD_SIGNED_SHARE_PPM,
} from './constants.ts';
import { checkCount, checkCreditPpm } from './checkInputs.ts';

export interface EpochParticipation {
  /** Blocks of the epoch the node signed. */
  signed: number;
  /** Blocks of the epoch the node was expected to sign (its committee's blocks). */
  expected: number;
  /** Slash events recorded against the node in the epoch. */
  slashed: number;
}

/** signed / expected ≥ 80%, in integers: signed × 10^6 ≥ expected × 800_000. */
export function isRewarded(p: EpochParticipation): boolean {
  // bigint: signed × 10^6 can pass 2^53 for large counts.
  return (
    p.slashed === 0 &&
    p.expected > 0 &&
    BigInt(p.signed) * BigInt(PPM) >= BigInt(p.expected) * BigInt(REWARD_SIGNED_SHARE_PPM)
  );
}

/** Ten penalties take any credit to the floor; counting further would only risk inexact numbers. */
const MAX_COUNTED_SLASHES = 10;

/**
 * @example
 * nextCredit(330_000, { signed: 95, expected: 100, slashed: 0 }); // 340_000
 */
export function nextCredit(creditPpm: number, p: EpochParticipation): number {
  const credit = checkCreditPpm(creditPpm);
  if (typeof p !== 'object' || p === null)
    fail(ErrorCode.BAD_TYPE, 'expected { signed, expected, slashed }', 'participation');
  const signed = checkCount(p.signed, 'signed');
  const expected = checkCount(p.expected, 'expected');
  const slashed = checkCount(p.slashed, 'slashed');
  if (signed > expected) fail(ErrorCode.OUT_OF_RANGE, 'signed exceeds expected', 'signed');
  let next = credit;
  if (slashed > 0) next -= CREDIT_PENALTY_STEP_PPM * Math.min(slashed, MAX_COUNTED_SLASHES);
  else if (expected > 0) next += isRewarded(p) ? CREDIT_REWARD_STEP_PPM : -CREDIT_PENALTY_STEP_PPM;
  return Math.min(CREDIT_CAP_PPM, Math.max(CREDIT_FLOOR_PPM, next));
}
