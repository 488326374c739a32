/**
 * The table's read models as a fold of its log: each event type's effect on the SQLite tables.
 * The live path calls these right after appending, in the same transactionSync; a rebuild drops
 * the read models and calls them for every event in order — one code path for both.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import type { Tx } from '../../protocol/tx/types.ts';
import { txHashAndSize } from '../../protocol/lattice/txDigest.ts';
import { decodeUnit, unitHash } from '../../protocol/lattice/unitBlock.ts';
import { decodeReceipt } from '../../protocol/lattice/receipt.ts';
import { decodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { applyEntry } from '../../protocol/lattice/applyEntry.ts';
import { cloneAccount, emptyAccount } from '../../protocol/lattice/accountState.ts';
import {
  EntryKind,
  ReceiptKind,
  type AccountState,
  type PeerCursor,
  type Receipt,
} from '../../protocol/lattice/types.ts';
import {
  TableEvent,
  type BlockCommittedBody,
  type BlockProposedBody,
  type ReceiptsDeliveredBody,
  type TxsAcceptedBody,
} from '../../schema/events.ts';
import { accountFromJson, accountToJson } from './accountJson.ts';

/** Read-model tables a rebuild drops and refills (the log and outbox are not read models; meta's 'burned' and 'proposal' keys are). */
const TABLE_READ_MODELS = ['accounts', 'txs', 'blocks', 'peers', 'inbox', 'received'];

/** Every read model, row order fixed: what a rebuild must reproduce. */
export const TABLE_READ_MODEL_QUERIES = [
  'SELECT * FROM accounts ORDER BY address',
  'SELECT * FROM txs ORDER BY hash',
  // The mempool: pending transactions in admission order.
  "SELECT hash FROM txs WHERE status = 'pending' ORDER BY accepted_seq, rowid",
  'SELECT * FROM blocks ORDER BY height',
  'SELECT * FROM peers ORDER BY peer',
  'SELECT * FROM inbox ORDER BY from_table, kind, id',
  'SELECT * FROM received ORDER BY hash',
  "SELECT key, value FROM meta WHERE key IN ('burned', 'proposal') ORDER BY key",
];

/** Drops every read model and folds the whole log again; call inside a transaction. Returns the events replayed. */
export function replayLog(sql: SqlStorage, table: number): number {
  for (const t of TABLE_READ_MODELS) sql.exec(`DELETE FROM ${t}`);
  sql.exec("DELETE FROM meta WHERE key IN ('burned', 'proposal')");
  let events = 0;
  for (const r of sql
    .exec<{ seq: number; type: string; body: string }>('SELECT seq, type, body FROM events ORDER BY seq')
    .toArray()) {
    events++;
    evolve(sql, table, r.type, JSON.parse(r.body), r.seq);
  }
  return events;
}

function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    key,
    value,
  );
}

/** The proposal written ahead of the block being certified, if any. */
export function savedProposal(sql: SqlStorage): BlockProposedBody | null {
  const v = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'proposal'").toArray()[0]?.value;
  return v ? (JSON.parse(v) as BlockProposedBody) : null;
}

export function burnedTotal(sql: SqlStorage): bigint {
  return BigInt(
    sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'burned'").toArray()[0]?.value ?? '0',
  );
}

/** One event of the table's log applied to its read models; a committed block also returns what it changed. */
export function evolve(
  sql: SqlStorage,
  table: number,
  type: string,
  body: unknown,
  seq: number,
  accountOf?: (address: string) => AccountState | undefined,
  peerOf?: (peer: number) => PeerCursor | undefined,
): Evolved | null {
  if (type === TableEvent.proposed) setMeta(sql, 'proposal', JSON.stringify(body));
  else if (type === TableEvent.accepted) evolveAccepted(sql, body as TxsAcceptedBody, seq);
  else if (type === TableEvent.delivered) evolveDelivered(sql, body as ReceiptsDeliveredBody);
  else if (type === TableEvent.committed) {
    const ev = evolveCommitted(sql, table, body as BlockCommittedBody, accountOf, peerOf);
    setMeta(sql, 'burned', (burnedTotal(sql) + ev.burned).toString());
    sql.exec("DELETE FROM meta WHERE key = 'proposal'");
    return ev;
  }
  return null;
}

/**
 * Admitted transactions into `txs` as pending (the mempool). The live path passes what it already decoded
 * (same order as `body.txs`); a replay decodes from the log.
 */
export function evolveAccepted(
  sql: SqlStorage,
  body: TxsAcceptedBody,
  seq: number,
  decoded?: readonly { tx: Tx; hash: Uint8Array }[],
): void {
  for (let i = 0; i < body.txs.length; i++) {
    const bytes = fromHex(body.txs[i]!);
    const known = decoded?.[i];
    const tx = known ? known.tx : decodeTx(bytes);
    const hash = known ? known.hash : txHashAndSize(tx).hash;
    sql.exec(
      "INSERT INTO txs (hash, sender, receiver, nonce, status, raw, accepted_seq) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
      hash,
      tx.sender,
      tx.receiver,
      tx.nonce.toString(),
      bytes,
      seq,
    );
  }
}

/** Delivered receipts into the inbox; the live path passes them decoded (same order), a replay decodes. */
export function evolveDelivered(
  sql: SqlStorage,
  body: ReceiptsDeliveredBody,
  decoded?: readonly Receipt[],
): void {
  for (let i = 0; i < body.receipts.length; i++) {
    const raw = body.receipts[i]!;
    const x = decoded?.[i] ?? decodeReceipt(fromHex(raw));
    sql.exec(
      'INSERT OR IGNORE INTO inbox (from_table, kind, id, body) VALUES (?, ?, ?, ?)',
      x.fromTable,
      x.kind,
      x.id.toString(),
      raw,
    );
  }
}

export function loadAccount(sql: SqlStorage, address: string): AccountState | undefined {
  const row = sql
    .exec<{ state: string }>('SELECT state FROM accounts WHERE address = ?', address)
    .toArray()[0];
  return row ? accountFromJson(row.state) : undefined;
}

export function loadPeer(sql: SqlStorage, peer: number): PeerCursor {
  const r = sql
    .exec<{ sent: string; received: string; confirmed: string }>(
      'SELECT sent, received, confirmed FROM peers WHERE peer = ?',
      peer,
    )
    .toArray()[0];
  return r
    ? { sent: BigInt(r.sent), received: BigInt(r.received), confirmed: BigInt(r.confirmed) }
    : { sent: 0n, received: 0n, confirmed: 0n };
}

export interface Evolved {
  accounts: Map<string, AccountState>;
  peers: Map<number, PeerCursor>;
  burned: bigint;
}

/**
 * Clears the inbox rows of one sender table and kind up to its cursor: receipts of a pair are
 * applied in id order, so after a block every row at or below the cursor was applied or skipped
 * (a duplicate) — one range delete per pair instead of one per receipt. Ids are decimal TEXT;
 * CAST compares them as SQLite's 64-bit integers, exactly.
 */
function dropFromInbox(sql: SqlStorage, fromTable: number, kind: ReceiptKind, upTo: bigint): void {
  sql.exec(
    'DELETE FROM inbox WHERE from_table = ? AND kind = ? AND CAST(id AS INTEGER) <= CAST(? AS INTEGER)',
    fromTable,
    kind,
    upTo.toString(),
  );
}

/**
 * Applies a committed block to the read models; returns the accounts and peer cursors it changed.
 * `accountOf` and `peerOf` are the live path's in-memory state (equal to the accounts and peers
 * rows by construction), which saves a read (and a JSON parse) per unit and per peer; a replay
 * reads the rows.
 */
export function evolveCommitted(
  sql: SqlStorage,
  table: number,
  body: BlockCommittedBody,
  accountOf: (address: string) => AccountState | undefined = (a) => loadAccount(sql, a),
  peerOf: (peer: number) => PeerCursor | undefined = (t) => loadPeer(sql, t),
): Evolved {
  const header = decodeHeader(fromHex(body.header));
  const height = body.height;
  sql.exec(
    'INSERT INTO blocks (height, hash, header, certificate, body, time, tx_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    height,
    fromHex(body.hash),
    body.header,
    body.certificate,
    JSON.stringify({
      committee: body.committee,
      ...(body.epoch ? { epoch: body.epoch } : {}),
      results: body.results,
      units: body.units,
      outgoing: body.outgoing,
      applied: body.applied,
      dropped: body.dropped,
    }),
    header.time,
    header.txCount,
  );

  const peers = new Map<number, PeerCursor>();
  const peer = (t: number): PeerCursor => {
    let c = peers.get(t);
    if (!c) {
      // A copy: the caller's cursors change only once the block has committed.
      const known = peerOf(t);
      c = known ? { ...known } : { sent: 0n, received: 0n, confirmed: 0n };
      peers.set(t, c);
    }
    return c;
  };
  // Where each confirmed transfer was received: the confirm receipt names the recv block.
  const recvAt = new Map<string, { table: number; height: bigint }>();
  /** `${fromTable}/${kind}` of every pair whose inbox rows this block consumed. */
  const consumed = new Map<string, { fromTable: number; kind: ReceiptKind }>();
  for (const raw of body.applied) {
    const x = decodeReceipt(fromHex(raw));
    if (x.kind === ReceiptKind.send) peer(x.fromTable).received = x.id;
    else {
      peer(x.fromTable).confirmed = x.id;
      recvAt.set(toHex(x.txHash), { table: x.fromTable, height: x.height });
    }
    consumed.set(`${x.fromTable}/${x.kind}`, x);
  }
  for (const raw of body.dropped) {
    const x = decodeReceipt(fromHex(raw));
    consumed.set(`${x.fromTable}/${x.kind}`, x);
  }
  for (const { fromTable, kind } of consumed.values()) {
    const c = peer(fromTable);
    dropFromInbox(sql, fromTable, kind, kind === ReceiptKind.send ? c.received : c.confirmed);
  }
  for (const raw of body.outgoing) {
    const x = decodeReceipt(fromHex(raw));
    if (x.kind === ReceiptKind.send) peer(x.toTable).sent = x.id;
  }

  const accounts = new Map<string, AccountState>();
  let burned = 0n;
  for (const raw of body.units) {
    const u = decodeUnit(fromHex(raw));
    // A later unit of the same account in this block builds on the earlier one.
    const base = accounts.get(u.account) ?? accountOf(u.account);
    const a = base ? cloneAccount(base) : emptyAccount();
    for (const e of u.entries) {
      applyEntry(a, e, u.time);
      burned += e.burn;
      const cross = e.peerTable !== table;
      switch (e.kind) {
        case EntryKind.send:
          if (cross)
            sql.exec(
              "UPDATE txs SET status = 'sent', send_height = ?, recv_table = ? WHERE hash = ?",
              height,
              e.peerTable,
              e.txHash,
            );
          else
            sql.exec(
              "UPDATE txs SET status = 'final', send_height = ?, recv_table = ?, recv_height = ?, confirm_height = ? WHERE hash = ?",
              height,
              table,
              height,
              height,
              e.txHash,
            );
          break;
        case EntryKind.recv:
          if (cross)
            sql.exec(
              'INSERT OR IGNORE INTO received (hash, from_table, receipt_id, height) VALUES (?, ?, ?, ?)',
              e.txHash,
              e.peerTable,
              e.receiptId.toString(),
              height,
            );
          break;
        case EntryKind.confirm:
          if (cross) {
            const at = recvAt.get(toHex(e.txHash));
            sql.exec(
              "UPDATE txs SET status = 'final', recv_height = ?, confirm_height = ? WHERE hash = ?",
              at ? Number(at.height) : null,
              height,
              e.txHash,
            );
          }
          break;
        case EntryKind.genesis:
          break;
        default:
          sql.exec(
            "UPDATE txs SET status = 'final', send_height = ?, confirm_height = ? WHERE hash = ?",
            height,
            height,
            e.txHash,
          );
      }
    }
    a.unitHeight = u.height;
    a.lastUnitHash = unitHash(u);
    sql.exec(
      'INSERT INTO accounts (address, balance, nonce, unit_height, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET balance = excluded.balance, nonce = excluded.nonce, unit_height = excluded.unit_height, state = excluded.state',
      u.account,
      a.balance.toString(),
      a.nonce.toString(),
      a.unitHeight.toString(),
      accountToJson(a),
    );
    accounts.set(u.account, a);
  }
  // Included transactions left 'pending' (the mempool) through their sender's entry above.
  for (const r of body.results)
    if (!r.ok)
      sql.exec(
        "UPDATE txs SET status = 'rejected', code = ?, message = ? WHERE hash = ?",
        r.code ?? null,
        r.message ?? null,
        fromHex(r.hash),
      );
  for (const [t, c] of peers)
    sql.exec(
      'INSERT INTO peers (peer, sent, received, confirmed) VALUES (?, ?, ?, ?) ON CONFLICT(peer) DO UPDATE SET sent = excluded.sent, received = excluded.received, confirmed = excluded.confirmed',
      t,
      c.sent.toString(),
      c.received.toString(),
      c.confirmed.toString(),
    );
  return { accounts, peers, burned };
}
