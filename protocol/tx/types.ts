/**
 * Transaction types and their fields. A transaction is what an account signs; its hash
 * (see txHash.ts) names it everywhere. The JSON shape used by RPC lives in txJson.ts.
 */

export const TxType = {
  transfer: 0,
  stakeGas: 1,
  unstakeGas: 2,
  registerNode: 3,
  vote: 4,
  unvote: 5,
  /** A transfer between T8 accounts signed by an Ethereum wallet (see ethTransfer.ts). */
  ethTransfer: 6,
} as const;
export type TxType = (typeof TxType)[keyof typeof TxType];
export const TX_TYPE_NAMES = [
  'transfer',
  'stakeGas',
  'unstakeGas',
  'registerNode',
  'vote',
  'unvote',
  'ethTransfer',
] as const;
export type TxTypeName = (typeof TX_TYPE_NAMES)[number];

export const NodeRole = { edge: 0, advance: 1, validator: 2, archive: 3 } as const;
export type NodeRole = (typeof NodeRole)[keyof typeof NodeRole];
export const NODE_ROLE_NAMES = ['edge', 'advance', 'validator', 'archive'] as const;

export interface RegisterNodePayload {
  role: NodeRole;
  /** ed25519 key the node signs consensus messages with. */
  consensusKey: Uint8Array;
  /** ed25519 key of its RFC 9381 VRF proofs. */
  vrfKey: Uint8Array;
  /** Declared computing power, 1..100 (see docs/protocol.md). */
  computeWeight: number;
  /** Share of the node's voter rewards paid to its voters, parts per million. */
  dividendRatePpm: number;
}

export interface UnsignedTx {
  chainId: number;
  type: TxType;
  sender: string;
  /** transfer: the payee; vote/unvote: the node; stake/unstake/register: the sender itself. */
  receiver: string;
  /** Per-account height: how many transactions the sender sent before this one. */
  nonce: bigint;
  /** Hash of the sender's previous transaction, zero for its first. */
  prevHash: Uint8Array;
  /** uTOP moved (transfer), staked, unstaked, deposited or voted. */
  amount: bigint;
  /** Seconds since the Unix epoch when signed; must be within TIMESTAMP_TOLERANCE of the node's clock. */
  timestamp: number;
  /** Seconds since the Unix epoch after which the transaction can no longer be included. */
  expiry: number;
  memo: string;
  payload?: RegisterNodePayload;
  /** ethTransfer only: the raw signed Ethereum transaction every other field derives from. */
  eth?: Uint8Array;
}

export interface Tx extends UnsignedTx {
  signature: Uint8Array;
}

export const TX_VERSION = 1;
export const MAX_MEMO_BYTES = 256;
export const MAX_TX_BYTES = 1024;
export const TIMESTAMP_TOLERANCE = 300;
export const MAX_EXPIRY_SECONDS = 24 * 3600;

/** Types that move funds to another account through send → recv → confirm. */
export function isTransfer(type: TxType): boolean {
  return type === TxType.transfer || type === TxType.ethTransfer;
}
