/**
 * The SQLite tables of every Durable Object, as drizzle definitions (migrations are generated from
 * this file). Every object has the same three: its event log, its outbox and its key/value meta;
 * each kind then uses the read-model tables that are its own. Hashes are BLOBs; amounts, nonces and
 * receipt ids are TEXT (decimal) — never SQLite numbers, whose 2^53 limit would corrupt them.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The append-only, hash-chained log: the source of truth of each object. */
export const events = sqliteTable('events', {
  seq: integer('seq').primaryKey(),
  type: text('type').notNull(),
  body: text('body').notNull(),
  hash: blob('hash', { mode: 'buffer' }).notNull(),
  time: integer('time').notNull(),
});

/** Effects on other objects, drained by the alarm; `key` makes each effect idempotent. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    target: text('target').notNull(),
    key: text('key').notNull().unique(),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
  },
  // Drains read one target's rows in id order; without this a backlog makes each read a scan.
  (t) => [index('outbox_target').on(t.target, t.id)],
);

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ---- table DO read models ----

export const accounts = sqliteTable('accounts', {
  address: text('address').primaryKey(),
  balance: text('balance').notNull(),
  nonce: text('nonce').notNull(),
  unitHeight: text('unit_height').notNull(),
  /** The full AccountState, canonical JSON. */
  state: text('state').notNull(),
});

export const txs = sqliteTable(
  'txs',
  {
    hash: blob('hash', { mode: 'buffer' }).primaryKey(),
    sender: text('sender').notNull(),
    receiver: text('receiver').notNull(),
    nonce: text('nonce').notNull(),
    /**
     * pending | sent (cross-table, awaiting recv) | received (awaiting confirm) | final | rejected.
     * The mempool is the pending rows in admission order (accepted_seq, then rowid).
     */
    status: text('status').notNull(),
    code: text('code'),
    message: text('message'),
    raw: blob('raw', { mode: 'buffer' }).notNull(),
    acceptedSeq: integer('accepted_seq').notNull(),
    sendHeight: integer('send_height'),
    recvTable: integer('recv_table'),
    recvHeight: integer('recv_height'),
    confirmHeight: integer('confirm_height'),
  },
  // Only the mempool is ever looked up by status: a partial index holds just the pending rows, so
  // a transaction costs the index one insert and one delete in its life, not one per status change.
  (t) => [
    index('txs_pending')
      .on(t.acceptedSeq)
      .where(sql`status = 'pending'`),
  ],
);

export const blocks = sqliteTable('blocks', {
  height: integer('height').primaryKey(),
  hash: blob('hash', { mode: 'buffer' }).notNull().unique(),
  header: text('header').notNull(),
  certificate: text('certificate'),
  body: text('body').notNull(),
  time: integer('time').notNull(),
  txCount: integer('tx_count').notNull(),
});

export const peers = sqliteTable('peers', {
  peer: integer('peer').primaryKey(),
  sent: text('sent').notNull(),
  received: text('received').notNull(),
  confirmed: text('confirmed').notNull(),
});

/** Receipts delivered to this table and not yet applied. */
export const inbox = sqliteTable(
  'inbox',
  {
    fromTable: integer('from_table').notNull(),
    kind: integer('kind').notNull(),
    id: text('id').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromTable, t.kind, t.id] })],
);

/** Transfers received from other tables (the recv phase, seen from the receiver's table). */
export const received = sqliteTable('received', {
  hash: blob('hash', { mode: 'buffer' }).primaryKey(),
  fromTable: integer('from_table').notNull(),
  receiptId: text('receipt_id').notNull(),
  height: integer('height').notNull(),
});

// ---- committee DO read models ----

/** Certificates a committee issued, one per (table, height). */
export const certs = sqliteTable(
  'certs',
  {
    table: integer('table_index').notNull(),
    height: integer('height').notNull(),
    header: text('header').notNull(),
    certificate: text('certificate').notNull(),
    seq: integer('seq').notNull(),
    view: integer('view').notNull(),
    eventSeq: integer('event_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.table, t.height] })],
);

// ---- zone DO read models ----

/**
 * Receipt batches a zone routed, one row per `${fromTable}:${height}:${toTable}`: the idempotency
 * set (outlives the outbox row) and when each batch was delivered (seq of its ReceiptsDelivered).
 */
export const zoneBatches = sqliteTable(
  'zone_batches',
  {
    fromTable: integer('from_table').notNull(),
    toTable: integer('to_table').notNull(),
    height: integer('height').notNull(),
    receipts: integer('receipts').notNull(),
    routedSeq: integer('routed_seq').notNull(),
    deliveredSeq: integer('delivered_seq'),
  },
  (t) => [primaryKey({ columns: [t.fromTable, t.toTable, t.height] })],
);

// ---- beacon DO read models ----

/** The latest checkpointed head of each table. */
export const beaconCheckpoints = sqliteTable('beacon_checkpoints', {
  table: integer('table_index').primaryKey(),
  height: integer('height').notNull(),
  hash: blob('hash', { mode: 'buffer' }).notNull(),
  time: integer('time').notNull(),
  /** Seq of the Checkpoint event that set this head. */
  seq: integer('seq').notNull(),
});

// ---- hub DO ----

/**
 * Live WebSocket subscriptions. Not a ledger: rows die with their socket. They live here rather than
 * in the socket's attachment because an attachment holds at most 2,048 bytes.
 */
export const hubSubscriptions = sqliteTable(
  'hub_subscriptions',
  {
    id: text('id').primaryKey(),
    socket: text('socket').notNull(),
    /** Canonical topic key: `blocks`, `tx:<0x-hash>` or `account:<address>`. */
    topic: text('topic').notNull(),
  },
  (t) => [index('hub_subscriptions_socket').on(t.socket)],
);

// ---- faucet DO read models ----

export const faucetRequests = sqliteTable(
  'faucet_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    address: text('address').notNull(),
    ip: text('ip').notNull(),
    time: integer('time').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('faucet_address').on(t.address, t.time), index('faucet_ip').on(t.ip, t.time)],
);
