/** A transaction's hash and signed size from one encoding pass (size drives its Tgas). */
import { Writer } from '../codec/writer.ts';
import { Domain, keccak256, taggedHash } from '../hash.ts';
import { writeUnsignedTx } from '../tx/encodeTx.ts';
import { TxType, type Tx } from '../tx/types.ts';

export function txHashAndSize(tx: Tx): { hash: Uint8Array; size: number } {
  const w = new Writer();
  writeUnsignedTx(w, tx);
  const unsigned = w.finish();
  // An ethTransfer's signature travels inside its Ethereum bytes.
  if (tx.type === TxType.ethTransfer && tx.eth) return { hash: keccak256(tx.eth), size: unsigned.length };
  return { hash: taggedHash(Domain.tx, unsigned), size: unsigned.length + 4 + tx.signature.length };
}
