/**
 * The numbers of comprehensive stake and credit, in the fixed-point units the formulas use:
 * amounts in uTOP (1 TOP = 10^6 uTOP) reduced to whole TOP before any formula runs, credit in
 * parts per million, the declared compute weight as an integer from 1 to 100.
 */

export { UTOP_PER_TOP } from '../amount.ts';
/** Credit and shares are integers in parts per million: 1.0 = 1_000_000. */
export const PPM = 1_000_000;

export const CREDIT_INITIAL_PPM = 330_000;
export const CREDIT_FLOOR_PPM = 100_000;
export const CREDIT_CAP_PPM = 1_000_000;
/** Added after an epoch in which the node was rewarded. */
export const CREDIT_REWARD_STEP_PPM = 10_000;
/** Taken per slash, or once for an epoch in which the node had blocks to sign but was not rewarded. */
export const CREDIT_PENALTY_STEP_PPM = 100_000;
/** A node is rewarded for an epoch when it signed at least 80% of the blocks it was expected to sign. */
export const REWARD_SIGNED_SHARE_PPM = 800_000;

/** A validator's comprehensive stake never exceeds this many (whole TOP) units. */
export const VALIDATOR_STAKE_CAP = 5000n;

/**
 * Declared compute weight w ("computing power"): an integer in [1, 100] scaling a stake by
 * (COMPUTE_WEIGHT_BASE + w) / COMPUTE_WEIGHT_DIVISOR, i.e. from 0.51 (w = 1) through 1.00
 * (w = 50, the neutral default) to 1.50 (w = 100).
 */
export const COMPUTE_WEIGHT_MIN = 1;
export const COMPUTE_WEIGHT_MAX = 100;
export const COMPUTE_WEIGHT_DEFAULT = 50;
export const COMPUTE_WEIGHT_BASE = 50;
export const COMPUTE_WEIGHT_DIVISOR = 100;
