/**
 * The numbers of PBFT-DPoS on topnet: minimum deposits per role, the per-epoch issuance and its
 * split, deposit locks, the rotation cap and how long a slashed node sits out. One object, logged
 * with every election, so a checker reads the rules from the log instead of trusting its own copy.
 */
import { UTOP_PER_TOP } from '../amount.ts';
import type { NodeRole } from '../tx/types.ts';
import { fromHex } from '../bytes.ts';
import { deriveSecret } from '../keys/derive.ts';
import { signerFromSecret } from '../keys/signer.ts';

export interface DposParams {
  /** Minimum total deposit (uTOP, decimal string) for a node of each role to be eligible. */
  minDeposit: Record<'edge' | 'advance' | 'validator' | 'archive', string>;
  /** uTOP issued per epoch (decimal string), split by `split`. */
  issuance: string;
  /** Issuance shares in ppm, summing to 10^6. */
  split: {
    validators: number;
    voters: number;
    auditors: number;
    governance: number;
    archive: number;
    edge: number;
  };
  /** Share of a committee that may rotate per epoch, ppm. */
  maxRotationPpm: number;
  /** Epochs a deposit stays locked after it was made. */
  depositLockEpochs: number;
  /** Epochs a slash adds to the offender's deposit lock. */
  slashLockEpochs: number;
  /** Elections a slashed node sits out, counting the next one. */
  slashJailEpochs: number;
  /** Receives the governance share, remainders and shares no one could earn. */
  governance: string;
}

export const DEFAULT_DPOS_PARAMS: DposParams = {
  minDeposit: {
    edge: (1_000n * UTOP_PER_TOP).toString(),
    advance: (100_000n * UTOP_PER_TOP).toString(),
    validator: (10_000n * UTOP_PER_TOP).toString(),
    archive: (10_000n * UTOP_PER_TOP).toString(),
  },
  issuance: (10_000n * UTOP_PER_TOP).toString(),
  split: {
    validators: 600_000,
    voters: 200_000,
    auditors: 100_000,
    governance: 40_000,
    archive: 40_000,
    edge: 20_000,
  },
  maxRotationPpm: 250_000,
  depositLockEpochs: 24,
  slashLockEpochs: 144,
  slashJailEpochs: 2,
  governance: '',
};

/** The network's parameters: the defaults, with the governance account derived from the seed. */
export function dposParams(seedHex: string, overrides: Partial<DposParams> = {}): DposParams {
  const governance = signerFromSecret(
    'ed25519',
    deriveSecret(fromHex(seedHex, 'seed'), 'governance'),
  ).address;
  return { ...DEFAULT_DPOS_PARAMS, governance, ...overrides };
}

export const ROLE_KEYS = ['edge', 'advance', 'validator', 'archive'] as const;

export function minDepositOf(p: DposParams, role: NodeRole): bigint {
  return BigInt(p.minDeposit[ROLE_KEYS[role]!]);
}
