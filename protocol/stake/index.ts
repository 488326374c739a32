/**
 * Comprehensive stake and credit: how much a node weighs in the sortition, from its deposit, the
 * votes it received, its credit history and its declared compute weight. Integer math only.
 */
export * from './constants.ts';
export { auditorStake, validatorStake, type StakeInputs } from './comprehensiveStake.ts';
export { nextCredit, isRewarded, type EpochParticipation } from './nextCredit.ts';
export { isqrt } from './isqrt.ts';
