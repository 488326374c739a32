/**
 * Comprehensive stake, TOP's weight of a node in elections, in whole TOP units:
 *   auditor   = floor((D + V/2) × credit × cw)
 *   validator = min(5000, floor(sqrt((D + V/2) × credit) × cw))
 * with D, V the deposit and received votes in whole TOP (uTOP / 10^6, floored), credit in ppm and
 * cw = (50 + w) / 100 the declared compute weight. Each result is computed as one exact rational
 * and floored once, so no rounding happens between steps and there are no floats anywhere.
 */
import {
  COMPUTE_WEIGHT_BASE,
  COMPUTE_WEIGHT_DEFAULT,
  COMPUTE_WEIGHT_DIVISOR,
  PPM,
  UTOP_PER_TOP,
  VALIDATOR_STAKE_CAP,
} from './constants.ts';
import { checkComputeWeight, checkCreditPpm, checkUtop } from './checkInputs.ts';
import { isqrt } from './isqrt.ts';

export interface StakeInputs {
  /** Own deposit, uTOP. */
  depositUtop: bigint;
  /** Votes received from other accounts, uTOP. */
  votesUtop: bigint;
  /** Credit score in parts per million, e.g. 330_000 for a new node. */
  creditPpm: number;
  /** Declared compute weight in [1, 100]; 50 (factor 1.0) when omitted. */
  computeWeight?: number;
}

interface Checked {
  /** 2 × (D + V/2) = 2D + V, kept doubled so the half vote stays exact. */
  doubledBase: bigint;
  credit: bigint;
  /** 50 + w: the compute factor's numerator over 100. */
  cw: bigint;
}

function check(i: StakeInputs): Checked {
  const d = checkUtop(i.depositUtop, 'depositUtop') / UTOP_PER_TOP;
  const v = checkUtop(i.votesUtop, 'votesUtop') / UTOP_PER_TOP;
  const credit = BigInt(checkCreditPpm(i.creditPpm));
  const w = checkComputeWeight(i.computeWeight ?? COMPUTE_WEIGHT_DEFAULT);
  return { doubledBase: 2n * d + v, credit, cw: BigInt(COMPUTE_WEIGHT_BASE + w) };
}

const PPM_N = BigInt(PPM);
const DIV = BigInt(COMPUTE_WEIGHT_DIVISOR);

/**
 * Auditor (advance node) comprehensive stake, whole TOP units.
 * @example
 * auditorStake({ depositUtop: 10_000_000_000n, votesUtop: 0n, creditPpm: 330_000 }); // 3300n
 */
export function auditorStake(i: StakeInputs): bigint {
  const { doubledBase, credit, cw } = check(i);
  return (doubledBase * credit * cw) / (2n * PPM_N * DIV);
}

/**
 * Validator comprehensive stake, whole TOP units, capped at 5000:
 * floor(sqrt(E) × cw) = isqrt(floor(E × cw²)) with E = (2D + V) × credit / (2 × 10^6).
 * @example
 * validatorStake({ depositUtop: 1_000_000_000_000n, votesUtop: 0n, creditPpm: 1_000_000 }); // 1000n
 */
export function validatorStake(i: StakeInputs): bigint {
  const { doubledBase, credit, cw } = check(i);
  const s = isqrt((doubledBase * credit * cw * cw) / (2n * PPM_N * DIV * DIV));
  return s < VALIDATOR_STAKE_CAP ? s : VALIDATOR_STAKE_CAP;
}
