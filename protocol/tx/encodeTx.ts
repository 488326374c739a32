/**
 * Canonical binary encoding of transactions. The unsigned encoding is the signing and hashing
 * preimage; the signed encoding appends the signature. Layout in docs/protocol.md.
 */
import { Writer } from '../codec/writer.ts';
import type { Reader } from '../codec/reader.ts';
import { decodeAll } from '../codec/reader.ts';
import { readAddress, writeAddress } from '../keys/address.ts';
import { ErrorCode, fail } from '../errors.ts';
import {
  MAX_MEMO_BYTES,
  MAX_TX_BYTES,
  NODE_ROLE_NAMES,
  TX_TYPE_NAMES,
  TX_VERSION,
  TxType,
  type NodeRole,
  type RegisterNodePayload,
  type Tx,
  type UnsignedTx,
} from './types.ts';
import { ethTransferTx } from './ethTransfer.ts';
import { MAX_ETH_TX_BYTES } from '../eth/ethTx.ts';

export function writeUnsignedTx(w: Writer, tx: UnsignedTx): void {
  w.u8(TX_VERSION, 'version');
  w.u32(tx.chainId, 'chainId');
  w.u8(tx.type, 'type');
  if (tx.type === TxType.ethTransfer) {
    // Everything but the sender and the inclusion window lives in the signed Ethereum bytes.
    if (!tx.eth) fail(ErrorCode.BAD_TYPE, 'ethTransfer needs the raw Ethereum transaction', 'eth');
    writeAddress(w, tx.sender, 'sender');
    w.u64(tx.timestamp, 'timestamp');
    w.u64(tx.expiry, 'expiry');
    w.bytes(tx.eth, MAX_ETH_TX_BYTES, 'eth');
    return;
  }
  writeAddress(w, tx.sender, 'sender');
  writeAddress(w, tx.receiver, 'receiver');
  w.u64(tx.nonce, 'nonce');
  w.fixed(tx.prevHash, 32, 'prevHash');
  w.u64(tx.amount, 'amount');
  w.u64(tx.timestamp, 'timestamp');
  w.u64(tx.expiry, 'expiry');
  w.string(tx.memo, MAX_MEMO_BYTES, 'memo');
  if (tx.type === TxType.registerNode) {
    const p = tx.payload;
    if (!p) fail(ErrorCode.BAD_TYPE, 'registerNode needs a payload', 'payload');
    w.u8(p.role, 'payload.role');
    w.fixed(p.consensusKey, 32, 'payload.consensusKey');
    w.fixed(p.vrfKey, 32, 'payload.vrfKey');
    w.u16(p.computeWeight, 'payload.computeWeight');
    w.u32(p.dividendRatePpm, 'payload.dividendRatePpm');
  }
}

export function readUnsignedTx(r: Reader): UnsignedTx {
  const version = r.u8('version');
  if (version !== TX_VERSION)
    fail(ErrorCode.BAD_VERSION, `unknown transaction version ${version}`, 'version');
  const chainId = r.u32('chainId');
  const type = r.u8('type');
  if (type >= TX_TYPE_NAMES.length) fail(ErrorCode.BAD_ENUM, `unknown transaction type ${type}`, 'type');
  if (type === TxType.ethTransfer) return readEthTransfer(r, chainId);
  const tx: UnsignedTx = {
    chainId,
    type: type as TxType,
    sender: readAddress(r, 'sender'),
    receiver: readAddress(r, 'receiver'),
    nonce: r.u64('nonce'),
    prevHash: r.fixed(32, 'prevHash'),
    amount: r.u64('amount'),
    timestamp: r.u64n('timestamp'),
    expiry: r.u64n('expiry'),
    memo: r.string(MAX_MEMO_BYTES, 'memo'),
  };
  if (type === TxType.registerNode) {
    const role = r.u8('payload.role');
    if (role >= NODE_ROLE_NAMES.length) fail(ErrorCode.BAD_ENUM, `unknown node role ${role}`, 'payload.role');
    const payload: RegisterNodePayload = {
      role: role as NodeRole,
      consensusKey: r.fixed(32, 'payload.consensusKey'),
      vrfKey: r.fixed(32, 'payload.vrfKey'),
      computeWeight: r.u16('payload.computeWeight'),
      dividendRatePpm: r.u32('payload.dividendRatePpm'),
    };
    tx.payload = payload;
  }
  return tx;
}

function readEthTransfer(r: Reader, chainId: number): Tx {
  const sender = readAddress(r, 'sender');
  const timestamp = r.u64n('timestamp');
  const expiry = r.u64n('expiry');
  const tx = ethTransferTx(r.bytes(MAX_ETH_TX_BYTES, 'eth'), sender, timestamp, expiry);
  if (tx.chainId !== chainId)
    fail(ErrorCode.WRONG_CHAIN, `signed for chain ${tx.chainId}, wrapped for ${chainId}`, 'chainId');
  return tx;
}

export function encodeUnsignedTx(tx: UnsignedTx): Uint8Array {
  const w = new Writer();
  writeUnsignedTx(w, tx);
  return w.finish();
}

export function writeTx(w: Writer, tx: Tx): void {
  writeUnsignedTx(w, tx);
  // An ethTransfer's signature is inside its Ethereum bytes.
  if (tx.type === TxType.ethTransfer) return;
  w.bytes(tx.signature, 65, 'signature');
}

export function readTx(r: Reader): Tx {
  const unsigned = readUnsignedTx(r);
  if (unsigned.type === TxType.ethTransfer) return unsigned as Tx;
  return { ...unsigned, signature: r.bytes(65, 'signature') };
}

export function encodeTx(tx: Tx): Uint8Array {
  const w = new Writer();
  writeTx(w, tx);
  const out = w.finish();
  if (out.length > MAX_TX_BYTES)
    fail(ErrorCode.OVERSIZED, `${out.length} bytes exceeds ${MAX_TX_BYTES}`, 'transaction');
  return out;
}

export function decodeTx(bytes: Uint8Array): Tx {
  if (bytes instanceof Uint8Array && bytes.length > MAX_TX_BYTES)
    fail(ErrorCode.OVERSIZED, `${bytes.length} bytes exceeds ${MAX_TX_BYTES}`, 'transaction');
  return decodeAll(bytes, readTx, 'transaction');
}
