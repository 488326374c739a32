/** The table's in-memory working set, loaded from its read models at start-up and after a rebuild. */
import { fromHex } from '../../protocol/bytes.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { decodeReceipt } from '../../protocol/lattice/receipt.ts';
import { txHashAndSize } from '../../protocol/lattice/txDigest.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import type { AccountState, PeerCursor, Receipt, TableState } from '../../protocol/lattice/types.ts';
import type { Tx } from '../../protocol/tx/types.ts';
import { burnedTotal, loadAccount } from './evolve.ts';

export interface PendingTx {
  tx: Tx;
  hash: Uint8Array;
  size: number;
}

export interface Loaded {
  state: TableState;
  lastTime: number;
  pending: PendingTx[];
  inbox: Receipt[];
}

export function loadState(sql: SqlStorage, config: NetworkConfig, table: number): Loaded {
  const head = sql
    .exec<{ height: number; hash: ArrayBuffer; time: number }>(
      'SELECT height, hash, time FROM blocks ORDER BY height DESC LIMIT 1',
    )
    .one();
  const accounts = new Map<string, AccountState>();
  for (const r of sql.exec<{ address: string }>('SELECT address FROM accounts'))
    accounts.set(r.address, loadAccount(sql, r.address)!);
  const peers = new Map<number, PeerCursor>();
  for (const r of sql.exec<{ peer: number; sent: string; received: string; confirmed: string }>(
    'SELECT * FROM peers',
  ))
    peers.set(r.peer, { sent: BigInt(r.sent), received: BigInt(r.received), confirmed: BigInt(r.confirmed) });
  const pending: PendingTx[] = [];
  for (const r of sql.exec<{ raw: ArrayBuffer }>(
    "SELECT raw FROM txs WHERE status = 'pending' ORDER BY accepted_seq, rowid",
  )) {
    const tx = decodeTx(new Uint8Array(r.raw));
    pending.push({ tx, ...txHashAndSize(tx) });
  }
  const inbox = sql
    .exec<{ body: string }>('SELECT body FROM inbox ORDER BY kind, from_table, CAST(id AS INTEGER)')
    .toArray()
    .map((r) => decodeReceipt(fromHex(r.body)));
  return {
    state: {
      chainId: config.chainId,
      table,
      tableCount: tableCount(config),
      height: BigInt(head.height),
      lastBlockHash: new Uint8Array(head.hash),
      accounts,
      peers,
      burned: burnedTotal(sql),
    },
    lastTime: head.time,
    pending,
    inbox,
  };
}
