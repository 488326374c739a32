/**
 * The lattice state transition of one table block: incoming receipts (recv of sends from other
 * tables, confirms of our own sends), then transactions in proposal order. Produces the unit
 * blocks, the header, outgoing receipts, per-transaction results and the changed state, without
 * touching the input state (callers merge `accounts` and `peers`). Receipts are applied strictly
 * in per-table-pair id order: an id already seen is skipped (exactly once), an id past a gap waits.
 */
import { isProtocolError } from '../errors.ts';
import { concatBytes, utf8 } from '../bytes.ts';
import { merkleRoot } from '../merkle/merkle.ts';
import { tableOf } from '../keys/address.ts';
import { isTransfer } from '../tx/types.ts';
import { accountStateHash, cloneAccount, emptyAccount } from './accountState.ts';
import { admitTx } from './admitTx.ts';
import { applyEntry } from './applyEntry.ts';
import { encodeReceipt, receiptsRoot } from './receipt.ts';
import { blockHash } from './tableBlock.ts';
import { txHashAndSize } from './txDigest.ts';
import { unitHash } from './unitBlock.ts';
import {
  EntryKind,
  ReceiptKind,
  type AccountState,
  type BlockInput,
  type BlockResult,
  type PeerCursor,
  type Receipt,
  type TableState,
  type TxResult,
  type UnitBlock,
  type UnitEntry,
} from './types.ts';

/** `seeds` are entries applied before anything else; only genesis uses them. */
export function applyBlock(
  state: TableState,
  input: BlockInput,
  seeds: readonly { address: string; entry: UnitEntry }[] = [],
): BlockResult {
  const height = state.height + 1n;
  const time = input.time;
  const accounts = new Map<string, AccountState>();
  const peers = new Map<number, PeerCursor>();
  const entries = new Map<string, UnitEntry[]>();
  const outgoing: Receipt[] = [];
  const applied: Receipt[] = [];
  const skipped: Receipt[] = [];
  const deferred: Receipt[] = [];
  const results: TxResult[] = [];
  const included: Uint8Array[] = [];
  const rejected: Uint8Array[] = [];
  let burned = state.burned;

  const account = (addr: string): AccountState => {
    let a = accounts.get(addr);
    if (!a) {
      const base = state.accounts.get(addr);
      a = base ? cloneAccount(base) : emptyAccount();
      accounts.set(addr, a);
    }
    return a;
  };
  const peer = (t: number): PeerCursor => {
    let c = peers.get(t);
    if (!c) {
      c = { ...(state.peers.get(t) ?? { sent: 0n, received: 0n, confirmed: 0n }) };
      peers.set(t, c);
    }
    return c;
  };
  const record = (addr: string, e: UnitEntry): void => {
    applyEntry(account(addr), e, time);
    let list = entries.get(addr);
    if (!list) entries.set(addr, (list = []));
    list.push(e);
  };

  for (const s of seeds) record(s.address, s.entry);

  // Incoming receipts, in a canonical order so every replica applies them alike.
  const incoming = input.receipts
    .slice()
    .sort((x, y) => x.kind - y.kind || x.fromTable - y.fromTable || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const x of incoming) {
    const c = peer(x.fromTable);
    if (x.toTable !== state.table) {
      skipped.push(x);
      continue;
    }
    // The recv or confirm entry a receipt puts on its account's chain.
    const phase = (kind: EntryKind, account: string, peer: string): void =>
      record(account, {
        kind,
        txHash: x.txHash,
        peer,
        amount: x.amount,
        tgas: 0n,
        burn: 0n,
        peerTable: x.fromTable,
        receiptId: x.id,
      });
    if (x.kind === ReceiptKind.send) {
      // A receipt for an account of another table can never apply here: drop it rather than wait forever.
      if (x.id <= c.received || tableOf(x.receiver, state.tableCount) !== state.table) skipped.push(x);
      else if (x.id > c.received + 1n) deferred.push(x);
      else {
        c.received = x.id;
        phase(EntryKind.recv, x.receiver, x.sender);
        applied.push(x);
        outgoing.push({
          ...x,
          kind: ReceiptKind.confirm,
          fromTable: state.table,
          toTable: x.fromTable,
          height,
        });
      }
    } else {
      if (x.id <= c.confirmed) skipped.push(x);
      else if (x.id > c.confirmed + 1n || x.id > c.sent) deferred.push(x);
      else {
        c.confirmed = x.id;
        phase(EntryKind.confirm, x.sender, x.receiver);
        applied.push(x);
      }
    }
  }

  const ctx = { table: state.table, tableCount: state.tableCount, time };
  for (const tx of input.txs) {
    const { hash, size } = txHashAndSize(tx);
    let entry: UnitEntry;
    try {
      entry = admitTx(account(tx.sender), tx, hash, size, ctx);
    } catch (e) {
      if (!isProtocolError(e)) throw e;
      results.push({ hash, ok: false, code: e.code, message: e.message });
      rejected.push(concatBytes(hash, utf8(e.code)));
      continue;
    }
    const crossTable = isTransfer(tx.type) && entry.peerTable !== state.table;
    if (crossTable) entry.receiptId = ++peer(entry.peerTable).sent;
    record(tx.sender, entry);
    burned += entry.burn;
    if (isTransfer(tx.type)) {
      const phase = {
        txHash: hash,
        amount: tx.amount,
        tgas: 0n,
        burn: 0n,
        peerTable: state.table,
        receiptId: 0n,
      };
      if (crossTable)
        outgoing.push({
          kind: ReceiptKind.send,
          fromTable: state.table,
          toTable: entry.peerTable,
          id: entry.receiptId,
          txHash: hash,
          sender: tx.sender,
          receiver: tx.receiver,
          amount: tx.amount,
          height,
        });
      else {
        record(tx.receiver, { ...phase, kind: EntryKind.recv, peer: tx.sender });
        record(tx.sender, { ...phase, kind: EntryKind.confirm, peer: tx.receiver });
      }
    }
    results.push({ hash, ok: true });
    included.push(hash);
  }

  const units: UnitBlock[] = [];
  const unitHashes: Uint8Array[] = [];
  for (const [addr, list] of entries) {
    const a = accounts.get(addr)!;
    const unit: UnitBlock = {
      account: addr,
      height: a.unitHeight + 1n,
      prevHash: a.lastUnitHash,
      table: state.table,
      tableHeight: height,
      time,
      entries: list,
      stateHash: accountStateHash(a),
    };
    a.unitHeight = unit.height;
    a.lastUnitHash = unitHash(unit);
    units.push(unit);
    unitHashes.push(a.lastUnitHash);
  }

  const header = {
    chainId: state.chainId,
    table: state.table,
    height,
    prevHash: state.lastBlockHash,
    time,
    txCount: included.length,
    txRoot: merkleRoot(included),
    rejectedRoot: merkleRoot(rejected),
    inputsRoot: merkleRoot(applied.map(encodeReceipt)),
    unitsRoot: merkleRoot(unitHashes),
    receiptsRoot: receiptsRoot(outgoing),
  };
  return {
    header,
    hash: blockHash(header),
    units,
    outgoing,
    applied,
    skipped,
    deferred,
    results,
    accounts,
    peers,
    burned,
  };
}

/** Merges a committed block's result into the state, in place (the state is the caller's). */
export function commitBlock(state: TableState, r: BlockResult): void {
  for (const [k, v] of r.accounts) state.accounts.set(k, v);
  for (const [k, v] of r.peers) state.peers.set(k, v);
  state.height = r.header.height;
  state.lastBlockHash = r.hash;
  state.burned = r.burned;
}
