/**
 * A transaction's hash: tagged SHA-256 of its unsigned encoding, which signatures sign; an
 * ethTransfer's is keccak256 of its raw Ethereum bytes, the hash its wallet computed.
 */
import { Domain, keccak256, taggedHash } from '../hash.ts';
import { encodeUnsignedTx } from './encodeTx.ts';
import { TxType, type UnsignedTx } from './types.ts';

export function txHash(tx: UnsignedTx): Uint8Array {
  if (tx.type === TxType.ethTransfer && tx.eth) return keccak256(tx.eth);
  return taggedHash(Domain.tx, encodeUnsignedTx(tx));
}
