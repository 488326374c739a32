/**
 * Event types of every object's log, by object kind. A body holds everything its read models
 * need, so replaying the log rebuilds them exactly (protocol encodings as 0x-hex).
 */
import type { NetworkConfig } from '../protocol/network/config.ts';
import type { CommitteeInfo, ReceiptEnvelope, TableHead } from './rpc.ts';

/** Table: transactions admitted to the mempool, in order (0x-hex signed encodings). */
export interface TxsAcceptedBody {
  txs: string[];
}

export interface TxOutcome {
  hash: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** Table: a committed table block (genesis too, with no certificate) and all it changed. */
export interface BlockCommittedBody {
  height: number;
  hash: string;
  header: string;
  certificate: string | null;
  committee: string | null;
  /** The DPoS epoch whose committee certified the block; absent for genesis-committee blocks. */
  epoch?: number;
  results: TxOutcome[];
  units: string[];
  /** Outgoing receipts, in receiptsRoot leaf order. */
  outgoing: string[];
  /** Incoming receipts applied, and those dropped as duplicates. */
  applied: string[];
  dropped: string[];
}

/** Table: receipts delivered by the zone after their proofs and certificates checked out. */
export interface ReceiptsDeliveredBody {
  receipts: string[];
}

/**
 * Table: the inputs of the next block, written before its committee is asked to certify it, so a
 * table that dies mid-round proposes the very same block (same header) again after a restart and
 * the committee's stored certificate applies: one height never gets two certified headers.
 */
export interface BlockProposedBody {
  height: number;
  time: number;
  /** Transaction hashes (0x-hex), in block order. */
  txs: string[];
  /** Receipts by `${kind}/${fromTable}/${id}`, in block order. */
  receipts: string[];
}

export const TableEvent = {
  proposed: 'BlockProposed',
  accepted: 'TxsAccepted',
  committed: 'BlockCommitted',
  delivered: 'ReceiptsDelivered',
} as const;

/** Zone: one receipt batch accepted for routing; carries the batch, so replay rebuilds the outbox. */
export interface ReceiptsRoutedBody {
  /** `${fromTable}:${height}:${toTable}` */
  key: string;
  fromTable: number;
  toTable: number;
  height: number;
  header: string;
  certificate: string;
  envelopes: ReceiptEnvelope[];
}

/** Zone: batches a target table acknowledged in one delivery, in routing order. */
export interface ZoneDeliveredBody {
  target: string;
  keys: string[];
}

export const ZoneEvent = {
  routed: 'ReceiptsRouted',
  delivered: 'ReceiptsDelivered',
} as const;

/** Beacon: the network's first event (time = genesisTime), the config and the genesis committees. */
export interface GenesisBody {
  config: NetworkConfig;
  committees: CommitteeInfo[];
}

/** Beacon: a new epoch's committees replace the previous ones (written by elections). */
export interface EpochStartedBody {
  epoch: number;
  committees: CommitteeInfo[];
}

/** Beacon: table heads that moved forward. */
export interface CheckpointBody {
  heads: TableHead[];
}

export const BeaconEvent = {
  genesis: 'Genesis',
  epochStarted: 'EpochStarted',
  checkpoint: 'Checkpoint',
} as const;

/** Committee: a table block a round certifies (before the round's messages), as requested. */
export interface CommitteeProposedBody {
  table: number;
  height: number;
  /** 0x-hex of the encoded header. */
  header: string;
}

/** Committee: one consensus message as it was delivered (to one member, or to all but its sender). */
export interface CommitteeMessageBody {
  from: number;
  to: number | 'all';
  kind: string;
  view: number | null;
  seq: number | null;
  /** 0x-hex of the signed encoding. */
  message: string;
}

/**
 * A committee's log, round after round: the blocks a round certifies (Proposed, in table order),
 * every message of the round in delivery order (Message), then a Certified per block.
 */
export const CommitteeEvent = {
  proposed: 'Proposed',
  message: 'Message',
  certified: 'Certified',
} as const;
