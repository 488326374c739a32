/**
 * The table partition of the index: one table's BlockCommitted events folded into rows the explorer
 * queries — blocks, the transactions each block included or rejected, every account's unit chain
 * entries (account history), and unit blocks (the lattice). Every row is keyed by what the log
 * says (height, position, hash), written with INSERT OR REPLACE, so folding an event twice changes
 * nothing. Amounts, hashes and receipt ids are stored as text.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { decodeUnit, unitHash } from '../../protocol/lattice/unitBlock.ts';
import { ENTRY_KIND_NAMES, EntryKind } from '../../protocol/lattice/types.ts';
import { TableEvent, type BlockCommittedBody } from '../../schema/events.ts';
import type { EventRecord } from '../../schema/log.ts';
import type {
  HistoryEntry,
  HistoryPage,
  IndexBlock,
  IndexTx,
  LatticeUnit,
  RateBucket,
} from '../../schema/indexViews.ts';
import type { Projection } from './projection.ts';

const hex = (b: Uint8Array): string => '0x' + toHex(b);

export const tableProjection: Projection = {
  tables: ['ix_blocks', 'ix_txs', 'ix_history', 'ix_units'],
  ddl: [
    `CREATE TABLE IF NOT EXISTS ix_blocks (height INTEGER PRIMARY KEY, hash TEXT NOT NULL, time INTEGER NOT NULL,
      tx_count INTEGER NOT NULL, rejected INTEGER NOT NULL, units INTEGER NOT NULL, receipts_out INTEGER NOT NULL,
      receipts_in INTEGER NOT NULL, finalized INTEGER NOT NULL, committee TEXT)`,
    'CREATE INDEX IF NOT EXISTS ix_blocks_time ON ix_blocks (time)',
    `CREATE TABLE IF NOT EXISTS ix_txs (hash TEXT PRIMARY KEY, height INTEGER NOT NULL, idx INTEGER NOT NULL,
      ok INTEGER NOT NULL, kind TEXT, sender TEXT, receiver TEXT, amount TEXT, code TEXT, time INTEGER NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS ix_txs_order ON ix_txs (height, idx)',
    `CREATE TABLE IF NOT EXISTS ix_history (account TEXT NOT NULL, height INTEGER NOT NULL, idx INTEGER NOT NULL,
      unit_height INTEGER NOT NULL, kind TEXT NOT NULL, tx_hash TEXT NOT NULL, peer TEXT NOT NULL, amount TEXT NOT NULL,
      tgas TEXT NOT NULL, burn TEXT NOT NULL, peer_table INTEGER NOT NULL, receipt_id TEXT NOT NULL, time INTEGER NOT NULL,
      PRIMARY KEY (account, height, idx)) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS ix_units (height INTEGER NOT NULL, pos INTEGER NOT NULL, account TEXT NOT NULL,
      unit_height INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (height, pos)) WITHOUT ROWID`,
  ],
  digestQueries: [
    'SELECT * FROM ix_blocks ORDER BY height',
    'SELECT * FROM ix_txs ORDER BY height, idx',
    'SELECT * FROM ix_history ORDER BY account, height, idx',
    'SELECT * FROM ix_units ORDER BY height, pos',
  ],
  types: [TableEvent.committed],
  apply(sql, ev) {
    if (ev.type === TableEvent.committed) applyBlock(sql, ev as EventRecord<BlockCommittedBody>);
  },
};

function applyBlock(sql: SqlStorage, ev: EventRecord<BlockCommittedBody>): void {
  const b = ev.body;
  const time = decodeHeader(fromHex(b.header, 'header')).time;
  const units = b.units.map((u) => decodeUnit(fromHex(u, 'unit')));
  /** The sender's entry of each transaction this block included (the first entry naming it that is not a recv or confirm). */
  const own = new Map<string, { account: string; kind: string; peer: string; amount: string }>();
  let finalized = 0;
  units.forEach((u, pos) => {
    sql.exec(
      'INSERT OR REPLACE INTO ix_units (height, pos, account, unit_height, hash) VALUES (?, ?, ?, ?, ?)',
      b.height,
      pos,
      u.account,
      Number(u.height),
      hex(unitHash(u)),
    );
    u.entries.forEach((e, idx) => {
      const txHash = hex(e.txHash);
      if (e.kind === EntryKind.confirm) finalized++;
      if (e.kind !== EntryKind.recv && e.kind !== EntryKind.confirm && !own.has(txHash))
        own.set(txHash, {
          account: u.account,
          kind: ENTRY_KIND_NAMES[e.kind],
          peer: e.peer,
          amount: e.amount.toString(),
        });
      sql.exec(
        `INSERT OR REPLACE INTO ix_history (account, height, idx, unit_height, kind, tx_hash, peer, amount, tgas, burn,
          peer_table, receipt_id, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        u.account,
        b.height,
        idx,
        Number(u.height),
        ENTRY_KIND_NAMES[e.kind],
        txHash,
        e.peer,
        e.amount.toString(),
        e.tgas.toString(),
        e.burn.toString(),
        e.peerTable,
        e.receiptId.toString(),
        time,
      );
    });
  });
  b.results.forEach((r, idx) => {
    const o = r.ok ? own.get(r.hash) : undefined;
    sql.exec(
      `INSERT OR REPLACE INTO ix_txs (hash, height, idx, ok, kind, sender, receiver, amount, code, time)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.hash,
      b.height,
      idx,
      r.ok ? 1 : 0,
      o?.kind ?? null,
      o?.account ?? null,
      o ? o.peer || null : null,
      o?.amount ?? null,
      r.ok ? null : (r.code ?? null),
      time,
    );
  });
  const included = b.results.filter((r) => r.ok).length;
  sql.exec(
    `INSERT OR REPLACE INTO ix_blocks (height, hash, time, tx_count, rejected, units, receipts_out, receipts_in,
      finalized, committee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    b.height,
    b.hash,
    time,
    included,
    b.results.length - included,
    b.units.length,
    b.outgoing.length,
    b.applied.length,
    finalized,
    b.committee,
  );
}

// ---- reads ----

type BlockRow = {
  height: number;
  hash: string;
  time: number;
  tx_count: number;
  rejected: number;
  units: number;
  receipts_out: number;
  receipts_in: number;
  finalized: number;
  committee: string | null;
};

const blockOf = (table: number, r: BlockRow): IndexBlock => ({
  table,
  height: r.height,
  hash: r.hash,
  time: r.time,
  txCount: r.tx_count,
  rejected: r.rejected,
  units: r.units,
  receiptsOut: r.receipts_out,
  receiptsIn: r.receipts_in,
  finalized: r.finalized,
  committee: r.committee,
});

/** Blocks below `before` (exclusive; default: above the head), newest first. */
export function blocksBelow(
  sql: SqlStorage,
  table: number,
  before: number | null,
  limit: number,
): IndexBlock[] {
  return sql
    .exec<BlockRow>(
      'SELECT * FROM ix_blocks WHERE height < ? ORDER BY height DESC LIMIT ?',
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    )
    .toArray()
    .map((r) => blockOf(table, r));
}

type TxRow = {
  hash: string;
  height: number;
  ok: number;
  kind: string | null;
  sender: string | null;
  receiver: string | null;
  amount: string | null;
  code: string | null;
  time: number;
};

/** The newest included or rejected transactions, newest first. */
export function latestTxs(sql: SqlStorage, table: number, limit: number): IndexTx[] {
  return sql
    .exec<TxRow>('SELECT * FROM ix_txs ORDER BY height DESC, idx DESC LIMIT ?', limit)
    .toArray()
    .map((r) => ({
      hash: r.hash,
      table,
      height: r.height,
      ok: r.ok === 1,
      kind: r.kind,
      sender: r.sender,
      receiver: r.receiver,
      amount: r.amount,
      code: r.code,
      time: r.time,
    }));
}

type HistoryRow = {
  account: string;
  height: number;
  idx: number;
  unit_height: number;
  kind: string;
  tx_hash: string;
  peer: string;
  amount: string;
  tgas: string;
  burn: string;
  peer_table: number;
  receipt_id: string;
  time: number;
};

/** Cursor of a history page: `<height>.<idx>` of the last entry shown. */
export function parseHistoryCursor(v: string | null | undefined): { height: number; idx: number } | null {
  const m = v ? /^(\d{1,15})\.(\d{1,6})$/.exec(v) : null;
  return m ? { height: Number(m[1]), idx: Number(m[2]) } : null;
}

/** An account's entries older than the cursor, newest first; `limit` + 1 rows tell whether more exist. */
export function history(
  sql: SqlStorage,
  table: number,
  account: string,
  before: { height: number; idx: number } | null,
  limit: number,
): HistoryPage {
  const h = before?.height ?? Number.MAX_SAFE_INTEGER;
  const i = before?.idx ?? 0;
  const rows = sql
    .exec<HistoryRow>(
      `SELECT * FROM ix_history WHERE account = ? AND (height < ? OR (height = ? AND idx < ?))
        ORDER BY height DESC, idx DESC LIMIT ?`,
      account,
      h,
      h,
      i,
      limit + 1,
    )
    .toArray();
  const entries = rows.slice(0, limit).map((r) => historyOf(table, r));
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > limit && last ? `${last.height}.${last.idx}` : null };
}

const historyOf = (table: number, r: HistoryRow): HistoryEntry => ({
  account: r.account,
  table,
  height: r.height,
  idx: r.idx,
  unitHeight: r.unit_height,
  kind: r.kind,
  txHash: r.tx_hash,
  peer: r.peer,
  amount: r.amount,
  tgas: r.tgas,
  burn: r.burn,
  peerTable: r.peer_table,
  receiptId: r.receipt_id,
  time: r.time,
});

/** Included and finalized transactions per bucket of `width` seconds from `from` (inclusive) to `to` (exclusive). */
export function rates(sql: SqlStorage, from: number, to: number, width: number): RateBucket[] {
  return sql
    .exec<{ b: number; f: number; t: number }>(
      `SELECT (time - ?) / ? AS b, sum(finalized) AS f, sum(tx_count) AS t FROM ix_blocks
        WHERE time >= ? AND time < ? GROUP BY b ORDER BY b`,
      from,
      width,
      from,
      to,
    )
    .toArray()
    .map((r) => ({ start: from + r.b * width, finalized: r.f, txs: r.t }));
}

/**
 * Unit blocks of the newest `blocks` table blocks, newest first, at most `limit` units, each with
 * its first `entries` entries and the count of all (a busy account's unit holds hundreds).
 */
export function latticeUnits(
  sql: SqlStorage,
  table: number,
  blocks: number,
  limit: number,
  entries: number,
): LatticeUnit[] {
  const top = sql.exec<{ h: number | null }>('SELECT max(height) AS h FROM ix_blocks').one().h ?? 0;
  // One query: the chosen units joined with their entries (an account has one unit per table block).
  const rows = sql
    .exec<{
      height: number;
      account: string;
      unit_height: number;
      hash: string;
      time: number;
      n: number;
      kind: string;
      tx_hash: string;
      peer: string;
      amount: string;
    }>(
      `SELECT u.height, u.account, u.unit_height, u.hash, b.time, h.kind, h.tx_hash, h.peer, h.amount,
          (SELECT count(*) FROM ix_history c WHERE c.account = u.account AND c.height = u.height) AS n
        FROM (SELECT * FROM ix_units WHERE height > ? ORDER BY height DESC, pos DESC LIMIT ?) u
        JOIN ix_blocks b ON b.height = u.height
        JOIN ix_history h ON h.account = u.account AND h.height = u.height AND h.idx < ?
        ORDER BY u.height DESC, u.pos DESC, h.idx`,
      top - blocks,
      limit,
      entries,
    )
    .toArray();
  const out: LatticeUnit[] = [];
  for (const r of rows) {
    let u = out[out.length - 1];
    if (!u || u.account !== r.account || u.height !== r.height) {
      u = {
        account: r.account,
        unitHeight: r.unit_height,
        hash: r.hash,
        table,
        height: r.height,
        time: r.time,
        entryCount: r.n,
        entries: [],
      };
      out.push(u);
    }
    u.entries.push({ kind: r.kind, txHash: r.tx_hash, peer: r.peer, amount: r.amount });
  }
  return out;
}
