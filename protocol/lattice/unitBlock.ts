/**
 * Unit blocks: canonical encoding, hash, and replay of an account's unit chain. A unit chain is
 * valid when each unit links to the previous unit's hash, heights count up from 1, and folding the
 * entries reproduces every unit's stateHash.
 */
import { Writer } from '../codec/writer.ts';
import type { Reader } from '../codec/reader.ts';
import { decodeAll } from '../codec/reader.ts';
import { readAddress, writeAddress } from '../keys/address.ts';
import { Domain, taggedHash } from '../hash.ts';
import { bytesEqual, ZERO32 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { accountStateHash, cloneAccount, emptyAccount } from './accountState.ts';
import { applyEntry } from './applyEntry.ts';
import {
  ENTRY_KIND_NAMES,
  type AccountState,
  type EntryKind,
  type UnitBlock,
  type UnitEntry,
} from './types.ts';

export const MAX_UNIT_ENTRIES = 65_536;

function writeOptAddress(w: Writer, a: string, field: string): void {
  w.bool(a !== '');
  if (a !== '') writeAddress(w, a, field);
}

function readOptAddress(r: Reader, field: string): string {
  return r.bool(field) ? readAddress(r, field) : '';
}

export function writeEntry(w: Writer, e: UnitEntry): void {
  w.u8(e.kind, 'entry.kind').fixed(e.txHash, 32, 'entry.txHash');
  writeOptAddress(w, e.peer, 'entry.peer');
  w.u64(e.amount, 'entry.amount').u64(e.tgas, 'entry.tgas').u64(e.burn, 'entry.burn');
  w.u32(e.peerTable, 'entry.peerTable').u64(e.receiptId, 'entry.receiptId');
}

export function readEntry(r: Reader): UnitEntry {
  const kind = r.u8('entry.kind');
  if (kind >= ENTRY_KIND_NAMES.length) fail(ErrorCode.BAD_ENUM, `unknown entry kind ${kind}`, 'entry.kind');
  return {
    kind: kind as EntryKind,
    txHash: r.fixed(32, 'entry.txHash'),
    peer: readOptAddress(r, 'entry.peer'),
    amount: r.u64('entry.amount'),
    tgas: r.u64('entry.tgas'),
    burn: r.u64('entry.burn'),
    peerTable: r.u32('entry.peerTable'),
    receiptId: r.u64('entry.receiptId'),
  };
}

export function writeUnit(w: Writer, u: UnitBlock): void {
  writeAddress(w, u.account, 'unit.account');
  w.u64(u.height, 'unit.height').fixed(u.prevHash, 32, 'unit.prevHash');
  w.u32(u.table, 'unit.table').u64(u.tableHeight, 'unit.tableHeight').u64(u.time, 'unit.time');
  w.list(u.entries, MAX_UNIT_ENTRIES, writeEntry, 'unit.entries');
  w.fixed(u.stateHash, 32, 'unit.stateHash');
}

export function readUnit(r: Reader): UnitBlock {
  return {
    account: readAddress(r, 'unit.account'),
    height: r.u64('unit.height'),
    prevHash: r.fixed(32, 'unit.prevHash'),
    table: r.u32('unit.table'),
    tableHeight: r.u64('unit.tableHeight'),
    time: r.u64n('unit.time'),
    entries: r.list(MAX_UNIT_ENTRIES, readEntry, 'unit.entries'),
    stateHash: r.fixed(32, 'unit.stateHash'),
  };
}

export function encodeUnit(u: UnitBlock): Uint8Array {
  const w = new Writer();
  writeUnit(w, u);
  return w.finish();
}

export function decodeUnit(b: Uint8Array): UnitBlock {
  return decodeAll(b, readUnit, 'unit');
}

export function unitHash(u: UnitBlock): Uint8Array {
  return taggedHash(Domain.unit, encodeUnit(u));
}

/**
 * Folds a unit chain from the empty account, checking links, heights and every stateHash.
 * Returns the final state (with unitHeight and lastUnitHash set).
 */
export function replayUnitChain(units: readonly UnitBlock[]): AccountState {
  let a = emptyAccount();
  let prev: Uint8Array = ZERO32;
  units.forEach((u, i) => {
    if (u.height !== BigInt(i + 1))
      fail(ErrorCode.OUT_OF_RANGE, `unit ${i} has height ${u.height}`, 'unit.height');
    if (!bytesEqual(u.prevHash, prev))
      fail(ErrorCode.PREV_HASH_MISMATCH, `unit ${u.height} does not link`, 'unit.prevHash');
    a = cloneAccount(a);
    for (const e of u.entries) applyEntry(a, e, u.time);
    if (!bytesEqual(accountStateHash(a), u.stateHash))
      fail(
        ErrorCode.PREV_HASH_MISMATCH,
        `unit ${u.height} state hash does not match its entries`,
        'unit.stateHash',
      );
    prev = unitHash(u);
    a.unitHeight = u.height;
    a.lastUnitHash = prev;
  });
  return a;
}
