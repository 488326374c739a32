/**
 * Elections: the epoch seed chain, the VRF input each candidate proves over, and stake-weighted
 * sortition of committees from the verified VRF outputs, in integer math only.
 */
export { electionAlpha, genesisSeed, nextEpochSeed } from './electionAlpha.ts';
export { sortition, type SortitionInput, type SortitionResult } from './sortition.ts';
export { rankCandidates, compareKeys, type RankedCandidate, type RankInput } from './rankCandidates.ts';
export { sortitionTicket, ticketNegLn } from './ticket.ts';
export { lnFixed, negLnUnit, LN2_FIXED, LN_FRAC_BITS, LN_ONE } from './fixedLn.ts';
export { DEFAULT_MAX_ROTATION_PPM, MAX_ID_BYTES } from './checkSortitionInput.ts';
export { ElectionDomain, SEED_LEN, BETA_LEN } from './domains.ts';
