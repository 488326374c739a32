/** Signing a transaction with a Signer of either account kind. */
import type { Signer } from '../keys/signer.ts';
import { ErrorCode, fail } from '../errors.ts';
import { txHash } from './txHash.ts';
import type { Tx, UnsignedTx } from './types.ts';

export function signTx(tx: UnsignedTx, signer: Signer): Tx {
  if (tx.sender !== signer.address)
    fail(ErrorCode.SIGNER_MISMATCH, "sender is not the signer's address", 'sender');
  return { ...tx, signature: signer.sign(txHash(tx)) };
}
