/**
 * Boundary checks shared by the stake and credit functions: every amount is a non-negative bigint,
 * credit an integer in parts per million, the compute weight an integer in its declared range.
 */
import { ErrorCode, fail } from '../errors.ts';
import { COMPUTE_WEIGHT_MAX, COMPUTE_WEIGHT_MIN, PPM } from './constants.ts';

export function checkUtop(v: unknown, field: string): bigint {
  if (typeof v !== 'bigint')
    return fail(ErrorCode.BAD_TYPE, `expected a bigint amount in uTOP, got ${typeof v}`, field);
  if (v < 0n) return fail(ErrorCode.NEGATIVE, 'amount must not be negative', field);
  return v;
}

export function checkCount(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    return fail(ErrorCode.NOT_INTEGER, 'expected a safe integer', field);
  if (v < 0) return fail(ErrorCode.NEGATIVE, 'must not be negative', field);
  return v;
}

export function checkCreditPpm(v: unknown, field = 'creditPpm'): number {
  const n = checkCount(v, field);
  if (n > PPM) return fail(ErrorCode.OUT_OF_RANGE, `credit must be at most ${PPM} ppm`, field);
  return n;
}

export function checkComputeWeight(v: unknown, field = 'computeWeight'): number {
  const n = checkCount(v, field);
  if (n < COMPUTE_WEIGHT_MIN || n > COMPUTE_WEIGHT_MAX)
    return fail(
      ErrorCode.OUT_OF_RANGE,
      `compute weight must be in [${COMPUTE_WEIGHT_MIN}, ${COMPUTE_WEIGHT_MAX}]`,
      field,
    );
  return n;
}
