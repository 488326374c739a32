/**
 * What the explorer's index projection (durable-objects/index/) answers: rows projected from the
 * table, committee and beacon logs. Amounts, hashes and receipt ids are strings (decimal or 0x-hex),
 * never JS numbers; heights, times and counts are numbers.
 */

/** Which log one index partition follows. */
export type IndexSource =
  { kind: 'table'; table: number } | { kind: 'committee'; zone: number; index: number } | { kind: 'beacon' };

export interface IndexStatus {
  name: string;
  source: IndexSource;
  /** Last event of the source log folded into the index. */
  cursor: number;
  /** Whether the source log had more events when the last pull stopped. */
  behind: boolean;
}

/** A committed table block as the index keeps it. */
export interface IndexBlock {
  table: number;
  height: number;
  hash: string;
  time: number;
  txCount: number;
  rejected: number;
  units: number;
  receiptsOut: number;
  receiptsIn: number;
  /** Transfers that became final in this block (one confirm entry each). */
  finalized: number;
  committee: string | null;
}

/** A transaction included (or rejected) by its sender's table: the send phase. */
export interface IndexTx {
  hash: string;
  table: number;
  height: number;
  ok: boolean;
  /** Entry kind of the sender's unit entry (send, stakeGas, …); null for a rejected transaction. */
  kind: string | null;
  sender: string | null;
  receiver: string | null;
  amount: string | null;
  code: string | null;
  time: number;
}

/** One entry of an account's unit chain: what happened to the account, in chain order. */
export interface HistoryEntry {
  account: string;
  table: number;
  height: number;
  /** Position of the entry in the account's unit of that block. */
  idx: number;
  unitHeight: number;
  kind: string;
  txHash: string;
  /** Counterparty (receiver of a send, sender of a recv, …) or "". */
  peer: string;
  /** uTOP, exact decimal. */
  amount: string;
  tgas: string;
  burn: string;
  peerTable: number;
  receiptId: string;
  time: number;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as ?before= for the next (older) page; null at the start of the chain. */
  next: string | null;
}

/** Finalized transfers per time bucket (start second, width seconds). */
export interface RateBucket {
  start: number;
  finalized: number;
  txs: number;
}

/** A unit block on an account chain, for the lattice view. */
export interface LatticeUnit {
  account: string;
  unitHeight: number;
  hash: string;
  table: number;
  height: number;
  time: number;
  /** The unit's first entries (as many as asked for) and how many it has in all. */
  entries: { kind: string; txHash: string; peer: string; amount: string }[];
  entryCount: number;
}

/** One PBFT round (view, sequence) and who signed each phase, read from the committee's message events. */
export interface RoundView {
  view: number;
  seq: number;
  /** 0x digest of the proposed value (from the pre-prepare, else the first vote). */
  digest: string | null;
  /** Table blocks this round certified (one or several). */
  certified: { table: number; height: number }[];
  time: number;
  /** Signers per phase, by member index, ascending. */
  phases: { phase: 'pre-prepare' | 'prepare' | 'commit'; signers: number[] }[];
}

export interface EpochRow {
  epoch: number;
  time: number;
  committees: number;
}

export interface CheckpointRow {
  table: number;
  height: number;
  hash: string;
  time: number;
}
