/**
 * The lattice's data: account states, unit blocks (one per touched account per table block),
 * receipts that carry cross-table transfers (send → recv → confirm), table block headers, and the
 * input and output of one table block's state transition.
 */
import type { Tx } from '../tx/types.ts';

export interface AccountState {
  balance: bigint;
  /** Transactions sent so far: the next transaction's nonce. */
  nonce: bigint;
  /** Hash of the last transaction sent (zero before the first): the next one's prevHash. */
  lastTxHash: Uint8Array;
  /** Height of the account's unit chain (0 before its first unit). */
  unitHeight: bigint;
  lastUnitHash: Uint8Array;
  gasStaked: bigint;
  tgasUsed: bigint;
  tgasDay: number;
  /** Node deposit locked by registerNode. */
  deposit: bigint;
  /** Votes locked behind nodes, by node address. */
  votes: Map<string, bigint>;
}

/** What one table knows of one peer table: the highest receipt ids sent, received and confirmed. */
export interface PeerCursor {
  sent: bigint;
  received: bigint;
  confirmed: bigint;
}

export const EntryKind = {
  genesis: 0,
  send: 1,
  recv: 2,
  confirm: 3,
  stakeGas: 4,
  unstakeGas: 5,
  registerNode: 6,
  vote: 7,
  unvote: 8,
} as const;
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind];
export const ENTRY_KIND_NAMES = [
  'genesis',
  'send',
  'recv',
  'confirm',
  'stakeGas',
  'unstakeGas',
  'registerNode',
  'vote',
  'unvote',
] as const;

/** One action on an account chain. Unused fields are zero/empty so every entry has one layout. */
export interface UnitEntry {
  kind: EntryKind;
  txHash: Uint8Array;
  /** Counterparty: receiver of a send, sender of a recv, node of a vote. Empty string when none. */
  peer: string;
  amount: bigint;
  /** Tgas charged and uTOP burned for the part beyond the quota (own transactions only). */
  tgas: bigint;
  burn: bigint;
  /** Cross-table phases: the peer table and the per-pair receipt id; same-table: peerTable = own, id 0. */
  peerTable: number;
  receiptId: bigint;
}

export interface UnitBlock {
  account: string;
  height: bigint;
  prevHash: Uint8Array;
  table: number;
  tableHeight: bigint;
  time: number;
  entries: UnitEntry[];
  /** Hash of the account state after the entries: replaying the chain must reproduce it. */
  stateHash: Uint8Array;
}

export const ReceiptKind = { send: 0, confirm: 1 } as const;
export type ReceiptKind = (typeof ReceiptKind)[keyof typeof ReceiptKind];

/**
 * A cross-table message, a leaf of its table block's receipts tree.
 * send: from the sender's table to the receiver's; confirm: back, with the same id.
 */
export interface Receipt {
  kind: ReceiptKind;
  fromTable: number;
  toTable: number;
  /** Per (fromTable → toTable) sequence for sends; a confirm carries the id of the send it confirms. */
  id: bigint;
  txHash: Uint8Array;
  sender: string;
  receiver: string;
  amount: bigint;
  /** Height of the table block that emitted it (in fromTable). */
  height: bigint;
}

export interface TableBlockHeader {
  chainId: number;
  table: number;
  height: bigint;
  prevHash: Uint8Array;
  time: number;
  txCount: number;
  /** Merkle roots over: included tx hashes; rejected (hash, code); applied incoming receipts; unit hashes; outgoing receipts. */
  txRoot: Uint8Array;
  rejectedRoot: Uint8Array;
  inputsRoot: Uint8Array;
  unitsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
}

export interface TableState {
  chainId: number;
  table: number;
  tableCount: number;
  height: bigint;
  lastBlockHash: Uint8Array;
  accounts: Map<string, AccountState>;
  peers: Map<number, PeerCursor>;
  /** uTOP burned by gas beyond quotas in this table, ever. */
  burned: bigint;
}

export interface BlockInput {
  time: number;
  /** Signature-checked transactions in proposal order. */
  txs: Tx[];
  /** Incoming receipts (sends to credit, confirms to record), already proven by their source blocks. */
  receipts: Receipt[];
}

export interface TxResult {
  hash: Uint8Array;
  ok: boolean;
  code?: string;
  message?: string;
}

export interface BlockResult {
  header: TableBlockHeader;
  hash: Uint8Array;
  units: UnitBlock[];
  /** Outgoing receipts in leaf order of receiptsRoot. */
  outgoing: Receipt[];
  /** Incoming receipts applied, in order; duplicates are skipped and gaps wait (see skipped/deferred). */
  applied: Receipt[];
  skipped: Receipt[];
  deferred: Receipt[];
  results: TxResult[];
  /** New values of every touched account, and changed peer cursors: merge into the state. */
  accounts: Map<string, AccountState>;
  peers: Map<number, PeerCursor>;
  burned: bigint;
}
