/**
 * Receipts: encoding and hash, and the proof a receipt carries between tables — its Merkle path
 * into the receiptsRoot of the source table block, that block's header, and the header's commit
 * certificate (checked by the caller, who knows the committee).
 */
import { Writer } from '../codec/writer.ts';
import type { Reader } from '../codec/reader.ts';
import { decodeAll } from '../codec/reader.ts';
import { readAddress, writeAddress } from '../keys/address.ts';
import { Domain, taggedHash } from '../hash.ts';
import { ErrorCode, fail } from '../errors.ts';
import {
  merkleProof,
  merkleProofs,
  merkleRoot,
  verifyMerkleProof,
  type MerkleProof,
} from '../merkle/merkle.ts';
import { bytesEqual } from '../bytes.ts';
import type { Receipt, ReceiptKind, TableBlockHeader } from './types.ts';

export function writeReceipt(w: Writer, x: Receipt): void {
  w.u8(x.kind, 'receipt.kind').u32(x.fromTable, 'receipt.fromTable').u32(x.toTable, 'receipt.toTable');
  w.u64(x.id, 'receipt.id').fixed(x.txHash, 32, 'receipt.txHash');
  writeAddress(w, x.sender, 'receipt.sender');
  writeAddress(w, x.receiver, 'receipt.receiver');
  w.u64(x.amount, 'receipt.amount').u64(x.height, 'receipt.height');
}

export function readReceipt(r: Reader): Receipt {
  const kind = r.u8('receipt.kind');
  if (kind > 1) fail(ErrorCode.BAD_ENUM, `unknown receipt kind ${kind}`, 'receipt.kind');
  return {
    kind: kind as ReceiptKind,
    fromTable: r.u32('receipt.fromTable'),
    toTable: r.u32('receipt.toTable'),
    id: r.u64('receipt.id'),
    txHash: r.fixed(32, 'receipt.txHash'),
    sender: readAddress(r, 'receipt.sender'),
    receiver: readAddress(r, 'receipt.receiver'),
    amount: r.u64('receipt.amount'),
    height: r.u64('receipt.height'),
  };
}

export function encodeReceipt(x: Receipt): Uint8Array {
  const w = new Writer();
  writeReceipt(w, x);
  return w.finish();
}

export function decodeReceipt(b: Uint8Array): Receipt {
  return decodeAll(b, readReceipt, 'receipt');
}

export function receiptHash(x: Receipt): Uint8Array {
  return taggedHash(Domain.receipt, encodeReceipt(x));
}

export function receiptsRoot(outgoing: readonly Receipt[]): Uint8Array {
  return merkleRoot(outgoing.map(encodeReceipt));
}

/** Merkle proof of the receipt at `index` among a block's outgoing receipts. */
export function receiptProof(outgoing: readonly Receipt[], index: number): MerkleProof {
  return merkleProof(outgoing.map(encodeReceipt), index);
}

/** Proofs of all of a block's outgoing receipts, building the tree once. */
export function receiptProofs(outgoing: readonly Receipt[]): MerkleProof[] {
  return merkleProofs(outgoing.map(encodeReceipt));
}

/**
 * Checks that a receipt is a leaf of `header`'s receiptsRoot and names the header's table and
 * height. The certificate over the header is the caller's to check (it knows the committee).
 */
export function verifyReceiptInBlock(x: Receipt, proof: MerkleProof, header: TableBlockHeader): void {
  if (x.fromTable !== header.table)
    fail(ErrorCode.BAD_RECEIPT, "receipt is not from this block's table", 'receipt.fromTable');
  if (x.height !== header.height)
    fail(ErrorCode.BAD_RECEIPT, "receipt is not from this block's height", 'receipt.height');
  if (!verifyMerkleProof(header.receiptsRoot, encodeReceipt(x), proof))
    fail(ErrorCode.BAD_PROOF, "receipt is not in the block's receipts root", 'proof');
}

export function sameReceipt(a: Receipt, b: Receipt): boolean {
  return bytesEqual(receiptHash(a), receiptHash(b));
}
