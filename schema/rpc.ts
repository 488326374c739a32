/**
 * The contract between topnet's parts: the shapes that cross a Durable Object RPC boundary or the
 * edge. Every part imports these; none redeclares them. Bytes cross as 0x-hex of protocol/
 * encodings and amounts as decimal strings, so a newer Worker and an older object still agree
 * on the wire (unknown fields are ignored, never required).
 */
import type { TxJson } from '../protocol/tx/txJson.ts';
import type { NetworkConfig } from '../protocol/network/config.ts';

export interface ErrorInfo {
  code: string;
  message: string;
  field?: string;
}

export type SubmitResult =
  { hash: string; status: 'pending' } | { hash: string; status: 'rejected'; error: ErrorInfo };

/** pending → (cross-table: sent → received →) final, or rejected with a reason. */
export type TxStatus = 'pending' | 'sent' | 'received' | 'final' | 'rejected';

export interface PhaseView {
  table: number;
  height: number;
  blockHash?: string;
  receiptId?: string;
}

export interface TxView {
  hash: string;
  status: TxStatus;
  tx: TxJson;
  error?: ErrorInfo;
  send?: PhaseView;
  recv?: PhaseView;
  confirm?: PhaseView;
}

export interface AccountView {
  address: string;
  table: number;
  balance: string;
  nonce: string;
  lastTxHash: string;
  unitHeight: string;
  lastUnitHash: string;
  gasStaked: string;
  tgasUsed: string;
  tgasDay: number;
  tgasAvailable: string;
  deposit: string;
  votes: Record<string, string>;
  /** Transactions accepted but not yet in a block. */
  pending: number;
}

export interface BlockView {
  table: number;
  height: number;
  hash: string;
  header: {
    chainId: number;
    prevHash: string;
    time: number;
    txCount: number;
    txRoot: string;
    rejectedRoot: string;
    inputsRoot: string;
    unitsRoot: string;
    receiptsRoot: string;
  };
  /** 0x-hex of the encoded commit certificate (absent for genesis). */
  certificate?: string;
  committee?: string;
  /** The DPoS epoch whose committee certified the block (absent: the genesis committee). */
  epoch?: number;
  txs: string[];
  rejected: { hash: string; code: string; message: string }[];
  /** The block's unit blocks, in order; only the first `maxUnits` when the caller asked for fewer. */
  units: {
    account: string;
    height: string;
    hash: string;
    entries: { kind: string; txHash: string; peer: string; amount: string }[];
  }[];
  /** How many unit blocks the block has (more than `units.length` when the list was cut). */
  unitCount: number;
  receiptsIn: string[];
  receiptsOut: string[];
}

/** One outgoing receipt and its Merkle path to the receiptsRoot of its batch's block header. */
export interface ReceiptEnvelope {
  receipt: string;
  proof: string;
}

/**
 * The receipts one table block sends to one target table, in id order, with what proves them:
 * the block's header (0x-hex) and its commit certificate, once for the whole batch.
 * Idempotency key: `${fromTable}:${height}:${toTable}`.
 */
export interface ReceiptBatch {
  fromTable: number;
  toTable: number;
  height: number;
  header: string;
  certificate: string;
  envelopes: ReceiptEnvelope[];
}

export interface CertifyRequest {
  table: number;
  height: number;
  /** 0x-hex of the encoded table block header. */
  header: string;
  /** The epoch whose committee the table answers to (0 = genesis, when absent). */
  epoch?: number;
}

export interface CertifyResult {
  /** 0x-hex of the encoded commit certificate over the header. */
  certificate: string;
  committee: string;
  view: number;
  seq: number;
  /** The epoch whose members signed the certificate. */
  epoch?: number;
}

export interface TableHead {
  table: number;
  height: number;
  hash: string;
  time: number;
}

export type HubEvent =
  | { kind: 'block'; table: number; height: number; hash: string; txCount: number; time: number }
  | { kind: 'tx'; hash: string; status: TxStatus; table: number; height?: number; accounts: string[] };

/** Topics a WebSocket client subscribes to. */
export type Topic = { kind: 'blocks' } | { kind: 'tx'; hash: string } | { kind: 'account'; address: string };

// ---- zone ----

/** ZoneDO.route's answer: batches newly queued for delivery, and repeats that changed nothing. */
export interface RouteResult {
  accepted: number;
  duplicates: number;
}

/** One target table's queue in a zone. Times are Unix ms. */
export interface ZoneTargetStats {
  /** `table:<global table index>` */
  target: string;
  queued: number;
  /** Failed attempts at the batch at the head of the queue. */
  attempts: number;
  /** When the head is tried again; null when not backing off. */
  retryAt: number | null;
  lastError?: string;
}

export interface ZonePairStats {
  fromTable: number;
  toTable: number;
  routed: number;
  delivered: number;
  lastHeight: number;
}

export interface ZoneStats {
  routed: number;
  delivered: number;
  queued: number;
  targets: ZoneTargetStats[];
  pairs: ZonePairStats[];
}

// ---- beacon ----

/** A committee and the tables it owns for an epoch; members are 0x-hex ed25519 consensus keys, in member order. */
export interface CommitteeInfo {
  name: string;
  zone: number;
  index: number;
  tables: number[];
  members: string[];
  /** Elected committees: the members' node addresses, same order (genesis members are not nodes). */
  nodes?: string[];
}

export interface GenesisInfo {
  /** 0x-hex hash of the beacon's Genesis event: the network's identity. */
  hash: string;
  config: NetworkConfig;
  committees: CommitteeInfo[];
}

export interface Assignment {
  table: number;
  committee: string;
  members: string[];
}

/** now and epochStart are Unix ms; epoch 0 starts at genesis (config.genesisTime, Unix seconds). */
export interface ClockInfo {
  now: number;
  epoch: number;
  epochStart: number;
  epochSeconds: number;
}

export interface CheckpointResult {
  /** Heads that moved forward (stale or repeated heads are ignored). */
  advanced: number;
  /** Seq of the Checkpoint event appended, or null when nothing advanced. */
  seq: number | null;
}

/** The answer of getGeneralInfos. */
export interface GeneralInfos {
  name: string;
  chainId: number;
  genesisHash: string;
  /** Unix seconds. */
  genesisTime: number;
  zones: number;
  tablesPerZone: number;
  tables: number;
  committees: number;
  committeeSize: number;
  blockIntervalMs: number;
  epoch: number;
  epochSeconds: number;
  /** Sum of the prefunded balances, uTOP as a decimal string. */
  totalSupply: string;
}

// ---- hub ----

export interface PublishResult {
  /** Notifications sent (one per matching subscription and event). */
  notified: number;
}

export type FaucetResult = { hash: string; amount: string; status: 'pending' } | { error: ErrorInfo };
