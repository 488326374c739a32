/**
 * Domain tags of the election hashes. Each is distinct from every other tag in the chain, so an
 * election alpha, a ticket or a seed can never be mistaken for another structure's hash.
 */
export const ElectionDomain = {
  alpha: 'topnet/election-alpha/v1',
  ticket: 'topnet/sortition-ticket/v1',
  epochSeed: 'topnet/epoch-seed/v1',
  genesisSeed: 'topnet/genesis-seed/v1',
} as const;

export const SEED_LEN = 32;
export const BETA_LEN = 64;
