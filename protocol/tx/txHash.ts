/** A transaction's hash: tagged SHA-256 of its unsigned encoding. Signatures sign this hash. */
import { Domain, taggedHash } from '../hash.ts';
import { encodeUnsignedTx } from './encodeTx.ts';
import type { UnsignedTx } from './types.ts';

export function txHash(tx: UnsignedTx): Uint8Array {
  return taggedHash(Domain.tx, encodeUnsignedTx(tx));
}
